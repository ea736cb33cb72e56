"""Import speed: an invitation with thousands of guests (a dry run, as the preview does) and
a contacts spreadsheet of thousands of rows, each at two sizes to show the time grows
linearly with the file.

Run: .venv/bin/python -m tests.benchmarks.import_bench
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
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


def _timed(name: str, data: bytes, fmt: str, dry_run: bool) -> tuple[float, float]:
    """(wall, CPU) seconds from the file's bytes to the import's summary."""
    from desktop.app import open_workspace
    from desktop.interchange.document_import import import_document
    from desktop.interchange.formats import detect_and_parse
    from desktop.interchange.lookup import load_existing
    from desktop.platform.paths import resolve_paths

    with tempfile.TemporaryDirectory() as tmp:
        ws = open_workspace(resolve_paths(Path(tmp)))
        try:
            start, cpu = time.perf_counter(), time.process_time()
            with ws.store.read() as session:
                existing = load_existing(session, ws.tz)
            document = detect_and_parse(
                data, name, fmt, tz=ZoneInfo("America/New_York"), existing=existing
            )
            import_document(ws.store, document, ws.rules, ws.tz, dry_run=dry_run)
            return time.perf_counter() - start, time.process_time() - cpu
        finally:
            ws.close()


def _pair(
    label: str, unit: str, sizes: tuple[int, int], run: Callable[[int], tuple[float, float]]
) -> list[Row]:
    """Two sizes; the ratio is the larger's to the smaller's (2.0 is linear). CPU time is
    given beside the wall time: on a shared machine it is the steadier figure."""
    (small_wall, small_cpu), (big_wall, big_cpu) = run(sizes[0]), run(sizes[1])
    return [
        (f"{label}, {sizes[0]:,} {unit}", f"{small_wall:.2f} s", "1.00", f"CPU {small_cpu:.2f} s"),
        (
            f"{label}, {sizes[1]:,} {unit}",
            f"{big_wall:.2f} s",
            f"{big_wall / small_wall:.2f}",
            f"CPU {big_cpu:.2f} s, CPU ratio {big_cpu / small_cpu:.2f} (2.00 is linear)",
        ),
    ]


def bench() -> list[Row]:
    # Pay the one-time costs (the readers' imports, the public-suffix list, the first
    # workspace) before measuring, so the two sizes compare the work that grows.
    _timed("warm.ics", invite(10), "ics", dry_run=True)
    _timed("warm.csv", sheet(10), "csv", dry_run=True)
    return [
        *_pair(
            "import invite dry run",
            "guests",
            (2_500, 5_000),
            lambda n: _timed("invite.ics", invite(n), "ics", dry_run=True),
        ),
        *_pair(
            "import contacts CSV",
            "rows",
            (5_000, 10_000),
            lambda n: _timed("contacts.csv", sheet(n), "csv", dry_run=False),
        ),
    ]


if __name__ == "__main__":
    for row in bench():
        print("  ".join(row))
