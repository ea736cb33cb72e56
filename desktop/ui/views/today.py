# Over 400 lines on purpose: one view whose list, grouping and actions share the same rows.
"""Today: the follow-ups whose time has come, overdue first, grouped by interview."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.calendar import at_local
from desktop.core.wording import (
    DueCounts,
    action_text,
    due_counts,
    due_phrase,
    moment_text,
    soon_phrase,
    today_heading,
    when_phrase,
)
from desktop.ui import theme
from desktop.ui.formatting import when

if TYPE_CHECKING:
    from desktop.storage.coming_up import ComingUp
    from desktop.storage.job_search import JobSearch
    from desktop.storage.records import DueItem

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
# More than a person can act on in a morning; the rest follow as these are done.
TODAY_LIMIT = 200
# "What comes next" looks this far ahead.
AHEAD = timedelta(days=7)
# Relative times ("due by 11:00 today", "in 25 min") are re-read this often.
TICK_MS = 60_000


class TodayView(QWidget):
    """The morning list. Actions go through the service; `changed` tells the window."""

    changed = Signal(str)  # a status-bar message
    reply_requested = Signal(int)  # application id
    close_requested = Signal(int)  # application id
    add_interview_requested = Signal()
    write_requested = Signal(int)  # follow-up id: open the composer
    undoable = Signal(str, object)  # what was done, the follow-up's state before it
    interview_requested = Signal(int)  # interview id: open it

    def __init__(
        self, search: JobSearch, clock: Callable[[], datetime], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.search = search
        self.clock = clock
        self.items: list[DueItem] = []

        self.heading = QLabel(self)
        self.heading.setObjectName("viewHeading")
        self.heading.setAccessibleName(self.tr("Today heading"))
        self.summary = QLabel(self)
        self.summary.setObjectName("viewSummary")

        self.tree = self._list(
            self.tr("Follow-ups due, grouped by interview"),
            self.tr("Follow-up"),
            [self.tr("Follow-up"), self.tr("When"), self.tr("How")],
        )
        self.tree.currentItemChanged.connect(lambda *_: self._update_actions())
        # Enter or a double-click opens the note (activation is the platform's gesture).
        self.tree.itemActivated.connect(lambda *_: self.write())

        self.write_button = self._button(
            self.tr("Write…"), self.tr("Write this note, one per interviewer (Enter)"), self.write
        )
        self.write_button.setDefault(True)
        self.sent_button = self._button(
            self.tr("Mark sent"),
            self.tr("Mark the selected follow-up as sent (Ctrl+Return)"),
            self.mark_sent,
        )
        self.sent_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.skip_button = self._button(
            self.tr("Skip"), self.tr("Skip this follow-up; it will not come back"), self.skip
        )
        self.snooze_button = self._button(self.tr("Snooze"), self.tr("Remind me later"), None)
        snooze_menu = QMenu(self.snooze_button)
        snooze_menu.addAction(self.tr("For 1 hour"), lambda: self.snooze(timedelta(hours=1)))
        snooze_menu.addAction(self.tr("Until tomorrow morning"), self.snooze_until_morning)
        snooze_menu.addAction(self.tr("For 3 days"), lambda: self.snooze(timedelta(days=3)))
        self.snooze_button.setMenu(snooze_menu)
        self.reply_button = self._button(
            self.tr("Record reply…"), self.tr("They answered: this ends the check-ins"), self._reply
        )
        self.close_button = self._button(
            self.tr("Close as no response"), self.tr("Move on from this application"), self._close
        )
        bar = QHBoxLayout()
        for button in (
            self.write_button,
            self.sent_button,
            self.skip_button,
            self.snooze_button,
            self.reply_button,
            self.close_button,
        ):
            bar.addWidget(button)
        bar.addStretch(1)

        self.empty = QWidget(self)
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        self.empty_text = QLabel(self.empty)
        self.empty_text.setWordWrap(True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setObjectName("emptyState")
        empty_layout.addWidget(self.empty_text)
        self.add_interview = QPushButton(self.tr("Add an interview…"), self.empty)
        self.add_interview.setAccessibleName(self.tr("Add an interview"))
        self.add_interview.clicked.connect(self.add_interview_requested)
        empty_layout.addWidget(self.add_interview, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)

        # Nothing due, but a job search under way: say so, and show what comes next.
        self.caught_up = QLabel(self)
        self.caught_up.setObjectName("caughtUp")
        self.caught_up.setWordWrap(True)
        self.caught_up.setAccessibleName(self.tr("Nothing due"))
        self.caught_up.setText(
            self.tr(
                "Nothing is due right now: every note that came due has gone out. "
                "What comes next is below."
            )
        )

        self.upcoming_heading = QLabel(
            self.tr("Coming up — the next {days} days").format(days=AHEAD.days), self
        )
        self.upcoming_heading.setObjectName("sectionHeading")
        self.upcoming = self._list(
            self.tr("Coming up in the next seven days"),
            self.tr("Coming up"),
            [self.tr("What comes next"), self.tr("When")],
        )
        self.upcoming.itemActivated.connect(self._upcoming_activated)
        self.upcoming_empty = QLabel(
            self.tr("Nothing in the next {days} days: no interview and no reminder.").format(
                days=AHEAD.days
            ),
            self,
        )
        self.upcoming_empty.setObjectName("viewSummary")

        list_page = QWidget(self)
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.caught_up)
        list_layout.addWidget(self.tree, 3)
        list_layout.addLayout(bar)
        list_layout.addSpacing(8)
        list_layout.addWidget(self.upcoming_heading)
        list_layout.addWidget(self.upcoming, 2)
        list_layout.addWidget(self.upcoming_empty)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(list_page)
        self.pages.addWidget(self.empty)
        self.list_page = list_page
        self.bar_buttons = [
            self.write_button,
            self.sent_button,
            self.skip_button,
            self.snooze_button,
            self.reply_button,
            self.close_button,
        ]

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.pages, 1)

        # Today keeps itself current: a tick for relative times, and a timer set for the
        # moment the next reminder comes due (so it appears then, not a minute later).
        self.tick = QTimer(self)
        self.tick.setInterval(TICK_MS)
        self.tick.timeout.connect(self.refresh)
        self.tick.start()
        self.next_due_timer = QTimer(self)
        self.next_due_timer.setSingleShot(True)
        self.next_due_timer.timeout.connect(self.refresh)
        self.coming: ComingUp | None = None
        self.refresh()

    def _list(self, name: str, columns_name: str, titles: list[str]) -> QTreeWidget:
        """A flat list whose first column takes the room and the others fit their text."""
        tree = QTreeWidget(self)
        tree.setAccessibleName(name)
        tree.setHeaderLabels(titles)
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        header = tree.header()
        header.setAccessibleName(
            self.tr("{columns_name} columns").format(columns_name=columns_name)
        )
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(titles)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        return tree

    def _button(self, text: str, tip: str, slot: Callable[[], None] | None) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAccessibleName(text.rstrip("…"))
        if slot is not None:
            button.clicked.connect(slot)
        return button

    # --- reading ---
    def refresh(self) -> None:
        """Read what is due and what comes next again, keeping the selection where it was."""
        now = self.clock()
        kept = self.selected()
        kept_row = self._flat_row()
        page = self.search.today_page(now, TODAY_LIMIT)
        self.items, total = page.items, page.total
        self.tree.clear()
        groups: dict[tuple[str, int], QTreeWidgetItem] = {}
        bold = QFont(self.tree.font())
        bold.setBold(True)
        dark = self.palette().window().color().lightness() < 128
        overdue_brush = QBrush(QColor(theme.ALARM_ON_DARK if dark else theme.OVERDUE))
        tz = self.search.tz
        for item in self.items:
            key = (
                ("interview", item.interview_id)
                if item.interview_id
                else ("application", item.application_id)
            )
            group = groups.get(key)
            if group is None:
                label = f"{item.company} — {item.role}"
                if item.interview_starts_at is not None:
                    started = moment_text(item.interview_starts_at, tz, now=now)
                    label += f"  ·  interview {started}"
                group = QTreeWidgetItem(self.tree, [label, "", ""])
                group.setFont(0, bold)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                group.setFirstColumnSpanned(True)
                groups[key] = group
            text = self._label(item)
            phrase = due_phrase(item.due_at, now, tz)
            if item.late:
                phrase += self.tr(" (late)")
            row = QTreeWidgetItem(group, [text, phrase, item.channel or ""])
            row.setData(0, ITEM_ROLE, item)
            row.setToolTip(0, text)
            row.setToolTip(1, self.tr("Due {when}").format(when=when(item.due_at, tz)))
            if item.overdue:
                row.setForeground(1, overdue_brush)
            if item.late:
                row.setFont(1, bold)
        self.tree.expandAll()
        count = len(self.items)
        if total > count:  # a long backlog: count it whole, by urgency, in the database
            later = total - page.overdue - page.due_today
            counts = DueCounts(page.overdue, page.due_today, later)
        else:
            counts = due_counts([i.due_at for i in self.items], now, tz)
        self.heading.setText(today_heading(counts))
        # The heading already counts them; this says what the etiquette asks.
        summary = self.tr("Each thank-you goes to one interviewer, within a day of the interview.")
        if total > count:
            summary = self.tr(
                "Showing the {count} with the soonest deadlines; mark them sent, skip or "
                "snooze them to see the next ones. {summary}"
            ).format(count=count, summary=summary)
        self.summary.setText(summary)
        self.summary.setVisible(bool(count))
        coming = self.search.coming_up(now, AHEAD)
        self.coming = coming
        self._fill_upcoming(coming, now)
        self.tree.setVisible(bool(count))
        for button in self.bar_buttons:
            button.setVisible(bool(count))
        self.caught_up.setVisible(not count)
        if count or coming.anything:
            self.pages.setCurrentIndex(0)
        else:
            self.empty_text.setText(
                self.tr(
                    "Nothing is due right now.\n\nAdd an interview and who you met, and "
                    "Afterword will tell you when each thank-you note and check-in is due."
                )
            )
            self.pages.setCurrentIndex(1)
        self._reselect(kept, kept_row)
        self._update_actions()
        self._arm_next_due(coming, now)

    def _fill_upcoming(self, coming: ComingUp, now: datetime) -> None:
        tz = self.search.tz
        self.upcoming.clear()
        rows: list[tuple[datetime, list[str], tuple[str, int]]] = []
        for interview in coming.interviews:
            what = f"Interview: {interview.company} — {interview.role} ({interview.kind})"
            rows.append((interview.starts_at, [what], ("interview", interview.id)))
        for item in coming.reminders:
            what = f"{self._label(item)} ({item.company})" if item.contact else self._label(item)
            rows.append((item.remind_at, [what], ("followup", item.id)))
        rows.sort(key=lambda r: r[0])
        for moment, (what,), target in rows:
            phrase = f"{when_phrase(moment, now, tz)} ({soon_phrase(moment, now)})"
            row = QTreeWidgetItem(self.upcoming, [what, phrase])
            row.setData(0, ITEM_ROLE, target)
            row.setToolTip(0, what)
            row.setToolTip(1, when(moment, tz))
        self.upcoming.setVisible(bool(rows))
        self.upcoming_empty.setVisible(not rows)

    def _arm_next_due(self, coming: ComingUp, now: datetime) -> None:
        """Refresh again the moment the next reminder comes due."""
        self.next_due_timer.stop()
        if coming.next_reminder is None:
            return
        wait_ms = (coming.next_reminder - now) // timedelta(milliseconds=1) + 50
        # Past the minute tick the tick will see it; a timer holds at most ~24 days.
        if 0 < wait_ms < TICK_MS:
            self.next_due_timer.start(int(wait_ms))

    def _flat_row(self) -> int:
        """The position of the selected follow-up among all follow-up rows, or -1."""
        current = self.tree.currentItem()
        for position, row in enumerate(self._rows()):
            if row is current:
                return position
        return -1

    def _rows(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        for group in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(group)
            if parent is not None:
                out.extend(c for i in range(parent.childCount()) if (c := parent.child(i)))
        return out

    def _reselect(self, kept: DueItem | None, kept_row: int) -> None:
        """The same follow-up if it is still listed; else the one that took its place."""
        rows = self._rows()
        if not rows:
            return
        if kept is not None and self.select_followup(kept.id):
            return
        self.tree.setCurrentItem(rows[min(max(kept_row, 0), len(rows) - 1)])

    def select_followup(self, followup_id: int) -> bool:
        """Select the follow-up with this id if Today lists it."""
        for row in self._rows():
            if row.data(0, ITEM_ROLE).id == followup_id:
                self.tree.setCurrentItem(row)
                return True
        return False

    def _upcoming_activated(self, row: QTreeWidgetItem) -> None:
        target = row.data(0, ITEM_ROLE)
        if not target:
            return
        kind, record_id = target
        if kind == "interview":
            self.interview_requested.emit(record_id)
            return
        reminders = self.coming.reminders if self.coming else ()
        item = next((i for i in reminders if i.id == record_id), None)
        if item is not None and item.kind != "move_on" and item.channel != "call":
            self.write_requested.emit(record_id)  # a note can be written before it is due

    def selected(self) -> DueItem | None:
        current = self.tree.currentItem()
        return None if current is None else current.data(0, ITEM_ROLE)

    def _update_actions(self) -> None:
        item = self.selected()
        for button in (self.sent_button, self.skip_button, self.snooze_button):
            button.setEnabled(item is not None and item.kind != "move_on")
        self.reply_button.setEnabled(item is not None)
        self.write_button.setEnabled(
            item is not None and item.kind != "move_on" and item.channel != "call"
        )
        self.close_button.setVisible(item is not None and item.kind == "move_on")

    # --- acting ---
    def write(self) -> None:
        item = self.selected()
        if item is None or item.kind == "move_on" or item.channel == "call":
            return
        self.write_requested.emit(item.id)

    def mark_sent(self) -> None:
        item = self.selected()
        if item is None or item.kind == "move_on":
            return
        before = self.search.followup_state(item.id)
        self.search.mark_sent(item.id, self.clock())
        self._done(self.tr("Marked sent: {name}").format(name=self._name(item)), before)

    def skip(self) -> None:
        item = self.selected()
        if item is None:
            return
        before = self.search.followup_state(item.id)
        self.search.skip(item.id)
        self._done(self.tr("Skipped: {name}").format(name=self._name(item)), before)

    def snooze(self, delay: timedelta) -> None:
        item = self.selected()
        if item is None:
            return
        before = self.search.followup_state(item.id)
        self.search.snooze(item.id, self.clock() + delay)
        self._done(self.tr("Snoozed: {name}").format(name=self._name(item)), before)

    def snooze_until_morning(self) -> None:
        item = self.selected()
        if item is None:
            return
        tz = self.search.tz
        tomorrow = self.clock().astimezone(tz).date() + timedelta(days=1)
        until = at_local(tomorrow, self.search.rules.morning_reminder, tz)
        before = self.search.followup_state(item.id)
        self.search.snooze(item.id, until)
        self._done(
            self.tr("Snoozed until tomorrow morning: {name}").format(name=self._name(item)), before
        )

    def _reply(self) -> None:
        item = self.selected()
        if item is not None:
            self.reply_requested.emit(item.application_id)

    def _close(self) -> None:
        item = self.selected()
        if item is not None:
            self.close_requested.emit(item.application_id)

    @staticmethod
    def _label(item: DueItem) -> str:
        if item.kind == "custom" and item.title:
            return item.title
        if item.kind == "move_on":
            return QCoreApplication.translate(
                "TodayView", "No answer after the check-ins: close it as “no response”?"
            )
        return action_text(item.kind, item.contact, item.company, item.role)

    def _name(self, item: DueItem) -> str:
        return action_text(item.kind, item.contact, item.company, item.role)

    def _done(self, message: str, before: object = None) -> None:
        self.refresh()
        if before is not None:
            self.undoable.emit(message, before)
            message += self.tr(". Press Ctrl+Z to undo.")
        self.changed.emit(message)
