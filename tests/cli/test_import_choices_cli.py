"""`afterword import` with the choices real files need: --company for invites no address
names, --skip-invalid for files with a few bad rows, the user's own addresses from
Settings, and a job-tracker sheet recognised by itself."""

from __future__ import annotations

import json
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"


def export(afterword, data_dir) -> dict:  # type: ignore[no-untyped-def]
    out = afterword("--data-dir", str(data_dir), "export", "--format", "json", "-o", "-")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_company_for_an_invite_from_personal_mail(afterword, data_dir):
    invite = str(CORPUS / "ics/google-gmail-organizer.ics")
    refused = afterword("--data-dir", str(data_dir), "import", invite)
    assert refused.returncode == 1
    assert refused.stderr.strip().splitlines() == [
        f"afterword import: {invite}: cannot import, nothing was changed:",
        "  event 1: cannot tell the company: no guest has a company address (only gmail.com); "
        "name the company (--company NAME, or in the import window)",
    ]
    out = afterword(
        "--data-dir", str(data_dir), "import", "--json", "--company", "Tiny Robotics", invite
    )
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert summary["counts"]["interviews"]["created"] == 1
    # No own addresses in Settings yet: the user's own gmail guest cannot be told apart.
    assert summary["warnings"] == [
        "your own email addresses are not set (Settings ▸ You): if you are a guest of these "
        "invitations, you were taken for an interviewer"
    ]
    doc = export(afterword, data_dir)
    assert [c["name"] for c in doc["companies"]] == ["Tiny Robotics"]
    assert next((p["name"], p["email"]) for p in doc["contacts"]) == (
        "Maya Chen",
        "maya.tinyrobotics@gmail.com",
    )
    blank = afterword("--data-dir", str(data_dir), "import", "--company", " ", invite)
    assert blank.returncode == 2 and "--company: give the company's name" in blank.stderr


def test_skip_invalid_imports_the_rest_and_lists_what_was_left_out(afterword, data_dir):
    sheet = str(CORPUS / "csv/tracker-bad-date.csv")
    refused = afterword("--data-dir", str(data_dir), "import", sheet)
    assert refused.returncode == 1
    assert "row 3: applied date: 'soon' is not a date (e.g. 2026-11-20)" in refused.stderr
    out = afterword("--data-dir", str(data_dir), "import", "--skip-invalid", sheet)
    assert out.returncode == 0, out.stderr
    assert "  applications  2 new, 0 updated, 0 unchanged" in out.stdout
    assert out.stdout.splitlines()[-2:] == [
        "  left out, 1 with problems (--skip-invalid):",
        "    row 3: applied date: 'soon' is not a date (e.g. 2026-11-20)",
    ]
    doc = export(afterword, data_dir)
    assert sorted(a["role"] for a in doc["applications"]) == ["Recruiter", "Supply Analyst"]


def test_own_addresses_from_settings_are_never_interviewers(afterword, data_dir):
    from desktop.app import open_workspace
    from desktop.core.settings import RuleSettings, UserProfile
    from desktop.platform.paths import resolve_paths

    ws = open_workspace(resolve_paths(data_dir))
    ws.save_settings(
        UserProfile(
            name="Alex Morgan", emails=("alex@alexmorgan.dev", "alex.morgan.jobs@gmail.com")
        ),
        RuleSettings(),
    )
    ws.close()
    out = afterword(
        "--data-dir", str(data_dir), "import", "--json", str(CORPUS / "ics/title-callback.ics")
    )
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert not any("own email addresses are not set" in w for w in summary["warnings"])
    doc = export(afterword, data_dir)
    assert [p["email"] for p in doc["contacts"]] == ["grace.liu@meridianpartners.com"]
    assert [f["contact"] for f in doc["followups"] if f["kind"] == "thank_you"] == [
        doc["contacts"][0]["id"]
    ]
