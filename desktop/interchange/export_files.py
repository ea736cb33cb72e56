"""The export service the window and the command line call: one kind of file, one path.

Files are written beside the target and moved into place (desktop.files), so a
failed export never leaves half a file where the user expects a whole one.
"""

from __future__ import annotations

import json
from datetime import date, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from desktop.interchange.errors import ExportError

if TYPE_CHECKING:
    from desktop.core.settings import UserProfile
    from desktop.storage.store import Store

EXPORT_KINDS = {
    "json": "Afterword backup (JSON)",
    "ics": "Calendar of pending follow-ups (.ics)",
    "csv": "Applications table (CSV)",
    "contacts-csv": "Contacts table (CSV)",
    "report": "Activity report (PDF or CSV)",
}


class ExportSource(Protocol):
    """What an export needs of an open workspace."""

    store: Store
    profile: UserProfile
    tz: tzinfo


def report_format(target: str) -> str:
    """'pdf' or 'csv', from the file name ('-', standard output, is CSV)."""
    suffix = Path(target).suffix.lower()
    if target == "-" or suffix == ".csv":
        return "csv"
    if suffix == ".pdf":
        return "pdf"
    raise ExportError(target, ["an activity report is written as .pdf or .csv"])


def _check_folder(path: Path) -> None:
    if not path.parent.is_dir():
        raise ExportError(str(path), [f"the folder {path.parent} does not exist"])


def _write_text(path: Path, text: str, newline: str | None) -> None:
    from desktop.files import write_atomically

    try:
        write_atomically(path, text, newline=newline)
    except OSError as exc:
        raise ExportError(str(path), [f"cannot write: {exc.strerror or exc}"]) from None


def write_report(
    source: ExportSource,
    target: Path,
    *,
    start: date | None = None,
    end: date | None = None,
    paper: str = "auto",
    today: date | None = None,
) -> int:
    """Write the activity report as PDF or CSV (by the name); returns the pages (CSV: 1)."""
    from desktop.interchange.activity_report import build_report, report_csv

    if start and end and end < start:
        raise ExportError(str(target), [f"the period ends ({end}) before it starts ({start})"])
    fmt = report_format(str(target))
    _check_folder(target)
    with source.store.read() as session:
        report = build_report(
            session, source.tz, start=start, end=end, person=source.profile.name, today=today
        )
    if fmt == "csv":
        _write_text(target, report_csv(report), "")
        return 1
    from desktop.interchange.activity_report_pdf import write_report_pdf

    return write_report_pdf(report, target, paper=paper)


def export_text(source: ExportSource, kind: str, target: str = "") -> tuple[str, str | None]:
    """The text of a json, ics, csv or contacts-csv export, and the `newline` to write it
    with ("" keeps the CRLF that CSV and iCalendar carry; None is the platform's)."""
    with source.store.read() as session:
        if kind == "json":
            from desktop.interchange.document_export import export_document
            from desktop.interchange.document_templates import export_templates, templates_folder

            document = export_document(session, source.tz)
            # The user's own templates are files beside the database, not rows: a JSON
            # backup carries them too (only when there are some, so old documents stay).
            templates = export_templates(templates_folder(source.store.path))
            if templates:
                document["templates"] = templates
            text = json.dumps(document, indent=2, ensure_ascii=False)
            return text + "\n", None
        if kind == "ics":
            from desktop.interchange.calendar_export import export_calendar

            return export_calendar(session).decode("utf-8"), ""
        if kind in ("csv", "contacts-csv"):
            from desktop.interchange.table_export import export_table

            table = "contacts" if kind == "contacts-csv" else "applications"
            return export_table(session, table, source.tz), ""
    raise ExportError(target, [f"unknown export {kind!r}"])


def export_file(
    source: ExportSource,
    kind: str,
    target: Path,
    *,
    start: date | None = None,
    end: date | None = None,
    paper: str = "auto",
) -> str:
    """Write one kind of export (a key of EXPORT_KINDS); returns a line saying what was done."""
    if kind == "report":
        pages = write_report(source, target, start=start, end=end, paper=paper)
        extra = (
            f" ({pages} page{'s' if pages != 1 else ''})"
            if report_format(str(target)) == "pdf"
            else ""
        )
        return f"Wrote the activity report to {target.name}{extra}"
    _check_folder(target)
    text, newline = export_text(source, kind, str(target))
    _write_text(target, text, newline)
    return f"Wrote {EXPORT_KINDS[kind].split(' (')[0].lower()} to {target.name}"
