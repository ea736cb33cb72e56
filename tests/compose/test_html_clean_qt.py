"""Round trips through the real editor: what QTextEdit writes, cleaned, reads back the same."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor, QTextListFormat
from PySide6.QtWidgets import QTextEdit
from pytestqt.qtbot import QtBot

from desktop.compose.html_clean import clean_html, html_to_text
from desktop.compose.templates import NoteContext, TemplateLibrary


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    href: str = ""


@dataclass(frozen=True)
class Block:
    runs: tuple[Run, ...]
    list_style: QTextListFormat.Style | None = None


def _blocks(editor: QTextEdit) -> list[Block]:
    """The document as the user sees it: per paragraph, its list style and formatted runs."""
    out: list[Block] = []
    block = editor.document().begin()
    while block.isValid():
        runs: list[Run] = []
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            href = fmt.anchorHref() if fmt.isAnchor() else ""
            runs.append(
                Run(
                    fragment.text(),
                    fmt.fontWeight() >= QFont.Weight.DemiBold,
                    fmt.fontItalic(),
                    # A link is drawn underlined; what matters for it is the target.
                    fmt.fontUnderline() and not href,
                    href,
                )
            )
            it += 1
        text_list = block.textList()
        style = text_list.format().style() if text_list is not None else None
        out.append(Block(_merge(runs), style))
        block = block.next()
    return out


def _merge(runs: list[Run]) -> tuple[Run, ...]:
    merged: list[Run] = []
    for run in runs:
        if merged and (
            merged[-1].bold,
            merged[-1].italic,
            merged[-1].underline,
            merged[-1].href,
        ) == (
            run.bold,
            run.italic,
            run.underline,
            run.href,
        ):
            last = merged.pop()
            run = Run(last.text + run.text, run.bold, run.italic, run.underline, run.href)
        merged.append(run)
    return tuple(merged)


def _type(cursor: QTextCursor, text: str, **formats: object) -> None:
    fmt = QTextCharFormat()
    if formats.get("bold"):
        fmt.setFontWeight(QFont.Weight.Bold)
    if formats.get("italic"):
        fmt.setFontItalic(True)
    if formats.get("underline"):
        fmt.setFontUnderline(True)
    if formats.get("href"):
        fmt.setAnchor(True)
        fmt.setAnchorHref(str(formats["href"]))
        fmt.setFontUnderline(True)
    cursor.insertText(text, fmt)


def _written(qtbot: QtBot) -> QTextEdit:
    """A note written the way the composer's buttons do it: char formats and lists."""
    editor = QTextEdit()
    qtbot.addWidget(editor)
    cursor = editor.textCursor()
    _type(cursor, "Dear ")
    _type(cursor, "Ms. Hale", bold=True)
    _type(cursor, ", thank you for the ")
    _type(cursor, "tour", italic=True)
    _type(cursor, " of the ")
    _type(cursor, "archive", underline=True)
    _type(cursor, " & <the> ")
    _type(cursor, "library", bold=True, italic=True)
    _type(cursor, ".")
    cursor.insertBlock()  # Enter twice: an empty line
    cursor.insertBlock()
    cursor.createList(QTextListFormat.Style.ListDisc)
    _type(cursor, "appellate ")
    _type(cursor, "briefs", bold=True)
    cursor.insertBlock()
    _type(cursor, "the clerkship story")
    cursor.insertBlock()
    cursor.createList(QTextListFormat.Style.ListDecimal)
    _type(cursor, "first step")
    cursor.insertBlock()
    _type(cursor, "second step")
    cursor.insertBlock()
    out_of_list = cursor.currentList()
    assert out_of_list is not None
    out_of_list.remove(cursor.block())
    cursor.setBlockFormat(editor.document().begin().blockFormat())
    _type(cursor, "Our ")
    _type(cursor, "careers page", href="https://hp.example/careers?team=lit&x=1")
    _type(cursor, " and ")
    _type(cursor, "m@hp.example", href="mailto:m@hp.example")
    _type(cursor, "\u2028Sincerely,")  # Shift+Enter: a line break inside the paragraph
    return editor


def _reloaded(qtbot: QtBot, html: str) -> QTextEdit:
    fresh = QTextEdit()
    qtbot.addWidget(fresh)
    fresh.setHtml(html)
    return fresh


def test_editor_formatting_survives_cleaning(qtbot: QtBot) -> None:
    editor = _written(qtbot)
    raw = editor.toHtml()
    assert "font-weight:700" in raw and "<style" in raw  # really the editor's own markup
    cleaned = clean_html(raw)
    assert "<span" not in cleaned and "qrichtext" not in cleaned and "font" not in cleaned
    assert cleaned.count("style=") == 1  # only Qt's marker on the empty line
    before = _blocks(editor)
    after = _blocks(_reloaded(qtbot, cleaned))
    assert after == before
    assert Run("Ms. Hale", bold=True) in after[0].runs
    assert Run("library", bold=True, italic=True) in after[0].runs
    assert after[1] == Block(())
    assert [b.list_style for b in after[2:6]] == [
        QTextListFormat.Style.ListDisc,
        QTextListFormat.Style.ListDisc,
        QTextListFormat.Style.ListDecimal,
        QTextListFormat.Style.ListDecimal,
    ]
    assert Run("careers page", href="https://hp.example/careers?team=lit&x=1") in after[6].runs


def test_round_trips_are_stable(qtbot: QtBot) -> None:
    once = clean_html(_written(qtbot).toHtml())
    twice = clean_html(_reloaded(qtbot, once).toHtml())
    assert twice == once


def test_plain_text_of_the_edited_note(qtbot: QtBot) -> None:
    text = html_to_text(_written(qtbot).toHtml())
    assert text == (
        "Dear Ms. Hale, thank you for the tour of the archive & <the> library.\n\n"
        "- appellate briefs\n- the clerkship story\n\n1. first step\n2. second step\n\n"
        "Our careers page (https://hp.example/careers?team=lit&x=1) and m@hp.example\n"
        "Sincerely,\n"
    )


def test_rendered_template_loads_into_the_editor_as_written(qtbot: QtBot) -> None:
    context = NoteContext(
        recipient_name="Ms. Margaret Hale",
        company="Hale & Pierce LLP",
        role="Associate",
        talking_points="her clerkship story",
        sender_name="Daniel Okafor",
        signature="Daniel Okafor\n555-0100",
        formality="formal",
    )
    note = TemplateLibrary().render("thank_you_next_steps", context)
    editor = _reloaded(qtbot, note.body_html)
    assert editor.toPlainText().startswith("Dear Ms. Hale,\nThank you for taking the time")
    assert "Hale & Pierce LLP" in editor.toPlainText()
    assert clean_html(editor.toHtml()) == note.body_html


def test_hostile_paste_loads_harmlessly(qtbot: QtBot) -> None:
    hostile = (
        '<p>Hi<img src="https://tracker.example/p.gif" onerror="alert(1)"></p>'
        "<script>alert(2)</script><style>p{color:red}</style>"
        '<a href="javascript:alert(3)">click</a>'
        "<table><tr><td>a<table><tr><td>b</td></tr></table></td></tr></table>"
    )
    cleaned = clean_html(hostile)
    editor = _reloaded(qtbot, cleaned)
    text = editor.toPlainText()
    assert "alert" not in text and "color" not in text
    assert "Hi" in text and "click" in text and "a" in text and "b" in text
    assert "tracker" not in editor.toHtml() and "javascript" not in editor.toHtml()
    assert not editor.document().allFormats() or all(
        not f.toCharFormat().isImageFormat() for f in editor.document().allFormats()
    )
