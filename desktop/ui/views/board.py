"""The pipeline board: applications as cards in a column per status.

Drag a card to another column (or Ctrl+Left / Ctrl+Right) to change its status: the
follow-up rules run again (closing ends the check-ins) and Ctrl+Z moves it back. Columns
can be hidden (Columns ▸), and a tag narrows the board. The board reads once when first
shown and after each change, in one query (desktop.storage.board).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.board import neighbour_status
from desktop.core.followups import APPLICATION_STATUSES
from desktop.core.wording import APPLICATION_STATUS_WORDS
from desktop.ui.views.board_cards import CARD_ROLE, CardDelegate, ColumnModel

if TYPE_CHECKING:
    from desktop.storage.board import BoardCard, StatusMove
    from desktop.storage.job_search import JobSearch

COLUMN_WIDTH = 250
# Shown unless the user hides them: the open stages and an offer; closed ones start hidden.
HIDDEN_AT_FIRST = ("withdrawn",)


class BoardColumn(QFrame):
    """A status's heading with its count, over the list of its cards."""

    def __init__(self, status: str, delegate: CardDelegate, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.status = status
        self.setObjectName("boardColumn")
        self.setFixedWidth(COLUMN_WIDTH)
        self.heading = QLabel(APPLICATION_STATUS_WORDS.get(status, status), self)
        self.heading.setObjectName("boardHeading")
        self.model = ColumnModel(status, self)
        self.list = QListView(self)
        self.list.setObjectName(f"board-{status}")
        self.list.setAccessibleName(
            self.tr("{get} column").format(get=APPLICATION_STATUS_WORDS.get(status, status))
        )
        self.list.setModel(self.model)
        self.list.setItemDelegate(delegate)
        self.list.setUniformItemSizes(True)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setDragEnabled(True)
        self.list.setAcceptDrops(True)
        self.list.setDropIndicatorShown(True)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)

    def show_count(self, count: int) -> None:
        words = APPLICATION_STATUS_WORDS.get(self.status, self.status)
        self.heading.setText(self.tr("{words}  ·  {count}").format(words=words, count=count))
        self.heading.setAccessibleName(
            self.tr("{words}, {count} applications", "", count).format(words=words, count=count)
        )

    def current_card(self) -> BoardCard | None:
        index = self.list.currentIndex()
        card: BoardCard | None = index.data(CARD_ROLE) if index.isValid() else None
        return card


