"""The user's own note templates: copy a built-in one, edit it with {Field} placeholders
(or in Jinja2), see it live on a real interview, save only what renders."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontDatabase, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.compose.template_fields import FIELDS, from_friendly, to_friendly, unknown_fields
from desktop.ui import theme

if TYPE_CHECKING:
    from desktop.compose.templates import NoteContext, TemplateLibrary

PREVIEW_MS = 250  # the preview is drawn again once typing pauses this long


class FieldHighlighter(QSyntaxHighlighter):
    """{First name} drawn as a chip; a {name} that is no field, in the error colour."""

    def __init__(self, document: Any) -> None:
        super().__init__(document)
        import re

        self._field = re.compile(r"(?<!\{)\{([A-Za-z][A-Za-z -]{0,40})\}(?!\})")
        self.chip = QTextCharFormat()
        self.chip.setBackground(QColor(*theme.FIELD_CHIP_RGBA))
        self.chip.setFontWeight(QFont.Weight.DemiBold)
        self.wrong = QTextCharFormat()
        self.wrong.setForeground(QColor(theme.ERROR))
        self.wrong.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self._known = {label.casefold() for label in FIELDS.values()}

    def highlightBlock(self, text: str) -> None:
        for match in self._field.finditer(text):
            known = match.group(1).strip().casefold() in self._known
            self.setFormat(match.start(), len(match.group(0)), self.chip if known else self.wrong)


class TemplateEditor(QDialog):
    """Pick a template; built-in ones are read-only until copied as your own.

    `context` is a real note (the composer's current interviewer) the preview fills in;
    without one, the sample note of the template checks is used.
    """

    def __init__(
        self,
        library: TemplateLibrary,
        parent: QWidget | None = None,
        context: NoteContext | None = None,
        context_label: str = "",
    ) -> None:
        super().__init__(parent)
        from desktop.compose.note_context import sample_context

        self.library = library
        self.context = context or sample_context()
        self.setWindowTitle(self.tr("Note templates"))
        self.setAccessibleName(self.tr("Note templates"))
        self.choice = QComboBox(self)
        self.choice.setAccessibleName(self.tr("Template to edit"))
        self.copy_button = QPushButton(self.tr("Copy as my own…"), self)
        self.copy_button.setAccessibleName(self.tr("Copy as my own"))
        self.copy_button.clicked.connect(lambda *_: self.copy())
        self.insert_button = QPushButton(self.tr("Insert field"), self)
        self.insert_button.setAccessibleName(self.tr("Insert a field"))
        self.insert_button.setToolTip(
            self.tr("Put a field such as {First name} where the cursor is")
        )
        insert_menu = QMenu(self.insert_button)
        for label in FIELDS.values():
            insert_menu.addAction(label, partial(self.insert_field, label))
        self.insert_button.setMenu(insert_menu)
        top = QHBoxLayout()
        top.addWidget(self.choice, 1)
        top.addWidget(self.insert_button)
        top.addWidget(self.copy_button)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName(self.tr("About this template"))

        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        # The note with {Field} placeholders, and the same template as Jinja2 source.
        self.fields = QPlainTextEdit(self)
        self.fields.setAccessibleName(self.tr("Template with its fields"))
        self.fields.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.highlighter = FieldHighlighter(self.fields.document())
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName(self.tr("Template text"))
        self.text.setFont(fixed)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editors = QTabWidget(self)
        self.editors.setAccessibleName(self.tr("Template views"))
        self.editors.addTab(self.fields, "Note with fields")
        self.editors.addTab(self.text, "Jinja2 source")
        self.editors.currentChanged.connect(lambda *_: self._sync())

        preview_box = QWidget(self)
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        self.preview_label = QLabel(
            self.tr("Preview for {context_label}").format(context_label=context_label)
            if context_label
            else self.tr("Preview with sample details"),
            preview_box,
        )
        self.preview_label.setObjectName("composerSection")
        self.preview = QTextBrowser(preview_box)
        self.preview.setAccessibleName(self.tr("Preview of the note"))
        self.preview.setOpenLinks(False)
        preview_layout.addWidget(self.preview_label)
        preview_layout.addWidget(self.preview, 1)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.editors)
        split.addWidget(preview_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        self.problem = QLabel(self)
        self.problem.setObjectName("formProblem")
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(self.tr("Problem"))
        self.problem.setStyleSheet(f"color: {theme.ERROR};")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(split, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.ask_name = self._ask_name
        self._syncing = False
        self._header = ""  # the template's leading comment, kept out of the note view
        self._edited = "fields"  # the view typed in last: the one Save takes
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_MS)
        self._preview_timer.timeout.connect(self.update_preview)
        self.fields.textChanged.connect(lambda: self._typed("fields"))
        self.text.textChanged.connect(lambda: self._typed("source"))
        self._fill()
        self.choice.currentIndexChanged.connect(lambda *_: self._show())
        self._show()
        self.resize(1100, 640)

    # --- the two views of one template ---
    def source(self) -> str:
        """The template as it stands, in Jinja2, from whichever view was typed in last."""
        if self._edited == "fields":
            return self._header + from_friendly(self.fields.toPlainText())
        return self.text.toPlainText()

    @staticmethod
    def _split_header(source: str) -> tuple[str, str]:
        """(the leading {#- … -#} comment with its newline, the rest): the note view shows
        the note, not the template's notes about itself."""
        import re

        found = re.match(r"\s*\{#.*?#\}\n?", source, re.DOTALL)
        return (found.group(0), source[found.end() :]) if found else ("", source)

    def _typed(self, view: str) -> None:
        if self._syncing:
            return
        self._edited = view
        self._preview_timer.start()

    def _sync(self) -> None:
        """Bring the other view up to date with the one typed in."""
        self._syncing = True
        try:
            if self._edited == "fields":
                self.text.setPlainText(self.source())
            else:
                self._header, body = self._split_header(self.text.toPlainText())
                self.fields.setPlainText(to_friendly(body))
        finally:
            self._syncing = False

    def _load(self, source: str) -> None:
        self._syncing = True
        try:
            self.text.setPlainText(source)
            self._header, body = self._split_header(source)
            self.fields.setPlainText(to_friendly(body))
        finally:
            self._syncing = False
        self._edited = "fields"
        self.update_preview()

    def insert_field(self, label: str) -> None:
        if self.editors.currentWidget() is not self.fields:
            self.editors.setCurrentWidget(self.fields)
        self.fields.insertPlainText(f"{{{label}}}")
        self.fields.setFocus()

    def update_preview(self) -> None:
        """Draw the note the template makes for the real interviewer, or say why not."""
        from desktop.compose.templates import TemplateError

        info = self.choice.currentData()
        if info is None:
            return
        typos = unknown_fields(self.fields.toPlainText()) if self._edited == "fields" else []
        try:
            note = self.library.preview(info.name, self.source(), self.context)
        except TemplateError as exc:
            self.problem.setText(self.tr("Preview: {exc}").format(exc=exc))
            return
        subject = f"<p><b>Subject:</b> {note.subject}</p><hr>" if note.subject else ""
        self.preview.setHtml(subject + note.body_html)
        self.problem.setText(
            self.tr("No field called {fields} — see Insert field").format(
                fields=", ".join(f"{{{t}}}" for t in typos)
            )
            if typos
            else ""
        )

    # --- choosing, copying, saving ---
    def _fill(self, select: str | None = None) -> None:
        self.choice.blockSignals(True)
        self.choice.clear()
        for info in self.library.templates():
            self.choice.addItem(
                self.tr("{title} (mine)").format(title=info.title) if info.user else info.title,
                info,
            )
        self.choice.blockSignals(False)
        if select is not None:
            for i in range(self.choice.count()):
                if self.choice.itemData(i).name == select:
                    self.choice.setCurrentIndex(i)

    def _show(self) -> None:
        info = self.choice.currentData()
        if info is None:
            return
        self._load(self.library.source(info.name))
        for editor in (self.text, self.fields):
            editor.setReadOnly(not info.user)
        self.insert_button.setEnabled(info.user)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(info.user)
        self.problem.clear()
        self.update_preview()
        self.hint.setText(
            self.tr(
                "Your template: change the wording around the {fields}, and Save. It is tried "
                "first; a template that does not work is not saved."
            )
            if info.user
            else self.tr(
                "A built-in template. Copy it as your own to change the wording. Fields "
                "such as {First name} are filled in for each interviewer; the Jinja2 source is "
                "in the second tab."
            )
        )

    def _ask_name(self, suggested: str) -> str | None:
        name, ok = QInputDialog.getText(
            self,
            self.tr("Copy template"),
            self.tr("Name for your copy (letters, digits, - and _):"),
            text=suggested,
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
        source = self.source()
        try:
            self.library.save_user(info.name, source)
        except TemplateError as exc:
            self.problem.setText(self.tr("Not saved — {exc}").format(exc=exc))
            if exc.line:
                self.editors.setCurrentWidget(self.text)
                self._sync()
                block = self.text.document().findBlockByLineNumber(exc.line - 1)
                cursor = self.text.textCursor()
                cursor.setPosition(block.position())
                self.text.setTextCursor(cursor)
            return False
        self.problem.setText("")
        self.hint.setText(
            self.tr("Saved. New notes can start from it; pick it in the template list.")
        )
        self._load(source)
        return True

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() == Qt.Key.Key_S and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.save()
            return
        super().keyPressEvent(event)
