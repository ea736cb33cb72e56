"""A table model that loads records a page at a time, so 10,000 rows open at once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
PAGE = 200


@dataclass(frozen=True)
class Column(Generic[R]):
    title: str
    text: Callable[[R], str]
    # What the column sorts by, when the text would sort wrongly (dates, numbers).
    sort: Callable[[R], Any] | None = None
    tooltip: Callable[[R], str] | None = None


class PagedTableModel(QAbstractTableModel, Generic[R]):
    """Rows come from `fetch(offset, limit)`; `count()` says how many there are in all.

    Qt asks `canFetchMore` as the user scrolls, and only then is the next page read.
    """

    SORT_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(
        self,
        columns: Sequence[Column[R]],
        fetch: Callable[[int, int], list[R]],
        count: Callable[[], int],
        parent: Any = None,
        *,
        load: bool = True,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._fetch = fetch
        self._count = count
        self._rows: list[R] = []
        self._total = 0
        if load:
            self.reload()

    def reload(self) -> None:
        """Read the count and the first page again (after a change)."""
        self.beginResetModel()
        self._total = self._count()
        self._rows = self._fetch(0, PAGE) if self._total else []
        self.endResetModel()

    @property
    def total(self) -> int:
        return self._total

    def record(self, row: int) -> R:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        more = self._fetch(len(self._rows), PAGE)
        if not more:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(record)
        if role == self.SORT_ROLE:
            return column.sort(record) if column.sort else column.text(record).casefold()
        if role == Qt.ItemDataRole.ToolTipRole:
            # The whole text, for a cell too narrow to show it (or the column's own tip).
            return column.tooltip(record) if column.tooltip else column.text(record) or None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None
