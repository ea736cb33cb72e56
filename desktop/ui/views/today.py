"""Today: the follow-ups whose time has come, overdue first, grouped by interview."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
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
from desktop.core.wording import action_text
from desktop.ui.formatting import due_phrase, when

if TYPE_CHECKING:
    from desktop.storage.job_search import JobSearch
    from desktop.storage.records import DueItem

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
# More than a person can act on in a morning; the rest follow as these are done.
TODAY_LIMIT = 200


class TodayView(QWidget):
    """The morning list. Actions go through the service; `changed` tells the window."""

    changed = Signal(str)  # a status-bar message
    reply_requested = Signal(int)  # application id
    close_requested = Signal(int)  # application id
    add_interview_requested = Signal()
    write_requested = Signal(int)  # follow-up id: open the composer
    undoable = Signal(str, object)  # what was done, the follow-up's state before it

    def __init__(
        self, search: JobSearch, clock: Callable[[], datetime], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.search = search
        self.clock = clock
        self.items: list[DueItem] = []

        self.heading = QLabel(self)
        self.heading.setObjectName("viewHeading")
        self.heading.setAccessibleName("Today heading")
        self.summary = QLabel(self)
        self.summary.setObjectName("viewSummary")

        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName("Follow-ups due, grouped by interview")
        self.tree.setHeaderLabels(["Follow-up", "When", "How"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setAccessibleName("Follow-up columns")
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda *_: self._update_actions())
        # Enter or a double-click opens the note (activation is the platform's gesture).
        self.tree.itemActivated.connect(lambda *_: self.write())

        self.write_button = self._button(
            "Write…", "Write this note, one per interviewer (Enter)", self.write
        )
        self.write_button.setDefault(True)
        self.sent_button = self._button(
            "Mark sent", "Mark the selected follow-up as sent (Ctrl+Return)", self.mark_sent
        )
        self.sent_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.skip_button = self._button(
            "Skip", "Skip this follow-up; it will not come back", self.skip
        )
        self.snooze_button = self._button("Snooze", "Remind me later", None)
        snooze_menu = QMenu(self.snooze_button)
        snooze_menu.addAction("For 1 hour", lambda: self.snooze(timedelta(hours=1)))
        snooze_menu.addAction("Until tomorrow morning", self.snooze_until_morning)
        snooze_menu.addAction("For 3 days", lambda: self.snooze(timedelta(days=3)))
        self.snooze_button.setMenu(snooze_menu)
        self.reply_button = self._button(
            "Record reply…", "They answered: this ends the check-ins", self._reply
        )
        self.close_button = self._button(
            "Close as no response", "Move on from this application", self._close
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
        self.add_interview = QPushButton("Add an interview…", self.empty)
        self.add_interview.setAccessibleName("Add an interview")
        self.add_interview.clicked.connect(self.add_interview_requested)
        empty_layout.addWidget(self.add_interview, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)

        list_page = QWidget(self)
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.tree, 1)
        list_layout.addLayout(bar)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(list_page)
        self.pages.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.pages, 1)
        self.refresh()

    def _button(self, text: str, tip: str, slot: Callable[[], None] | None) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAccessibleName(text.rstrip("…"))
        if slot is not None:
            button.clicked.connect(slot)
        return button

    # --- reading ---
    def refresh(self) -> None:
        now = self.clock()
        self.items, total = self.search.today_page(now, TODAY_LIMIT)
        self.tree.clear()
        groups: dict[tuple[str, int], QTreeWidgetItem] = {}
        bold = QFont(self.tree.font())
        bold.setBold(True)
        dark = self.palette().window().color().lightness() < 128
        overdue_brush = QBrush(QColor("#ff8a80" if dark else "#c0392b"))
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
                    label += f"  ·  interview {when(item.interview_starts_at, tz)}"
                group = QTreeWidgetItem(self.tree, [label, "", ""])
                group.setFont(0, bold)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                group.setFirstColumnSpanned(True)
                groups[key] = group
            text = self._label(item)
            phrase = due_phrase(item.due_at, now, tz)
            if item.late:
                phrase += " (late)"
            row = QTreeWidgetItem(group, [text, phrase, item.channel or ""])
            row.setData(0, ITEM_ROLE, item)
            row.setToolTip(1, f"Due {when(item.due_at, tz)}")
            if item.overdue:
                row.setForeground(1, overdue_brush)
            if item.late:
                row.setFont(1, bold)
        self.tree.expandAll()
        count = len(self.items)
        overdue = sum(1 for i in self.items if i.overdue)
        self.heading.setText(f"Today — {total:,} follow-up{'s' if total != 1 else ''} due")
        summary = (
            f"{overdue} overdue. Thank-you notes go out within a day of the interview, "
            "one to each interviewer."
            if overdue
            else "Each thank-you goes to one interviewer, within a day of the interview."
        )
        if total > count:
            summary = (
                f"Showing the {count} with the soonest deadlines; mark them sent, skip or "
                f"snooze them to see the next ones. {summary}"
            )
        self.summary.setText(summary)
        self.summary.setVisible(bool(count))
        if count:
            self.pages.setCurrentIndex(0)
            first = groups[next(iter(groups))].child(0)
            self.tree.setCurrentItem(first)
        else:
            self.empty_text.setText(
                "Nothing is due right now.\n\nAdd an interview and who you met, and Afterword "
                "will tell you when each thank-you note and check-in is due."
            )
            self.pages.setCurrentIndex(1)
        self._update_actions()

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
        self._done(f"Marked sent: {self._name(item)}", before)

    def skip(self) -> None:
        item = self.selected()
        if item is None:
            return
        before = self.search.followup_state(item.id)
        self.search.skip(item.id)
        self._done(f"Skipped: {self._name(item)}", before)

    def snooze(self, delay: timedelta) -> None:
        item = self.selected()
        if item is None:
            return
        before = self.search.followup_state(item.id)
        self.search.snooze(item.id, self.clock() + delay)
        self._done(f"Snoozed: {self._name(item)}", before)

    def snooze_until_morning(self) -> None:
        item = self.selected()
        if item is None:
            return
        tz = self.search.tz
        tomorrow = self.clock().astimezone(tz).date() + timedelta(days=1)
        until = at_local(tomorrow, self.search.rules.morning_reminder, tz)
        before = self.search.followup_state(item.id)
        self.search.snooze(item.id, until)
        self._done(f"Snoozed until tomorrow morning: {self._name(item)}", before)

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
            return "No answer after the check-ins: close it as “no response”?"
        return action_text(item.kind, item.contact, item.company, item.role)

    def _name(self, item: DueItem) -> str:
        return action_text(item.kind, item.contact, item.company, item.role)

    def _done(self, message: str, before: object = None) -> None:
        self.refresh()
        if before is not None:
            self.undoable.emit(message, before)
            message += ". Press Ctrl+Z to undo."
        self.changed.emit(message)
