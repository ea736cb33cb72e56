"""Search as you type over contacts, companies, roles, interview notes and talking points."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLineEdit, QListWidget, QListWidgetItem, QWidget

if TYPE_CHECKING:
    from desktop.storage.job_search import JobSearch

KIND_LABELS = {
    "company": "Company",
    "contact": "Contact",
    "application": "Application",
    "interview": "Interview",
}
HIT_ROLE = Qt.ItemDataRole.UserRole + 1


class SearchBox(QLineEdit):
    """The line edit; its results float under it inside the window (no focus stealing)."""

    chosen = Signal(str, int)  # kind, id

    def __init__(self, search: JobSearch, window: QWidget) -> None:
        super().__init__(window)
        self.search = search
        self.window_ = window
        self.setPlaceholderText(self.tr("Search people, companies, roles, notes…  (Ctrl+K)"))
        self.setAccessibleName(self.tr("Search everything"))
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(260)
        self.results = QListWidget(window)
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.setFrameShape(QFrame.Shape.StyledPanel)
        self.results.hide()
        self.results.itemClicked.connect(self._choose)
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self.run)
        self.textEdited.connect(lambda _: self._timer.start())
        self.returnPressed.connect(lambda: self._choose(self.results.currentItem()))
        self.installEventFilter(self)

    def run(self) -> None:
        """Search now for the current text (the debounce timer calls this)."""
        text = self.text().strip()
        self.results.clear()
        if not text:
            self.results.hide()
            return
        hits = self.search.search(text, limit=20)
        for hit in hits:
            # The index marks matched words with [ ]; a plain list shows the text plainly.
            snippet = " ".join(hit.snippet.replace("[", "").replace("]", "").split())
            text = f"{KIND_LABELS.get(hit.kind, hit.kind)} · {hit.title}"
            if snippet and snippet.casefold() not in hit.title.casefold():
                text += f"\n      {snippet}"
            item = QListWidgetItem(text)
            item.setData(HIT_ROLE, (hit.kind, hit.id))
            item.setToolTip(snippet)
            self.results.addItem(item)
        if not hits:
            empty = QListWidgetItem(self.tr("Nothing matches “{text}”").format(text=text))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(empty)
        else:
            self.results.setCurrentRow(0)
        self._place()
        self.results.show()
        self.results.raise_()

    def _place(self) -> None:
        origin = self.mapTo(self.window_, QPoint(0, self.height()))
        rows = min(self.results.count(), 8)
        height = sum(self.results.sizeHintForRow(r) for r in range(rows)) + 8
        self.results.setGeometry(origin.x(), origin.y() + 2, max(self.width(), 480), height)

    def _choose(self, item: QListWidgetItem | None) -> None:
        if item is None or item.data(HIT_ROLE) is None:
            return
        kind, record_id = item.data(HIT_ROLE)
        self.results.hide()
        self.clear()  # the next search starts from an empty box
        self.chosen.emit(kind, record_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.KeyPress and self.results.isVisible():
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
            if key == Qt.Key.Key_Escape:
                self.results.hide()
                return True
        if watched is self and event.type() == QEvent.Type.FocusOut:
            QTimer.singleShot(150, self.results.hide)
        return super().eventFilter(watched, event)
