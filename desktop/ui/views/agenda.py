"""Coming up: a week or a month of interviews and follow-ups (reminders and deadlines),
day by day, today marked. Enter or a double-click opens the interview or the composer."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.calendar import local_date
from desktop.core.wording import INTERVIEW_KIND_WORDS, KIND_WORDS, action_text, clock_text, day_text

if TYPE_CHECKING:
    from desktop.storage.agenda import AgendaEntry
    from desktop.storage.job_search import JobSearch

REF_ROLE = Qt.ItemDataRole.UserRole + 1  # ("interview" | "followup", id)


def period_of(day: date, span: str) -> tuple[date, date]:
    """The week (Monday to Sunday) or the month holding `day`: first and last day."""
    if span == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    start = day - timedelta(days=day.weekday())
    return start, start + timedelta(days=6)


def entry_words(entry: AgendaEntry) -> tuple[str, str]:
    """(what, details) for one line of the agenda."""
    if entry.what == "interview":
        what = INTERVIEW_KIND_WORDS.get(entry.kind, "Interview")
        details = f"{entry.role} at {entry.company}"
        return what, details + (f" — with {entry.contact}" if entry.contact else "")
    action = entry.title or action_text(
        entry.kind, entry.contact or None, entry.company, entry.role
    )
    label = KIND_WORDS.get(entry.kind, "Note")
    if entry.what == "due":
        what = f"{label} overdue" if entry.overdue else f"{label} due"
    else:
        what = f"{label}: reminder"
    # "Consider closing X at Y" names the job already; "Thank Sam Lee" does not.
    if entry.company in action:
        return what, action
    return what, f"{action} ({entry.role} at {entry.company})"


class AgendaView(QWidget):
    interview_requested = Signal(int)
    write_requested = Signal(int)

    def __init__(
        self, search: JobSearch, clock: Callable[[], datetime], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.title = "Coming up"
        self.search = search
        self.clock = clock
        self._stale = True
        self.anchor: date | None = None  # a day inside the period shown; None: today
        self.entries: list[AgendaEntry] = []

        self.heading = QLabel(self.tr("Coming up"), self)
        self.heading.setObjectName("viewHeading")
        self.period = QLabel(self)
        self.period.setObjectName("viewSummary")
        self.span = QComboBox(self)
        self.span.setAccessibleName(self.tr("Show a week or a month"))
        self.span.addItem(self.tr("Week"), "week")
        self.span.addItem(self.tr("Month"), "month")
        self.span.currentIndexChanged.connect(lambda _: self.reload())
        self.previous = QPushButton("◀", self)
        self.previous.setAccessibleName(self.tr("Previous period"))
        self.previous.setToolTip(self.tr("The week or month before (Alt+Left)"))
        self.previous.clicked.connect(lambda: self.step(-1))
        self.today_button = QPushButton(self.tr("Today"), self)
        self.today_button.setToolTip(self.tr("Back to this week or month"))
        self.today_button.clicked.connect(self.go_today)
        self.next = QPushButton("▶", self)
        self.next.setAccessibleName(self.tr("Next period"))
        self.next.setToolTip(self.tr("The week or month after (Alt+Right)"))
        self.next.clicked.connect(lambda: self.step(1))
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addSpacing(12)
        top.addWidget(self.period)
        top.addStretch(1)
        for widget in (self.span, self.previous, self.today_button, self.next):
            top.addWidget(widget)

        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName(self.tr("Agenda"))
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("When"), self.tr("What"), self.tr("Details")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.itemActivated.connect(lambda item, _col: self.open_item(item))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        # Shortcuts of the view, not of its buttons: a button's shortcut never fired while
        # the focus was in the agenda (seen with QTest on PySide6 6.11).
        for keys, step in (("Alt+Left", -1), ("Alt+Right", 1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=step: self.step(s))

    # --- the period ---
    def today(self) -> date:
        return local_date(self.clock(), self.search.tz)

    def bounds(self) -> tuple[date, date]:
        return period_of(self.anchor or self.today(), str(self.span.currentData()))

    def step(self, direction: int) -> None:
        start, end = self.bounds()
        self.anchor = end + timedelta(days=1) if direction > 0 else start - timedelta(days=1)
        self.reload()

    def go_today(self) -> None:
        self.anchor = None
        self.reload()

    # --- reading ---
    def reload(self) -> None:
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        tz = self.search.tz
        first, last = self.bounds()
        start = datetime.combine(first, time(0), tz)
        end = datetime.combine(last + timedelta(days=1), time(0), tz)
        self.entries = self.search.agenda(start, end)
        self._fill(first, last)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _fill(self, first: date, last: date) -> None:
        tz, today = self.search.tz, self.today()
        by_day: dict[date, list[AgendaEntry]] = {}
        for entry in self.entries:
            by_day.setdefault(local_date(entry.at, tz), []).append(entry)
        week = self.span.currentData() == "week"
        month = f"{first:%B %Y}"
        self.period.setText(
            self.tr("Week of {day}").format(day=day_text(first))
            if week
            else self.tr("{month} (this month)").format(month=month)
            if first <= today <= last
            else month
        )
        self.tree.clear()
        dark = self.palette().window().color().lightness() < 128
        overdue = QBrush(QColor("#ff8a80" if dark else "#c0392b"))
        highlight = QBrush(self.palette().highlight().color().lighter(150 if not dark else 60))
        day = first
        current: QTreeWidgetItem | None = None
        while day <= last:
            entries = by_day.get(day, [])
            if entries or week or day == today:
                title = day_text(day, year=False)
                if day == today:
                    title += "  — today"
                heading = QTreeWidgetItem(self.tree, [title, "", ""])
                heading.setFirstColumnSpanned(True)
                font = QFont(self.tree.font())
                font.setBold(True)
                heading.setFont(0, font)
                heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
                if day == today:
                    heading.setBackground(0, highlight)
                    current = heading
                if not entries:
                    quiet = QTreeWidgetItem(self.tree, ["", "Nothing planned", ""])
                    quiet.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    quiet.setForeground(1, self.palette().placeholderText())
                for entry in entries:
                    words, details = entry_words(entry)
                    row = QTreeWidgetItem(
                        self.tree, [clock_text(entry.at.astimezone(tz)), words, details]
                    )
                    kind = "interview" if entry.what == "interview" else "followup"
                    row.setData(0, REF_ROLE, (kind, entry.ref))
                    row.setToolTip(2, details)
                    if entry.overdue:
                        for column in range(3):
                            row.setForeground(column, overdue)
                    if entry.what == "interview":
                        row.setFont(1, font)
            day += timedelta(days=1)
        for column in (0, 1):
            self.tree.resizeColumnToContents(column)
        if not self.entries:
            empty = QTreeWidgetItem(
                self.tree,
                ["", "No interviews or follow-ups in this period.", ""],
            )
            empty.setFlags(Qt.ItemFlag.ItemIsEnabled)
        if current is not None and not week:
            self.tree.scrollToItem(current, QAbstractItemView.ScrollHint.PositionAtTop)

    def items(self) -> list[QTreeWidgetItem]:
        """The agenda's entries (not the day headings), top to bottom."""
        found = []
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None and item.data(0, REF_ROLE):
                found.append(item)
        return found

    def open_item(self, item: QTreeWidgetItem) -> None:
        ref = item.data(0, REF_ROLE)
        if not ref:
            return
        kind, record_id = ref
        if kind == "interview":
            self.interview_requested.emit(int(record_id))
        else:
            self.write_requested.emit(int(record_id))
