"""Dragging a card between the board's columns with real mouse events.

The press and the moves go to the source list through QTest, so the list selects the card
and starts its drag itself. The offscreen platform ends every drag at once (its QDrag is
a no-op), so the drop is delivered as the platform would: drag-enter, drag-move and drop
events, carrying the data the source list's model made, sent to the target list.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QListView


def drag_card(source: QListView, row: int, target: QListView) -> None:
    index = source.model().index(row, 0)
    source.scrollTo(index)
    start = source.visualRect(index).center()
    QTest.mousePress(
        source.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start
    )
    distance = QApplication.startDragDistance() + 5
    for step in (QPoint(2, 2), QPoint(distance, distance), QPoint(distance * 2, distance)):
        QTest.mouseMove(source.viewport(), start + step)
    assert source.currentIndex().row() == row, "the press did not select the card"
    data = source.model().mimeData(source.selectedIndexes())
    point = QPointF(target.viewport().rect().center())
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    action = Qt.DropAction.MoveAction
    enter = QDragEnterEvent(point.toPoint(), action, data, buttons, mods)
    QApplication.sendEvent(target.viewport(), enter)
    assert enter.isAccepted(), "the column refused the card"
    move = QDragMoveEvent(point.toPoint(), action, data, buttons, mods)
    QApplication.sendEvent(target.viewport(), move)
    drop = QDropEvent(point, action, data, buttons, mods)
    QApplication.sendEvent(target.viewport(), drop)
    QTest.mouseRelease(source.viewport(), Qt.MouseButton.LeftButton, mods, start)
