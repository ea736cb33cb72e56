"""The activity report as a PDF: a title with the person and the period, a summary, then one
table per application; every page numbered. QtGui only, imported when a report is written.

The text is set in EB Garamond, an OFL family the app ships (fontpkg), so the PDF embeds the
same font on every machine rather than whatever the system substitutes.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.progress import progress_lines
from desktop.interchange.activity_report import (
    Activity,
    ActivityReport,
    ApplicationRecord,
    long_date,
)
from desktop.interchange.errors import ExportError

if TYPE_CHECKING:
    from PySide6.QtGui import QTextDocument

PAPERS = ("auto", "a4", "letter")
REPORT_FONT = "EB Garamond"
DPI = 300

_STYLE = """
body { font-size: 10.5pt; color: #111; }
h1 { font-size: 19pt; font-weight: normal; margin: 0 0 2pt 0; }
p.sub { font-size: 11.5pt; margin: 0 0 10pt 0; color: #333; }
p.summary { margin: 0 0 12pt 0; }
h2 { font-size: 12.5pt; margin-top: 0; margin-bottom: 1pt; }
h3 { font-size: 12.5pt; margin-top: 0; margin-bottom: 3pt; }
p.gap { font-size: 5pt; margin: 0; }
p.meta { margin: 0 0 4pt 0; color: #333; }
th { text-align: left; font-weight: bold; background-color: #e8e8e8; }
td, th { padding: 3pt 5pt; }
"""


def paper_for_locale() -> str:
    """Letter where the locale measures in inches (the US and a few others), else A4."""
    from PySide6.QtCore import QLocale

    imperial = QLocale.system().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return "letter" if imperial else "a4"


def _load_font() -> str:
    """Register the report's family with Qt (the cards' loader: one family, loaded once);
    the system's default family if it is missing or damaged."""
    from PySide6.QtGui import QFontDatabase

    from desktop.cards.errors import CardError
    from desktop.cards.fonts import load_font

    try:
        return load_font(REPORT_FONT)
    except CardError:
        return str(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family())


def _n(count: int, one: str, many: str = "") -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


def _e(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def activity_words(x: Activity) -> str:
    """One short line per activity, so a table row is rarely split across two pages."""
    if x.activity.startswith("Interview"):
        state = x.activity.removeprefix("Interview").strip()
        return f"{x.kind or 'An'} interview" + (f" ({state})" if state else "")
    if x.activity == "Follow-up sent":
        return f"{x.kind or 'Follow-up'} sent"
    if x.activity == "Closed":
        return f"Closed: {x.kind}" if x.kind else "Closed"
    return x.activity


def _application_html(app: ApplicationRecord, first: bool) -> str:
    dates = [f"Applied {long_date(app.applied_on)}" if app.applied_on else "Not applied yet"]
    if app.closed_on:
        dates.append(f"closed {long_date(app.closed_on)}")
    meta = f"{'; '.join(dates)} · Status: {_e(app.status)}"
    if app.source:
        meta += f" · Source: {_e(app.source)}"
    rows = "".join(
        "<tr>"
        f"<td width='13%'>{_e(long_date(x.day))}</td>"
        f"<td width='25%'>{_e(activity_words(x))}</td>"
        f"<td width='24%'>{_e(x.people)}</td>"
        f"<td width='38%'>{_e(', '.join(p for p in (x.channel, x.details) if p))}</td>"
        "</tr>"
        for x in app.activities
    )
    return (
        ("" if first else "<p class='gap'>&nbsp;</p>")
        + f"<h2>{_e(app.company)} — {_e(app.role)}</h2><p class='meta'>{meta}</p>"
        "<table width='100%' cellspacing='0' cellpadding='3' border='1' "
        "style='border-collapse: collapse; border-color: #999; border-style: solid;'>"
        "<thead><tr><th>Date</th><th>Activity</th><th>With</th><th>Details</th></tr></thead>"
        f"{rows}</table>"
    )


_TABLE = (
    "<table width='100%' cellspacing='0' cellpadding='3' border='1' "
    "style='border-collapse: collapse; border-color: #999; border-style: solid;'>"
)


def progress_html(report: ActivityReport) -> str:
    """How the search is going, as of the day the report is made: the Progress view's
    figures in two tables (the figures, and the weeks)."""
    if report.progress is None:
        return ""
    lines = progress_lines(report.progress)
    rows = "".join(
        f"<tr><td width='28%'>{_e(section)}</td><td width='30%'>{_e(label)}</td>"
        f"<td width='42%'>{_e(value)}</td></tr>"
        for section, label, value in lines
        if section != "Weeks"
    )
    weeks = "".join(
        f"<tr><td>{_e(long_date(w.week))}</td><td>{w.applied}</td><td>{w.interviews}</td>"
        f"<td>{w.notes_sent}</td></tr>"
        for w in report.progress.weeks
    )
    return (
        f"<h3>How the search is going (as of {_e(long_date(report.made_on))})</h3>"
        f"{_TABLE}<thead><tr><th>Figure</th><th></th><th>Value</th></tr></thead>{rows}</table>"
        "<p class='gap'>&nbsp;</p>"
        f"{_TABLE}<thead><tr><th>Week of</th><th>Applied</th><th>Interviews</th>"
        f"<th>Notes sent</th></tr></thead>{weeks}</table>"
        "<p class='gap'>&nbsp;</p>"
    )


def report_html(report: ActivityReport) -> str:
    """The report as the simple HTML a QTextDocument lays out."""
    title = "Job search activity" + (f" of {_e(report.person)}" if report.person else "")
    summary = (
        f"{_n(len(report.applications), 'application')} with activity: "
        f"{report.count('Applied')} applied for, {_n(report.count('Interview'), 'interview')}, "
        f"{_n(report.count('Follow-up sent'), 'follow-up')} sent, "
        f"{_n(report.count('Reply received'), 'reply', 'replies')} received."
    )
    body = "".join(_application_html(a, i == 0) for i, a in enumerate(report.applications))
    if not body:
        body = "<p>Nothing was recorded in this period.</p>"
    return (
        f"<html><head><style>{_STYLE}</style></head><body>"
        f"<h1>{title}</h1>"
        f"<p class='sub'>Period: {_e(report.period())} · "
        f"made on {_e(long_date(report.made_on))}</p>"
        f"<p class='summary'>{summary}</p>{progress_html(report)}{body}</body></html>"
    )


def _keep_applications_whole(doc: QTextDocument, page_h: float, keep: float) -> None:
    """Start an application on a new page when it would be split across two and fits on one,
    or when its heading would sit at the foot of a page (Qt has no keep-together)."""
    from PySide6.QtGui import QTextBlockFormat, QTextCursor, QTextFormat

    layout = doc.documentLayout()
    headings = []
    block = doc.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() == 2:
            headings.append(block)
        block = block.next()
    for index, heading in enumerate(headings):
        # Measured one at a time: each break moves everything after it.
        top = layout.blockBoundingRect(heading).top()
        if index + 1 < len(headings):
            bottom = layout.blockBoundingRect(headings[index + 1]).top()
        else:
            bottom = doc.size().height()
        offset = top % page_h
        split = offset + (bottom - top) > page_h and bottom - top < page_h * 0.9
        if offset > 0 and (split or offset > page_h - keep):
            fmt = QTextBlockFormat()
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(heading).mergeBlockFormat(fmt)


def write_report_pdf(report: ActivityReport, target: Path, *, paper: str = "auto") -> int:
    """Write the report to `target` whole or not at all; returns the number of pages.

    Drawn in memory and written by Python: Qt's writer onto a file stays silent when the
    disk fills, and left a 0-byte report in place of a good one."""
    from desktop.files import pdf_is_whole, write_atomically

    data, pages = report_pdf(report, target, paper=paper)
    if not pdf_is_whole(data):
        raise ExportError(str(target), ["the PDF could not be made whole; nothing was written"])
    try:
        write_atomically(target, data)
    except OSError as exc:
        kept = "; the file already there was left as it was" if target.exists() else ""
        raise ExportError(str(target), [f"cannot write: {exc.strerror or exc}{kept}"]) from None
    return pages


def report_pdf(report: ActivityReport, target: Path, *, paper: str = "auto") -> tuple[bytes, int]:
    """The report as PDF bytes, and its number of pages (`target` only names it in errors)."""
    if paper not in PAPERS:
        raise ExportError(str(target), [f"paper {paper!r}: one of {', '.join(PAPERS)}"])
    from desktop.platform.headless import ensure_gui_app

    ensure_gui_app()
    from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSizeF, Qt
    from PySide6.QtGui import (
        QFont,
        QPageLayout,
        QPageSize,
        QPainter,
        QPdfWriter,
        QTextDocument,
    )

    family = _load_font()
    chosen = paper_for_locale() if paper == "auto" else paper
    size = QPageSize.PageSizeId.Letter if chosen == "letter" else QPageSize.PageSizeId.A4
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer.setTitle(f"Job search activity, {report.period()}")
    writer.setCreator("Afterword")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(size),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 16, 18, 14),
            QPageLayout.Unit.Millimeter,
        )
    )
    area = writer.pageLayout().paintRectPixels(DPI)
    footer_h = DPI * 0.35  # a third of an inch under the body for the page line
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    font = QFont(family)
    font.setPointSizeF(10.5)
    # No ligatures: an office copies names out of the PDF, and "ffi" must stay three letters.
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setHtml(report_html(report))
    body_h = area.height() - footer_h
    doc.setPageSize(QSizeF(area.width(), body_h))
    _keep_applications_whole(doc, body_h, keep=DPI * 1.1)
    pages = doc.pageCount()
    footer_font = QFont(family)
    footer_font.setPointSizeF(8.5)
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError(str(target), ["cannot write the PDF there"])
    try:
        for page in range(pages):
            if page:
                writer.newPage()
            painter.save()
            painter.translate(0, -page * body_h)
            doc.drawContents(painter, QRectF(0, page * body_h, area.width(), body_h))
            painter.restore()
            painter.setFont(footer_font)
            painter.setPen(Qt.GlobalColor.darkGray)
            line = QRectF(0, body_h + footer_h * 0.25, area.width(), footer_h * 0.75)
            who = f"{report.person} · " if report.person else ""
            painter.drawText(
                line,
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
                f"{who}Job search activity, {report.period()}",
            )
            painter.drawText(
                line,
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                f"Page {page + 1} of {pages}",
            )
    finally:
        finished = painter.end()
    del writer
    data = bytes(buffer.data().data())
    buffer.close()
    if not finished:
        raise ExportError(str(target), ["cannot finish the PDF"])
    return data, pages
