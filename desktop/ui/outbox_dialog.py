"""The outbox: notes sent while offline (waiting) or refused by the server (failed)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui import theme

if TYPE_CHECKING:
    from desktop.storage.outbox import OutboxItem
    from desktop.storage.store import Store

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class OutboxDialog(QDialog):
    """Lists what has not gone out yet; Try again puts a failed note back in the queue."""

    def __init__(
        self,
        store: Store,
        tz: tzinfo,
        send_now: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.tz = tz
        self.send_now = send_now  # one delivery round; returns what to tell the person
        self.confirm: Callable[[str, str], bool] = lambda title, text: True
        self.setWindowTitle(self.tr("Outbox"))
        self.setAccessibleName(self.tr("Outbox"))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Outbox summary"))
        self.table = QTableWidget(0, 4, self)
        self.table.setAccessibleName(self.tr("Notes not sent yet"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("To"), self.tr("Subject"), self.tr("State"), self.tr("Why")]
        )
        self.table.horizontalHeader().setAccessibleName(self.tr("Outbox columns"))
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setAccessibleName(self.tr("Why the chosen note has not gone"))
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry = QPushButton(self.tr("Try again"), self)
        self.retry.setAccessibleName(self.tr("Try again"))
        self.retry.setToolTip(self.tr("Put a failed note back in the queue and send the queue now"))
        self.retry.clicked.connect(lambda *_: self.try_again())
        self.send = QPushButton(self.tr("Send waiting notes now"), self)
        self.send.setAccessibleName(self.tr("Send waiting notes now"))
        self.send.clicked.connect(lambda *_: self.deliver())
        self.discard = QPushButton(self.tr("Discard…"), self)
        self.discard.setAccessibleName(self.tr("Discard"))
        self.discard.setToolTip(self.tr("Take the note out of the outbox; its draft stays"))
        self.discard.clicked.connect(lambda *_: self.discard_selected())
        buttons = QHBoxLayout()
        for button in (self.retry, self.send, self.discard):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(900, 380)
        self.reload()

    def reload(self) -> None:
        from desktop.storage.outbox import items

        notes = items(self.store)
        self.table.setRowCount(len(notes))
        for row, note in enumerate(notes):
            self._fill(row, note)
        self.table.resizeColumnsToContents()
        for column, widest in ((0, 160), (1, 220), (2, 170)):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), widest))
        waiting = sum(1 for n in notes if n.state == "queued")
        failed = len(notes) - waiting
        if not notes:
            self.summary.setText(
                self.tr(
                    "The outbox is empty: every note you sent by email has gone out. Notes sent "
                    "while offline wait here and go when your mail server can be reached."
                )
            )
        else:
            self.summary.setText(
                self.tr(
                    "{waiting} waiting to go, {failed} refused by the server. Waiting notes are"
                    " tried every few minutes while Afterword is open."
                ).format(waiting=waiting, failed=failed)
            )
        self.send.setEnabled(waiting > 0)
        self._update_buttons()

    def _fill(self, row: int, note: OutboxItem) -> None:
        state = "Waiting" if note.state == "queued" else "Failed"
        when = note.last_attempt_at or note.queued_at
        from email.utils import parseaddr

        name, address = parseaddr(note.recipient)
        cells = [
            name or address or note.recipient,
            note.subject,
            f"{state}, {when.astimezone(self.tz):%d %b %H:%M}",
            note.last_error or "Not tried yet",
        ]
        for column, text in enumerate(cells):
            cell = QTableWidgetItem(text)
            cell.setData(ID_ROLE, note.id)
            cell.setToolTip(note.recipient if column == 0 else text)
            if note.state == "failed":
                cell.setForeground(QColor(theme.ERROR))
            self.table.setItem(row, column, cell)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        cell = self.table.item(rows[0].row(), 0)
        return int(cell.data(ID_ROLE)) if cell is not None else None

    def _selected_state(self) -> str:
        row = self.table.currentRow()
        cell = self.table.item(row, 2) if row >= 0 else None
        return cell.text() if cell is not None else ""

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        row = self.table.currentRow()
        why = self.table.item(row, 3) if chosen and row >= 0 else None
        to = self.table.item(row, 0) if chosen and row >= 0 else None
        self.detail.setText(
            self.tr("To {toolTip}: {text}").format(toolTip=to.toolTip(), text=why.text())
            if why is not None and to is not None
            else ""
        )
        self.retry.setEnabled(chosen and self._selected_state().startswith("Failed"))
        self.discard.setEnabled(chosen)

    def try_again(self) -> None:
        from desktop.storage.outbox import requeue

        outbox_id = self.selected_id()
        if outbox_id is None:
            return
        requeue(self.store, outbox_id)
        self.deliver()

    def deliver(self) -> None:
        from PySide6.QtWidgets import QApplication

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            said = self.send_now()
        finally:
            QApplication.restoreOverrideCursor()
        self.reload()
        if said:
            self.summary.setText(
                self.tr("{said}. {text}").format(said=said, text=self.summary.text())
            )

    def discard_selected(self) -> None:
        from desktop.storage.outbox import discard

        outbox_id = self.selected_id()
        if outbox_id is None or not self.confirm(
            self.tr("Discard this note?"),
            self.tr(
                "Take it out of the outbox? It will not be sent; its draft stays in the composer."
            ),
        ):
            return
        discard(self.store, outbox_id)
        self.reload()
