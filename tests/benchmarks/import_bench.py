"""Import speed: an invitation with thousands of guests (a dry run, as the preview does) and
a contacts spreadsheet of thousands of rows, each at two sizes to show the time grows
linearly with the file.

Run: .venv/bin/python -m tests.benchmarks.import_bench
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

Row = tuple[str, str, str, str]


def invite(guests: int) -> bytes:
    """One Google-style invite with `guests` attendees at a company domain."""
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "VERSION:2.0",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        "DTSTART:20261201T150000Z",
        "DTEND:20261201T160000Z",
        "DTSTAMP:20261120T100000Z",
        "UID:all-hands-interview@google.com",
        "SUMMARY:Interview: Staff Engineer",
        "ORGANIZER;CN=Priya Raman:mailto:priya.raman@brightloop.com",
    ]
    for n in range(guests):
        lines.append(
            "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=\r\n"
            f" TRUE;CN=Guest {n:05d};X-NUM-GUESTS=0:mailto:guest{n:05d}@brightloop.com"
        )
    lines += ["END:VEVENT", "END:VCALENDAR", ""]
    return "\r\n".join(lines).encode()


def sheet(rows: int) -> bytes:
    """A Google Contacts export of `rows` people at 200 companies."""
    header = (
        "First Name,Middle Name,Last Name,Phonetic First Name,Nickname,Organization Name,"
        "Organization Title,Notes,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value"
    )
    body = [
        f"Person{n},,Number{n},,,Company {n % 200},Engineer,,* Work,"
        f"person{n}@company{n % 200}.example,Mobile,+1 555 {n:07d}"
        for n in range(rows)
    ]
    return ("\r\n".join([header, *body]) + "\r\n").encode()


def _timed(name: str, data: bytes, fmt: str, dry_run: bool) -> float:
    from desktop.app import open_workspace
    from desktop.interchange.document_import import import_document
    from desktop.interchange.formats import detect_and_parse
    from desktop.interchange.lookup import load_existing
    from desktop.platform.paths import resolve_paths

    with tempfile.TemporaryDirectory() as tmp:
        ws = open_workspace(resolve_paths(Path(tmp)))
        try:
            start = time.perf_counter()
            with ws.store.read() as session:
                existing = load_existing(session, ws.tz)
            document = detect_and_parse(
                data, name, fmt, tz=ZoneInfo("America/New_York"), existing=existing
            )
            import_document(ws.store, document, ws.rules, ws.tz, dry_run=dry_run)
            return time.perf_counter() - start
        finally:
            ws.close()


def bench() -> list[Row]:
    rows: list[Row] = []
    small = _timed("invite.ics", invite(2_500), "ics", dry_run=True)
    big = _timed("invite.ics", invite(5_000), "ics", dry_run=True)
    rows.append(("import invite, 2,500 guests, dry run", f"{small:.2f} s", "1.00", ""))
    rows.append(
        (
            "import invite, 5,000 guests, dry run",
            f"{big:.2f} s",
            f"{big / small:.2f}",
            "ratio to 2,500: 2.0 is linear",
        )
    )
    small = _timed("contacts.csv", sheet(5_000), "csv", dry_run=False)
    big = _timed("contacts.csv", sheet(10_000), "csv", dry_run=False)
    rows.append(("import CSV, 5,000 rows", f"{small:.2f} s", "1.00", ""))
    rows.append(
        (
            "import CSV, 10,000 rows",
            f"{big:.2f} s",
            f"{big / small:.2f}",
            "ratio to 5,000: 2.0 is linear",
        )
    )
    return rows


if __name__ == "__main__":
    for row in bench():
        print("  ".join(row))
