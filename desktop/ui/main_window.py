"""A first main window: today's follow-ups. The full window is its own piece of work."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QMainWindow, QVBoxLayout, QWidget

from desktop.app import Workspace


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, *, demo: bool = False) -> None:
        super().__init__()
        self.workspace = workspace
        self.setWindowTitle("Afterword — demo" if demo else "Afterword")
        self.resize(760, 520)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.heading = QLabel(body)
        self.heading.setAccessibleName("Today heading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.today = QListWidget(body)
        self.today.setAccessibleName("Follow-ups due today")
        self.today.setWordWrap(True)
        self.today.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.empty = QLabel(
            "Nothing is due. Add an interview, or import a job search with "
            "'afterword import FILE', and Afterword will tell you when each thank-you "
            "and check-in is due.",
            body,
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.heading)
        layout.addWidget(self.today, 1)
        layout.addWidget(self.empty, 1)
        self.setCentralWidget(body)
        self.refresh()

    def refresh(self) -> None:
        from desktop.cli import due_line
        from desktop.storage.followups import due_now

        items = due_now(self.workspace.store, datetime.now(UTC))
        self.today.clear()
        for item in items:
            self.today.addItem(due_line(item, self.workspace.tz))
        self.heading.setText(f"Today — {len(items)} follow-up{'s' if len(items) != 1 else ''} due")
        self.today.setVisible(bool(items))
        self.empty.setVisible(not items)