class BoardView(QWidget):
    """The board. `moved` carries each status change, so the window can offer Ctrl+Z."""

    moved = Signal(object, str)  # StatusMove, what happened in words
    open_requested = Signal(int)  # an application's id (double-click or Enter on a card)
    failed = Signal(str)

    def __init__(
        self,
        search: JobSearch,
        clock: Callable[[], datetime],
        state: Callable[[], QSettings] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.title = "Board"
        self.search = search
        self.clock = clock
        self._state = state
        self._stale = True
        self.cards: list[BoardCard] = []
        self.delegate = CardDelegate(self)

        self.heading = QLabel(self.tr("Board"), self)
        self.heading.setObjectName("viewHeading")
        self.summary = QLabel(self)
        self.summary.setObjectName("viewSummary")
        self.tag = QComboBox(self)
        self.tag.setAccessibleName(self.tr("Show applications tagged"))
        self.tag.addItem(self.tr("All tags"), "")
        self.tag.currentIndexChanged.connect(lambda _: self._fill())
        self.columns_button = QToolButton(self)
        self.columns_button.setText(self.tr("Columns"))
        self.columns_button.setAccessibleName(self.tr("Columns shown"))
        self.columns_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.columns_menu = QMenu(self.columns_button)
        self.columns_button.setMenu(self.columns_menu)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.summary)
        top.addWidget(self.tag)
        top.addWidget(self.columns_button)

        hidden = self._hidden_statuses()
        self.columns: dict[str, BoardColumn] = {}
        self.column_actions: dict[str, QAction] = {}
        strip = QWidget(self)
        row = QHBoxLayout(strip)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        for status in APPLICATION_STATUSES:
            column = BoardColumn(status, self.delegate, strip)
            column.model.dropped.connect(self.move_cards)
            column.list.activated.connect(self._open_index)
            column.list.installEventFilter(self)
            column.setVisible(status not in hidden)
            self.columns[status] = column
            row.addWidget(column)
            action = QAction(APPLICATION_STATUS_WORDS.get(status, status), self)
            action.setCheckable(True)
            action.setChecked(status not in hidden)
            action.toggled.connect(lambda on, s=status: self.show_column(s, on))
            self.columns_menu.addAction(action)
            self.column_actions[status] = action
        row.addStretch(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidget(strip)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.empty = QLabel(
            self.tr(
                "No applications yet.\n\nEach application is a card here, in the column of its "
                "status. Drag a card to move it on."
            ),
            self,
        )
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.hide()
        hint = QLabel(
            self.tr(
                "Drag a card to another column, or Ctrl+← / Ctrl+→; Enter opens it; Ctrl+Z undoes."
            ),
            self,
        )
        hint.setObjectName("viewSummary")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(hint)
        for keys, step in (("Ctrl+Left", -1), ("Ctrl+Right", 1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=step: self.move_current(s))

    # --- reading ---
    def reload(self) -> None:
        """Read again now if the board is on screen, else when it is next shown."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self.cards = self.search.board()
        self._fill_tags()
        self._fill()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _fill_tags(self) -> None:
        chosen = self.tag.currentData() or ""
        tags = sorted({t for c in self.cards for t in c.tags}, key=str.casefold)
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem(self.tr("All tags"), "")
        for tag in tags:
            self.tag.addItem(self.tr("#{tag}").format(tag=tag), tag)
        self.tag.setCurrentIndex(max(0, self.tag.findData(chosen)))
        self.tag.blockSignals(False)
        self.tag.setVisible(bool(tags))

    def _fill(self) -> None:
        now, tz = self.clock(), self.search.tz
        tag = str(self.tag.currentData() or "").casefold()
        shown = [c for c in self.cards if not tag or tag in (t.casefold() for t in c.tags)]
        by_status: dict[str, list[BoardCard]] = {s: [] for s in APPLICATION_STATUSES}
        for card in shown:
            by_status.setdefault(card.status, []).append(card)
        for status, column in self.columns.items():
            cards = by_status.get(status, [])
            current = column.current_card()
            column.model.set_cards(cards, now, tz)
            column.show_count(len(cards))
            if current is not None:
                self._select_in(column, current.id)
        self.scroll_area.setVisible(bool(self.cards))
        self.empty.setVisible(not self.cards)
        self.summary.setText(
            self.tr("{count:,} applications", "", len(shown)).format(count=len(shown))
        )

    # --- columns ---
    def _hidden_statuses(self) -> set[str]:
        if self._state is None:
            return set(HIDDEN_AT_FIRST)
        value = self._state().value("board/hidden", list(HIDDEN_AT_FIRST))
        items = value if isinstance(value, list) else [value] if value else []
        return {str(v) for v in items if v in APPLICATION_STATUSES}

    def show_column(self, status: str, on: bool) -> None:
        self.columns[status].setVisible(on)
        if self.column_actions[status].isChecked() != on:
            self.column_actions[status].setChecked(on)
        if self._state is not None:
            state = self._state()
            state.setValue("board/hidden", [s for s, c in self.columns.items() if c.isHidden()])
            state.sync()

    def shown_statuses(self) -> list[str]:
        return [s for s, c in self.columns.items() if not c.isHidden()]

    # --- moving ---
    def current_card(self) -> BoardCard | None:
        focused = self.focusWidget()
        for column in self.columns.values():
            if column.list is focused and column.current_card() is not None:
                return column.current_card()
        for column in self.columns.values():
            if column.isVisible() and column.list.selectionModel().hasSelection():
                return column.current_card()
        return None

    def move_current(self, step: int) -> None:
        """Ctrl+Left / Ctrl+Right: the selected card to the next shown column that way."""
        card = self.current_card()
        if card is None:
            return
        target = neighbour_status(card.status, step, self.shown_statuses())
        if target is not None:
            self.move_cards([card.id], target)

    def move_cards(self, application_ids: list[int], status: str) -> None:
        from desktop.storage.records import ValidationError

        for application_id in application_ids:
            card = next((c for c in self.cards if c.id == application_id), None)
            try:
                move = self.search.move_application(application_id, status)
            except ValidationError as exc:
                self.failed.emit(self.tr("Could not move it: {exc}").format(exc=exc))
                continue
            name = f"{card.role} at {card.company}" if card else "The application"
            words = APPLICATION_STATUS_WORDS.get(status, status)
            self.moved.emit(move, f"{name} moved to {words}. Press Ctrl+Z to undo.")
        if application_ids:
            self.select(application_ids[-1])

    def select(self, application_id: int) -> bool:
        """Select the card of this application (reading again first if it is stale)."""
        if self._stale and self.isVisible():
            self.reload()
        for column in self.columns.values():
            if self._select_in(column, application_id):
                column.list.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return False

    def _select_in(self, column: BoardColumn, application_id: int) -> bool:
        row = column.model.row_of(application_id)
        if row < 0:
            return False
        index = column.model.index(row, 0)
        column.list.setCurrentIndex(index)
        column.list.scrollTo(index)
        return True

    def _open_index(self, index: Any) -> None:
        card = index.data(CARD_ROLE)
        if card is not None:
            self.open_requested.emit(card.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # One selection on the whole board: choosing a card clears the other columns'.
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QListView):
            for column in self.columns.values():
                if column.list is not watched:
                    column.list.clearSelection()
        return super().eventFilter(watched, event)

    def after_move(self, move: StatusMove) -> None:
        """Select the card again where the move (or its undo) put it."""
        self.select(move.application_id)
