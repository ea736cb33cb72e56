"""The board's cards: a list model per column and the delegate that paints a card.

Model/view so a column of a thousand cards costs what is on screen: the model holds the
plain cards and their words (worked out once per read), the delegate paints only the
rows Qt asks for, and every row is one height (uniformItemSizes) so scrolling never
measures a card.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.core.wording import action_text, day_text, due_phrase
from desktop.storage.board import BoardCard

MIME = "application/x-afterword-application"
CARD_ROLE = Qt.ItemDataRole.UserRole + 1
WORDS_ROLE = Qt.ItemDataRole.UserRole + 2
CARD_HEIGHT = 116
ACTIVITY_WORDS = {
    "interview": "Interview",
    "reply": "Reply",
    "note": "Note sent",
    "applied": "Applied",
    "added": "Added",
}
# The stripe and the next note's words, by urgency (light, dark).
URGENCY_COLORS = {
    "overdue": ("#c0392b", "#ff8a80"),
    "today": ("#b9770e", "#ffcc66"),
    "soon": ("#1f6fb2", "#82b8ff"),
    "later": ("#5f6b7a", "#9aa4b2"),
    "": ("#c9ced6", "#4a4f58"),
}


@dataclass(frozen=True)
class CardWords:
    """What a card says, worked out once when the board is read."""

    next_line: str
    due_line: str
    last_line: str
    tags: str
    accessible: str


def card_words(card: BoardCard, now: datetime, tz: tzinfo) -> CardWords:
    if card.next_kind:
        next_line = card.next_title or action_text(
            card.next_kind, card.next_contact or None, card.company, card.role
        )
        due_line = due_phrase(card.next_due_at, now, tz)
    else:
        next_line, due_line = "Nothing to follow up", ""
    last = ACTIVITY_WORDS.get(card.last_activity, card.last_activity)
    if card.last_activity_at is not None:
        local = card.last_activity_at.astimezone(tz)
        last_line = f"{last} {day_text(local.date(), year=local.year != now.astimezone(tz).year)}"
    else:
        last_line = last
    tags = "  ".join(f"#{t}" for t in card.tags)
    accessible = f"{card.company}, {card.role}. {next_line} {due_line}. Last: {last_line}"
    return CardWords(
        next_line, due_line, last_line, tags, accessible + (f". Tags {tags}" if tags else "")
    )


class ColumnModel(QAbstractListModel):
    """The cards of one status, in the board's order. Dropping cards on it asks for them
    to move (`dropped`); the board changes the status and reads again."""

    dropped = Signal(list, str)  # application ids, this column's status

    def __init__(self, status: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = status
        self.cards: list[BoardCard] = []
        self._now = datetime.now(UTC)
        self._tz: tzinfo = UTC
        self._words: dict[int, CardWords] = {}

    def set_cards(self, cards: list[BoardCard], now: datetime, tz: tzinfo) -> None:
        self.beginResetModel()
        self.cards, self._now, self._tz = cards, now, tz
        self._words = {}
        self.endResetModel()

    def words(self, row: int) -> CardWords:
        """What card `row` says, worked out when first shown: a column of a thousand cards
        paints a dozen (all of them up front cost the board's first paint 50 ms)."""
        found = self._words.get(row)
        if found is None:
            found = self._words[row] = card_words(self.cards[row], self._now, self._tz)
        return found

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.cards)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or index.row() >= len(self.cards):
            return None
        card = self.cards[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{card.company} — {card.role}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.words(index.row()).accessible
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.words(index.row()).accessible
        if role == CARD_ROLE:
            return card
        if role == WORDS_ROLE:
            return self.words(index.row())
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Any) -> QMimeData:
        ids = sorted({self.cards[i.row()].id for i in indexes if i.isValid()})
        data = QMimeData()
        data.setData(MIME, QByteArray(",".join(map(str, ids)).encode()))
        return data

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, *_: Any) -> bool:
        return data.hasFormat(MIME)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, *_: Any) -> bool:
        if not data.hasFormat(MIME):
            return False
        raw = bytes(data.data(MIME).data()).decode()
        ids = [int(x) for x in raw.split(",") if x.isdigit()]
        mine = {c.id for c in self.cards}
        moving = [i for i in ids if i not in mine]
        if moving:
            self.dropped.emit(moving, self.status)
        # False: the source keeps its rows; the board reads everything again after the move.
        return False

    def row_of(self, application_id: int) -> int:
        return next((r for r, c in enumerate(self.cards) if c.id == application_id), -1)


class CardDelegate(QStyledItemDelegate):
    """Paints a card: an urgency stripe, the company, the role, the next follow-up, the last
    activity and the tags."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(220, CARD_HEIGHT)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        card: BoardCard | None = index.data(CARD_ROLE)
        words: CardWords | None = index.data(WORDS_ROLE)
        if card is None or words is None:
            return
        palette: QPalette = option.palette
        rect: QRect = option.rect.adjusted(4, 3, -4, -3)
        state = option.state
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        selected = bool(state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = palette.color(QPalette.ColorRole.Base)
        border = palette.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Mid)
        painter.setPen(QPen(border, 2 if selected else 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 6, 6)
        stripe = QColor(URGENCY_COLORS.get(card.urgency, URGENCY_COLORS[""])[dark])
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(stripe)
        painter.drawRoundedRect(QRect(rect.left() + 1, rect.top() + 1, 5, rect.height() - 1), 2, 2)

        text = palette.color(QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        base_font = QFont(option.font)
        left, width = rect.left() + 14, rect.width() - 22
        y = rect.top() + 6

        def line(content: str, font: QFont, color: QColor) -> None:
            nonlocal y
            metrics = QFontMetrics(font)
            painter.setFont(font)
            painter.setPen(color)
            shown = metrics.elidedText(content, Qt.TextElideMode.ElideRight, width)
            painter.drawText(QRect(left, y, width, metrics.height()), 0, shown)
            y += metrics.height() + 1

        bold = QFont(base_font)
        bold.setBold(True)
        line(card.company, bold, text)
        line(card.role, base_font, text)
        small = QFont(base_font)
        small.setPointSizeF(max(7.5, base_font.pointSizeF() * 0.9))
        urgent = card.urgency in ("overdue", "today")
        line(words.next_line, small, text)
        if words.due_line:
            line(words.due_line, small, stripe if urgent else muted)
        line(words.last_line, small, muted)
        if words.tags:
            line(words.tags, small, palette.color(QPalette.ColorRole.Link))
        painter.restore()
