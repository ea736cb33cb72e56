"""A date-based deadline stays on its day when the machine's zone changes (issue 14, item
14): "end of Monday" computed in New York showed as "Tue 04:59" once the machine was in
London. Real processes, each with its own TZ, on one real database file."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import child_env
from tests.helpers.faults import run_afterword

# An interview in the shape of ARCHITECTURE §5's example; the employer promised an answer by
# Thursday 19 Nov, so the check-in falls two business days later: Monday 23 Nov 2026.
DOCUMENT = {
    "format": "afterword",
    "version": 1,
    "companies": [{"id": "c1", "name": "Hale & Pierce LLP", "industry": "law"}],
    "contacts": [{"id": "p1", "name": "Margaret Hale", "company": "c1", "email": "mh@example.com"}],
    "applications": [{"id": "a1", "company": "c1", "role": "Associate", "status": "interviewing"}],
    "interviews": [
        {
            "id": "i1",
            "application": "a1",
            "starts_at": "2026-11-16T10:00:00-05:00",
            "ends_at": "2026-11-16T11:00:00-05:00",
            "kind": "onsite",
            "promised_response_by": "2026-11-19",
            "participants": [{"contact": "p1"}],
        }
    ],
}


def _check_in(data: Path, zone: str) -> dict:  # type: ignore[type-arg]
    out = run_afterword(
        "--data-dir", str(data), "due", "--json", "--at", "2026-11-24T12:00:00+00:00",
        env=child_env(TZ=zone),
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    [item] = [i for i in json.loads(out.stdout) if i["kind"] == "check_in"]
    return item


def test_end_of_monday_stays_monday_when_the_machines_zone_changes(tmp_path):
    data = tmp_path / "data"
    source = tmp_path / "search.json"
    source.write_text(json.dumps(DOCUMENT), encoding="utf-8")
    made = run_afterword(
        "--data-dir", str(data), "import", str(source), env=child_env(TZ="America/New_York")
    )
    assert made.returncode == 0, made.stderr
    assert _check_in(data, "America/New_York")["due_at"] == "2026-11-23T23:59:59-05:00"

    # The laptop flies to London: the same day, at the end of the day and 09:00 there.
    london = _check_in(data, "Europe/London")
    assert london["due_at"] == "2026-11-23T23:59:59+00:00"
    assert london["remind_at"] == "2026-11-23T09:00:00+00:00"
    # And back: Monday still.
    assert _check_in(data, "America/New_York")["due_at"] == "2026-11-23T23:59:59-05:00"
