"""How it is going: the funnel, counts per week, replies by how you thanked them and by the
firm's formality, thank-you notes on time, open follow-ups. The figures are
desktop.core.progress's, the same the activity report prints."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core.progress import (
    CHANNEL_GROUP_WORDS,
    FORMALITY_GROUP_WORDS,
    ProgressFigures,
    ResponseRow,
    percent,
    response_text,
)
from desktop.ui.views.charts import Bar, BarChart, WeekChart

if TYPE_CHECKING:
    from desktop.storage.job_search import JobSearch


def funnel_bars(figures: ProgressFigures) -> list[Bar]:
    f = figures.funnel
    scale = max(1, f.applied)
    return [
        Bar(QCoreApplication.translate("progress", "Applied"), f.applied, f"{f.applied}", scale),
        Bar(
            QCoreApplication.translate("progress", "Interviewed"),
            f.interviewed,
            f"{f.interviewed} ({percent(f.share(f.interviewed))})",
            scale,
        ),
        Bar(
            QCoreApplication.translate("progress", "Offer"),
            f.offered,
            f"{f.offered} ({percent(f.share(f.offered))})",
            scale,
        ),
    ]


def response_bars(rows: tuple[ResponseRow, ...], words: dict[str, str]) -> list[Bar]:
    return [
        Bar(words.get(r.group, r.group), r.rate or 0.0, response_text(r))
        for r in rows
        if r.interviews or r.group not in ("call",)
    ]


class ProgressView(QWidget):
    def __init__(
        self, search: JobSearch, clock: Callable[[], datetime], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.title = "Progress"
        self.search = search
        self.clock = clock
        self._stale = True
        self.figures: ProgressFigures | None = None

        self.heading = QLabel(self.tr("Progress"), self)
        self.heading.setObjectName("viewHeading")
        self.summary = QLabel(self)
        self.summary.setObjectName("viewSummary")
        self.summary.setWordWrap(True)
        self.funnel = BarChart(self.tr("Funnel: applied, interviewed, offer"), color=0)
        self.weeks = WeekChart("Counts per week", ("Applied", "Interviews", "Notes sent"))
        self.by_channel = BarChart(self.tr("Replies by how you thanked them"), color=2)
        self.by_formality = BarChart(self.tr("Replies by the firm's formality"), color=1)
        self.thank_yous = BarChart(self.tr("Thank-you notes on time"), color=2)
        self.open_followups = QLabel(self)
        self.open_followups.setWordWrap(True)
        self.empty = QLabel(
            self.tr(
                "Nothing to measure yet.\n\nAs you apply, interview and send notes, this shows "
                "how far applications get, and which notes bring replies."
            ),
            self,
        )
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)

        body = QWidget(self)
        grid = QGridLayout(body)
        grid.setVerticalSpacing(6)
        grid.setHorizontalSpacing(24)
        sections = (
            ("How far applications get", self.funnel, 0, 0),
            ("Each week", self.weeks, 0, 1),
            ("Replies by how you thanked them", self.by_channel, 2, 0),
            ("Replies by the firm's formality", self.by_formality, 2, 1),
            ("Thank-you notes", self.thank_yous, 4, 0),
            ("Follow-ups", self.open_followups, 4, 1),
        )
        for title, widget, row, column in sections:
            label = QLabel(title, body)
            label.setObjectName("sectionHeading")
            grid.addWidget(label, row, column)
            grid.addWidget(widget, row + 1, column, Qt.AlignmentFlag.AlignTop)
        note = QLabel(
            self.tr(
                "Replies are counted per interview: the employer's first reply after it. "
                "“How you thanked them” is the thank-you sent for that interview."
            ),
            body,
        )
        note.setObjectName("viewSummary")
        note.setWordWrap(True)
        grid.addWidget(note, 6, 0, 1, 2)
        grid.setRowStretch(7, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidget(body)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.empty, 1)

    def reload(self) -> None:
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self.show_figures(self.search.progress())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def show_figures(self, figures: ProgressFigures) -> None:
        self.figures = figures
        self.scroll_area.setVisible(not figures.empty)
        self.empty.setVisible(figures.empty)
        f, t, o = figures.funnel, figures.thank_yous, figures.open_followups
        best = max(
            (r for r in figures.by_channel if r.interviews >= 2 and r.rate is not None),
            key=lambda r: r.rate or 0,
            default=None,
        )
        said = f"{f.applied} applied, {f.interviewed} interviewed, {f.offered} with an offer."
        if best is not None:
            channel = CHANNEL_GROUP_WORDS[best.group].lower()
            article = "an" if channel[:1] in "aeiou" else "a"
            said += (
                f" Most replies came after {article} {channel} ({percent(best.rate)})."
                if best.group != "none"
                else " Interviews with no note sent got the most replies."
            )
        self.summary.setText(said)
        self.funnel.set_bars(funnel_bars(figures))
        self.weeks.set_weeks(
            [f"{w.week.day} {w.week:%b}" for w in figures.weeks],
            [(w.applied, w.interviews, w.notes_sent) for w in figures.weeks],
        )
        self.by_channel.set_bars(response_bars(figures.by_channel, CHANNEL_GROUP_WORDS))
        self.by_formality.set_bars(response_bars(figures.by_formality, FORMALITY_GROUP_WORDS))
        sent = t.on_time + t.late
        scale = max(1, sent + t.missed)
        self.thank_yous.set_bars(
            [
                Bar(
                    self.tr("On time"),
                    t.on_time,
                    f"{t.on_time} ({percent(t.on_time / sent if sent else None)})",
                    scale,
                ),
                Bar(self.tr("Late"), t.late, str(t.late), scale, color=1),
                Bar(self.tr("Not sent, past due"), t.missed, str(t.missed), scale, color=3),
            ]
        )
        self.open_followups.setText(
            self.tr("{total} follow-ups open, {overdue} of them overdue.", "", o.total).format(
                total=o.total, overdue=o.overdue
            )
            if o.total
            else self.tr("No follow-ups open: you are up to date.")
        )
