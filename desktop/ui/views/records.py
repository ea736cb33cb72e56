"""A list of records (contacts, companies, applications, interviews) with its actions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.table_model import Column, PagedTableModel


class RecordsView(QWidget):
    """Title, a filter, a lazily loaded table, and New / Edit / Delete.

    `fetch(offset, limit, text, choice)` and `count(text, choice)` come from the
    service; `choice` is the value of the optional combo (e.g. a status filter).
    """

    new_requested = Signal()
    edit_requested = Signal(object)  # the record
    delete_requested = Signal(object)
    selection_changed = Signal(object)  # the record or None

    def __init__(
        self,
        title: str,
        noun: str,
        columns: Sequence[Column[Any]],
        fetch: Callable[[int, int, str, Any], list[Any]],
        count: Callable[[str, Any], int],
        empty_text: str,
        choices: Sequence[tuple[str, Any]] = (),
        parent: QWidget | None = None,
        filterable: bool = True,
        stretch: int = 0,
        keep: tuple[int, ...] = (),
    ) -> None:
        """`stretch`: the column that takes the room left over (the role, the name);
        `keep`: columns that keep their whole width too when room is short."""
        super().__init__(parent)
        self.title = title
        self.stretch = stretch
        self.keep = {stretch, *keep}
        self.noun = noun
        self._fetch = fetch
        self._count = count
        self._text = ""
        self._choice: Any = choices[0][1] if choices else None
        self._sized = False
        self._wants: list[int] = []
        self._mins: list[int] = []

        self.heading = QLabel(title, self)
        self.heading.setObjectName("viewHeading")
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter {lower}…").format(lower=title.lower()))
        self.filter.setAccessibleName(self.tr("Filter {lower}").format(lower=title.lower()))
        self.filter.setClearButtonEnabled(True)
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self._apply_filter)
        self.filter.textChanged.connect(lambda _: self._debounce.start())
        self.filter.setVisible(filterable)
        self.choice = QComboBox(self)
        self.choice.setAccessibleName(self.tr("Show {lower}").format(lower=title.lower()))
        for label, value in choices:
            self.choice.addItem(label, value)
        self.choice.setVisible(bool(choices))
        self.choice.currentIndexChanged.connect(self._choice_changed)

        self.new_button = QPushButton(self.tr("New {noun}…").format(noun=noun), self)
        self.new_button.setAccessibleName(self.tr("New {noun}").format(noun=noun))
        self.new_button.clicked.connect(self.new_requested)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.edit_button.setAccessibleName(self.tr("Edit {noun}").format(noun=noun))
        self.edit_button.clicked.connect(self._edit_current)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setAccessibleName(self.tr("Delete {noun}").format(noun=noun))
        self.delete_button.clicked.connect(self._delete_current)

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("viewSummary")
        top.addWidget(self.count_label)
        top.addWidget(self.choice)
        top.addWidget(self.filter)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        self.extra_buttons = buttons
        self._acting: list[tuple[QPushButton, Callable[[Any], bool] | None]] = []
        buttons.addStretch(1)

        self.model: PagedTableModel[Any] = PagedTableModel(
            columns,
            lambda offset, limit: self._fetch(offset, limit, self._text, self._choice),
            lambda: self._count(self._text, self._choice),
            self,
            load=False,  # read when first shown: start-up pays only for Today
        )
        self._stale = True
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(PagedTableModel.SORT_ROLE)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(title)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setAccessibleName(
            self.tr("{title} columns").format(title=title)
        )
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.viewport().installEventFilter(self)  # widths follow the window's
        self.table.doubleClicked.connect(lambda _: self._edit_current())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selection_moved())

        self.empty = QLabel(empty_text, self)
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty)
        # The list, and beside it any panel a view adds (a contact's timeline).
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.pages)
        # Where the choice combo's items come from when they change with the data (tags).
        self.choice_source: Callable[[], list[tuple[str, Any]]] | None = None

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(buttons)
        # Tab goes in reading order: what is shown, the list, then what acts on it.
        chain = [self.choice, self.filter, self.table, self.new_button, self.edit_button]
        for first, second in zip(chain, [*chain[1:], self.delete_button], strict=True):
            QWidget.setTabOrder(first, second)

    def add_button(
        self,
        text: str,
        tip: str,
        slot: Callable[[Any], object],
        applies: Callable[[Any], bool] | None = None,
    ) -> QPushButton:
        """A button acting on the selected record (e.g. "Record reply…"); enabled while a
        record is selected (and `applies` to it, when given)."""
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAccessibleName(text.rstrip("…"))

        def act() -> None:
            record = self.current()
            if record is not None:
                slot(record)

        button.clicked.connect(act)
        self.extra_buttons.insertWidget(self.extra_buttons.count() - 1, button)
        self._acting.append((button, applies))
        self._selection_moved()
        return button

    def add_side(self, panel: QWidget, width: int = 340) -> None:
        """A panel beside the list, e.g. the selected person's timeline."""
        panel.setMinimumWidth(240)
        panel.setMaximumWidth(width + 120)
        self.splitter.addWidget(panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([10_000, width])

    def _refresh_choices(self) -> None:
        if self.choice_source is None:
            return
        wanted = self.choice_source()
        chosen = self.choice.currentData()
        self.choice.blockSignals(True)
        self.choice.clear()
        for label, value in wanted:
            self.choice.addItem(label, value)
        index = self.choice.findData(chosen)
        self.choice.setCurrentIndex(max(0, index))
        self._choice = self.choice.currentData()
        self.choice.blockSignals(False)
        self.choice.setVisible(len(wanted) > 1)

    def reload(self) -> None:
        """Read again now if the list is on screen, else when it is next shown."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self._refresh_choices()
        self.model.reload()
        self._after_load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def current(self) -> Any:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.record(self.proxy.mapToSource(index).row())

    def select_id(self, record_id: int) -> bool:
        """Select the record with this id (loading pages until found)."""
        while True:
            for row in range(self.model.rowCount()):
                if getattr(self.model.record(row), "id", None) == record_id:
                    index = self.proxy.mapFromSource(self.model.index(row, 0))
                    self.table.setCurrentIndex(index)
                    self.table.scrollTo(index)
                    return True
            if not self.model.canFetchMore(QModelIndex()):
                return False
            self.model.fetchMore(QModelIndex())

    def _apply_filter(self) -> None:
        self._text = self.filter.text().strip()
        self.reload()

    def _choice_changed(self, _index: int) -> None:
        self._choice = self.choice.currentData()
        self.reload()

    def _after_load(self) -> None:
        total = self.model.total
        filtered = bool(self._text) or (self.choice.isVisible() and self.choice.currentIndex() > 0)
        self.pages.setCurrentIndex(0 if total or filtered else 1)
        noun = (
            self.noun
            if total == 1
            else f"{self.noun}s"
            if not self.noun.endswith("y")
            else f"{self.noun[:-1]}ies"
        )
        self.count_label.setText(self.tr("{total:,} {noun}").format(total=total, noun=noun))
        if total and not self._sized:
            self._sized = True
            self._wants = []
            self.fit_columns()
        if total and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        self._selection_moved()

    def fit_columns(self) -> None:
        """Each column as wide as its text (sampled from the first rows, within reason);
        the stretching one (the role, the title) keeps its width and takes what is left;
        when the window is too narrow for all, the others give way (each in proportion to
        what it wanted), and an elided cell shows its whole text as a tooltip."""
        header = self.table.horizontalHeader()
        columns = self.model.columnCount()
        if not columns or not self.model.rowCount():
            return
        if not self._wants:
            header.setResizeContentsPrecision(30)
            self._wants = [
                min(max(self.table.sizeHintForColumn(c), header.sectionSizeHint(c)), 360)
                for c in range(columns)
            ]
            # Give way down to a few letters: a heading elides too, and has its tooltip.
            self._mins = [min(header.sectionSizeHint(c), 56) for c in range(columns)]
        wants, mins = self._wants, self._mins
        room = self.table.viewport().width()
        others = [c for c in range(columns) if c not in self.keep]
        kept = {c: wants[c] for c in self.keep if c != self.stretch and c < columns}
        spare = room - wants[self.stretch] - sum(kept.values())
        wanted = sum(wants[c] for c in others)
        if wanted <= spare:
            widths = {c: wants[c] for c in others}
        else:
            floor = sum(mins[c] for c in others)
            scale = max(spare - floor, 0) / max(wanted - floor, 1)
            widths = {c: mins[c] + int((wants[c] - mins[c]) * scale) for c in others}
        widths.update(kept)
        for column, width in widths.items():
            header.resizeSection(column, width)
        header.resizeSection(self.stretch, max(wants[self.stretch], room - sum(widths.values())))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize and self._sized:
            self.fit_columns()
        return super().eventFilter(watched, event)

    def _selection_moved(self) -> None:
        record = self.current()
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(record is not None)
        for button, applies in self._acting:
            button.setEnabled(record is not None and (applies is None or applies(record)))
        self.selection_changed.emit(record)

    def _edit_current(self) -> None:
        record = self.current()
        if record is not None:
            self.edit_requested.emit(record)

    def _delete_current(self) -> None:
        record = self.current()
        if record is not None:
            self.delete_requested.emit(record)
