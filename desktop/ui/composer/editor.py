"""The note editor: a QTextEdit that keeps only simple formatting and never fetches anything."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, QPoint, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QKeySequence,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextListFormat,
)
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QTextEdit, QToolBar, QWidget

from desktop.core.proofread import Finding
from desktop.ui import theme

# Findings about the whole note are listed, not underlined (an underlined page helps nobody).
WHOLE_NOTE_CODES = frozenset({"duplicate_note", "too_long"})
# A note is a few hundred words. Measured here: pasting 2 million characters of text held
# the window for 1.7 s, 5 MB of HTML for 16 s; at these limits a paste takes well under 1 s.
# Larger HTML (a whole web page, Word's styles) goes in as its plain text if that is small.
MAX_PASTE_CHARS = 100_000
MAX_PASTE_HTML = 200_000


def utf16_offsets(text: str) -> list[int]:
    """Qt position (UTF-16 code units) of each Python index in `text`, plus the end."""
    out = [0] * (len(text) + 1)
    position = 0
    for index, char in enumerate(text):
        out[index] = position
        position += 2 if ord(char) > 0xFFFF else 1
    out[len(text)] = position
    return out


def _blank_image() -> Any:
    from PySide6.QtGui import QImage

    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(0)
    return image


class NoteEditor(QTextEdit):
    """Rich text with bold, italic, underline, lists and links; paste keeps only those."""

    focus_lost = Signal()
    paste_refused = Signal(str)  # why a paste or drop was too large to take
    add_to_dictionary = Signal(str)  # "Add … to the dictionary" on a word's own menu

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(True)
        self.setTabChangesFocus(True)
        self.document().setDocumentMargin(10)
        font = self.font()
        font.setPointSizeF(max(font.pointSizeF(), 10.5))
        self.setFont(font)
        self._findings: list[Finding] = []
        # Corrections for a misspelt word, most likely first (the composer's dictionary).
        self.suggest: Callable[[str], list[str]] = lambda word: []

    # --- paste: only what the editor can show, nothing remote ---
    def insertFromMimeData(self, source: QMimeData) -> None:
        from desktop.compose.html_clean import clean_html

        html = source.html() if source.hasHtml() else ""
        text = source.text() if source.hasText() else ""
        if html and len(html) <= MAX_PASTE_HTML:
            self.textCursor().insertHtml(clean_html(html))
        elif text and len(text) <= MAX_PASTE_CHARS:
            self.textCursor().insertText(text)
        elif html or text:
            size = len(text) if text else len(html)
            self.paste_refused.emit(
                f"Nothing was pasted: that is {size:,} characters, far more than a note "
                f"(at most {MAX_PASTE_CHARS:,}). Copy just the part you need."
            )

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasHtml() or source.hasText()

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        """Images and style sheets named in a note are never loaded: no network, no local
        files. Not None: given nothing, QTextDocument goes on to read a `file:` URL itself
        (an imported draft's <img src="file:///dev/zero"> grew the window to 5 GB)."""
        if kind == QTextDocument.ResourceType.ImageResource.value:
            return _blank_image()
        if kind == QTextDocument.ResourceType.StyleSheetResource.value:
            return " "
        return QByteArray(b" ")

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_lost.emit()

    # --- findings as underlines ---
    # --- the word's own menu: corrections where a spelling mistake is right-clicked ---
    def spelling_at(self, position: int) -> Finding | None:
        """The spelling finding covering Qt text position `position`, if any."""
        text = self.toPlainText()
        offsets = utf16_offsets(text)
        for finding in self._findings:
            if finding.code != "spelling" or finding.end > len(text):
                continue
            if offsets[finding.start] <= position <= offsets[finding.end]:
                return finding
        return None

    def menu_at(self, point: QPoint) -> QMenu:
        """The right-click menu at `point`: corrections first when it is on a misspelt word."""
        menu = self.createStandardContextMenu(point)
        finding = self.spelling_at(self.cursorForPosition(point).position())
        if finding is None:
            return menu
        word = self.toPlainText()[finding.start : finding.end]
        first = menu.actions()[0] if menu.actions() else None

        def put(action: QAction) -> None:  # above the standard entries, or alone
            if first is None:
                menu.addAction(action)
            else:
                menu.insertAction(first, action)

        corrections = self.suggest(word)[:5]
        for suggestion in corrections:
            action = QAction(suggestion, menu)
            font = action.font()
            font.setBold(True)
            action.setFont(font)
            action.triggered.connect(
                lambda _=False, f=finding, s=suggestion: self.replace_range(f.start, f.end, s)
            )
            put(action)
        if not corrections:
            none = QAction(self.tr("No suggestions"), menu)
            none.setEnabled(False)
            put(none)
        add = QAction(self.tr("Add “{word}” to the dictionary").format(word=word), menu)
        add.triggered.connect(lambda: self.add_to_dictionary.emit(word))
        put(add)
        if first is not None:
            menu.insertSeparator(first)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.menu_at(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def show_findings(self, findings: Sequence[Finding], text: str) -> None:
        self._findings = list(findings)
        offsets = utf16_offsets(text)
        selections = []
        for finding in findings:
            if finding.end <= finding.start or finding.end > len(text):
                continue
            if finding.code in WHOLE_NOTE_CODES:
                continue  # about the note as a whole: the checklist says it; no red page
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(offsets[finding.start])
            cursor.setPosition(offsets[finding.end], QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
            error = finding.severity == "error"
            colour = theme.ERROR_UNDERLINE if error else theme.WARNING_UNDERLINE
            fmt.setUnderlineColor(QColor(colour))
            fmt.setToolTip(finding.message)
            selection.format = fmt
            selections.append(selection)
        self.setExtraSelections(selections)

    def select_range(self, start: int, end: int) -> None:
        text = self.toPlainText()
        offsets = utf16_offsets(text)
        start, end = min(start, len(text)), min(end, len(text))
        cursor = self.textCursor()
        cursor.setPosition(offsets[start])
        cursor.setPosition(offsets[end], QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.setFocus()

    def replace_range(self, start: int, end: int, text: str) -> None:
        """Replace plain-text range [start, end) as one undoable edit."""
        self.select_range(start, end)
        self.textCursor().insertText(text)

    def replace_all_html(self, html: str) -> None:
        """Swap the whole note for `html`, keeping the change on the undo stack."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.removeSelectedText()
        cursor.insertHtml(html)
        cursor.endEditBlock()


class FormatBar(QToolBar):
    """Bold, italic, underline, lists, link, undo and redo for one editor."""

    def __init__(self, editor: NoteEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.setAccessibleName(self.tr("Formatting"))
        self.setMovable(False)
        self.bold = self._toggle(self.tr("Bold"), "Ctrl+B", self._bold)
        self.italic = self._toggle(self.tr("Italic"), "Ctrl+I", editor.setFontItalic)
        self.underline = self._toggle(self.tr("Underline"), "Ctrl+U", editor.setFontUnderline)
        self.addSeparator()
        self.bullets = self._action(
            "• List", "Ctrl+Shift+8", lambda: self._list(QTextListFormat.Style.ListDisc)
        )
        self.numbers = self._action(
            "1. List", "Ctrl+Shift+7", lambda: self._list(QTextListFormat.Style.ListDecimal)
        )
        self.link = self._action("Link…", "Ctrl+L", self.insert_link)
        self.addSeparator()
        self.undo = self._action("Undo", QKeySequence.StandardKey.Undo, editor.undo)
        self.redo = self._action("Redo", QKeySequence.StandardKey.Redo, editor.redo)
        self.undo.setEnabled(False)
        self.redo.setEnabled(False)
        editor.undoAvailable.connect(self.undo.setEnabled)
        editor.redoAvailable.connect(self.redo.setEnabled)
        editor.currentCharFormatChanged.connect(self._sync)
        # The shortcuts belong to this editor, not to the other notes' editors in other tabs.
        for action in self.actions():
            action.setShortcutContext(action.shortcutContext().WidgetWithChildrenShortcut)
            editor.addAction(action)
        self.ask_link: Any = self._ask_link

    def _action(self, text: str, shortcut: Any, slot: Any) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(
            self.tr("{rstrip} ({toString})").format(
                rstrip=text.rstrip("…"), toString=QKeySequence(shortcut).toString()
            )
        )
        action.triggered.connect(lambda *_: slot())
        self.addAction(action)
        return action

    def _toggle(self, text: str, shortcut: str, slot: Any) -> QAction:
        action = QAction(text, self)
        action.setCheckable(True)
        action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(self.tr("{text} ({shortcut})").format(text=text, shortcut=shortcut))
        font = QFont()
        font.setBold(text == "Bold")
        font.setItalic(text == "Italic")
        font.setUnderline(text == "Underline")
        action.setFont(font)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _bold(self, on: bool) -> None:
        self.editor.setFontWeight(QFont.Weight.Bold if on else QFont.Weight.Normal)

    def _list(self, style: QTextListFormat.Style) -> None:
        cursor = self.editor.textCursor()
        current = cursor.currentList()
        cursor.beginEditBlock()
        if current is not None and current.format().style() == style:
            # A second press takes the paragraph out of the list again.
            block_format = cursor.blockFormat()
            current.remove(cursor.block())
            block_format.setIndent(0)
            cursor.setBlockFormat(block_format)
        else:
            list_format = QTextListFormat()
            list_format.setStyle(style)
            cursor.createList(list_format)
        cursor.endEditBlock()

    def _ask_link(self, selected: str) -> str | None:
        url, ok = QInputDialog.getText(
            self,
            self.tr("Insert link"),
            self.tr("Address (https://… or mailto:…)"),
            QLineEdit.EchoMode.Normal,
        )
        return url.strip() if ok else None

    def insert_link(self) -> None:
        cursor = self.editor.textCursor()
        selected = cursor.selectedText()
        url = self.ask_link(selected)
        if not url:
            return
        if not url.lower().startswith(("http://", "https://", "mailto:")):
            url = ("mailto:" if "@" in url else "https://") + url
        fmt = QTextCharFormat()
        fmt.setAnchor(True)
        fmt.setAnchorHref(url)
        fmt.setForeground(self.palette().color(QPalette.ColorRole.Link))
        fmt.setFontUnderline(True)
        cursor.insertText(selected or url, fmt)
        # Typing after the link should not extend it.
        cursor.setCharFormat(QTextCharFormat())
        self.editor.setTextCursor(cursor)
        self.editor.setCurrentCharFormat(QTextCharFormat())

    def _sync(self, fmt: QTextCharFormat) -> None:
        self.bold.setChecked(fmt.fontWeight() >= QFont.Weight.DemiBold)
        self.italic.setChecked(fmt.fontItalic())
        self.underline.setChecked(fmt.fontUnderline())
