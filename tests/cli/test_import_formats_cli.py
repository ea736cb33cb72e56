"""`afterword import` recognises calendar invitations and contact files by themselves."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


def test_a_calendar_invite_becomes_an_interview_with_thank_yous(afterword, data_dir):
    out = afterword(
        "--data-dir", str(data_dir), "import", "--json", str(DATA / "google-invite.ics")
    )
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert summary["counts"]["interviews"]["created"] == 1
    assert summary["generated_followups"] >= 2  # thank-yous (one per interviewer) and a check-in
    again = json.loads(
        afterword(
            "--data-dir", str(data_dir), "import", "--json", str(DATA / "google-invite.ics")
        ).stdout
    )
    assert again["counts"]["interviews"]["created"] == 0


def test_linkedin_and_vcard_files_are_detected_without_format(afterword, data_dir):
    linked = afterword(
        "--data-dir", str(data_dir), "import", "--json", str(DATA / "linkedin-connections.csv")
    )
    assert linked.returncode == 0, linked.stderr
    assert json.loads(linked.stdout)["counts"]["contacts"]["created"] >= 3
    cards = afterword(
        "--data-dir", str(data_dir), "import", "--json", str(DATA / "apple-contacts.vcf")
    )
    assert cards.returncode == 0, cards.stderr


def test_a_plain_csv_is_imported_with_guessed_columns(afterword, data_dir, tmp_path):
    sheet = tmp_path / "people.csv"
    sheet.write_text("Full Name,E-mail,Company\nAda Byron,ada@example.org,Engines\n")
    out = afterword("--data-dir", str(data_dir), "import", str(sheet))
    assert out.returncode == 0, out.stderr
    assert "name            <- Full Name" in out.stdout
    assert "contacts      1 new" in out.stdout


def test_a_truncated_invite_is_refused_and_nothing_changes(afterword, data_dir, tmp_path):
    cut = tmp_path / "cut.ics"
    cut.write_bytes((DATA / "google-invite.ics").read_bytes()[:300])
    out = afterword("--data-dir", str(data_dir), "import", str(cut))
    assert out.returncode == 1
    assert "cut.ics" in out.stderr and "Traceback" not in out.stderr
    export = json.loads(
        afterword("--data-dir", str(data_dir), "export", "--format", "json", "-o", "-").stdout
    )
    assert export["interviews"] == []


def test_a_file_of_no_known_format_asks_for_format(afterword, data_dir, tmp_path):
    odd = tmp_path / "notes.bin"
    odd.write_bytes(b"\x00\x01 plainly not a calendar, a card or a table")
    out = afterword("--data-dir", str(data_dir), "import", str(odd))
    assert out.returncode == 1
    assert f"{odd}: cannot tell the file's format" in out.stderr
    assert "name it with --format" in out.stderr
