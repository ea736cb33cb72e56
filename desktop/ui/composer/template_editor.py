"""The user's own note templates: copy a built-in one, edit it, save only what renders."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from desktop.compose.templates import TemplateLibrary


class TemplateEditor(QDialog):
    """Pick a template; built-in ones are read-only until copied as your own."""

    def __init__(self, library: TemplateLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setWindowTitle("Note templates")
        self.setAccessibleName("Note templates")
        self.choice = QComboBox(self)
        self.choice.setAccessibleName("Template to edit")
        self.copy_button = QPushButton("Copy as my own…", self)
        self.copy_button.setAccessibleName("Copy as my own")
        self.copy_button.clicked.connect(lambda *_: self.copy())
        top = QHBoxLayout()
        top.addWidget(self.choice, 1)
        top.addWidget(self.copy_button)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName("About this template")
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName("Template text")
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.problem = QLabel(self)
        self.problem.setObjectName("formProblem")
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problem")
        self.problem.setStyleSheet("color: #c62828;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.ask_name = self._ask_name
        self._fill()
        self.choice.currentIndexChanged.connect(lambda *_: self._show())
        self._show()
        self.resize(760, 560)

    def _fill(self, select: str | None = None) -> None:
        self.choice.blockSignals(True)
        self.choice.clear()
        for info in self.library.templates():
            self.choice.addItem(f"{info.title} (mine)" if info.user else info.title, info)
        self.choice.blockSignals(False)
        if select is not None:
            for i in range(self.choice.count()):
                if self.choice.itemData(i).name == select:
                    self.choice.setCurrentIndex(i)

    def _show(self) -> None:
        info = self.choice.currentData()
        if info is None:
            return
        self.text.setPlainText(self.library.source(info.name))
        self.text.setReadOnly(not info.user)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(info.user)
        self.problem.clear()
        self.hint.setText(
            "Your template: edit it and Save. It is tried with sample details first; a "
            "template that does not work is not saved."
            if info.user
            else "A built-in template. Copy it as your own to change the wording; the list "
            "of fields you can use is in the template's first lines."
        )

    def _ask_name(self, suggested: str) -> str | None:
        name, ok = QInputDialog.getText(
            self, "Copy template", "Name for your copy (letters, digits, - and _):", text=suggested
        )
        return name.strip() if ok and name.strip() else None

    def copy(self) -> None:
        from desktop.compose.templates import TemplateError

        info = self.choice.currentData()
        name = self.ask_name(f"my_{info.name}")
        if not name:
            return
        try:
            self.library.copy_to_user(info.name, name)
        except TemplateError as exc:
            self.problem.setText(str(exc))
            return
        self._fill(select=name)
        self._show()

    def save(self) -> bool:
        from desktop.compose.templates import TemplateError

        info = self.choice.currentData()
        if info is None or not info.user:
            return False
        try:
            self.library.save_user(info.name, self.text.toPlainText())
        except TemplateError as exc:
            self.problem.setText(f"Not saved — {exc}")
            if exc.line:
                block = self.text.document().findBlockByLineNumber(exc.line - 1)
                cursor = self.text.textCursor()
                cursor.setPosition(block.position())
                self.text.setTextCursor(cursor)
            return False
        self.problem.setText("")
        self.hint.setText("Saved. New notes can start from it; pick it in the template list.")
        self.text.document().setModified(False)
        return True

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() == Qt.Key.Key_S and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.save()
            return
        super().keyPressEvent(event)
