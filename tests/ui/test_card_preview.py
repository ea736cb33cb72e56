"""The card preview: live, debounced, the same pixels as the PDF, export and print for real."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QDialog, QWidget

from desktop.cards import CardError, CardNote
from desktop.cards.layouts import CARDS, ENVELOPES, INCH
from desktop.ui.card_preview import DEBOUNCE_MS, ENVELOPE_NAMES, CardPreview
from tests.helpers.card_pdfs import SHORT, SIGNATURE, page_sizes, run, words
from tests.helpers.pixels import image_gray, mean_difference, pdf_gray, rule_rows

ADDRESS = "Margaret Hale\nHale & Pierce LLP\n1 Court St\nBoston, MA 02108"
RETURN = "Jane Doe\n12 Elm St\nSomerville, MA 02144"
TOO_LONG = SHORT + " " + " ".join(["and I would be glad to tell you more about it"] * 25)


def card(text: str = SHORT) -> CardNote:
    return CardNote(text, "Margaret Hale", SIGNATURE, "Thank you")


@pytest.fixture
def preview(qtbot: Any) -> CardPreview:
    widget = CardPreview()
    qtbot.addWidget(widget)
    widget.resize(480, 680)
    widget.show()
    return widget


def shown(qtbot: Any, preview: CardPreview, note: CardNote) -> None:
    preview.set_note(note)
    qtbot.waitUntil(lambda: not preview.pending() and preview.fit() is not None, timeout=3000)


def test_typing_is_debounced_then_the_fit_is_told(preview: CardPreview, qtbot: Any) -> None:
    told: list[tuple[bool, str]] = []
    preview.fit_changed.connect(lambda fits, message: told.append((fits, message)))
    text = ""
    for word in SHORT.split(" ")[:12]:  # typing, a word every 40 ms: no re-draw in between
        text += word + " "
        preview.set_note(card(text))
        qtbot.wait(40)
        assert preview.pending() and preview.canvas.faces() == []
    qtbot.waitUntil(lambda: not preview.pending(), timeout=DEBOUNCE_MS * 10)
    assert len(told) == 1 and told[0][0] is True
    assert re.fullmatch(r"Fits at \d+(\.\d+)? pt", told[0][1])
    assert preview.status_text() == told[0][1]
    assert [f.name for f in preview.canvas.faces()] == ["Card"]
    assert preview.export_button.isEnabled() and preview.print_button.isEnabled()


def test_too_long_is_said_in_the_error_colour_and_blocks_output(
    preview: CardPreview, qtbot: Any
) -> None:
    with qtbot.waitSignal(preview.fit_changed, timeout=3000) as signal:
        preview.set_note(card(TOO_LONG))
    fits, message = signal.args
    assert not fits and re.match(r"about \d+ words too long for an A2 card", message)
    assert preview.status_text().startswith("About ")
    assert "#c62828" in preview.status.styleSheet()
    assert not preview.export_button.isEnabled() and not preview.print_button.isEnabled()
    with pytest.raises(CardError, match="words too long"):
        preview.export_pdf(Path("unused.pdf"))
    preview.set_note(card())  # shortened: the error goes, the buttons come back
    qtbot.waitUntil(lambda: preview.fit() is not None and preview.fit().fits, timeout=3000)
    assert "#c62828" not in preview.status.styleSheet() and preview.export_button.isEnabled()


def test_preview_pixels_are_the_pdf_pixels(
    preview: CardPreview, qtbot: Any, tmp_path: Path
) -> None:
    shown(qtbot, preview, card())
    [face] = preview.canvas.faces()
    assert face.image is not None
    dpi = preview.canvas._painted_dpi
    pdf = tmp_path / "card.pdf"
    preview.export_pdf(pdf)
    printed, seen = pdf_gray(pdf, dpi), image_gray(face.image)
    size = min(printed.width, seen.width), min(printed.height, seen.height)
    printed, seen = printed.crop(0, 0, *size), seen.crop(0, 0, *size)
    assert mean_difference(printed.blocks(4), seen.blocks(4)) < 2.5
    assert abs(len(rule_rows(printed)) - len(rule_rows(seen))) <= 1


def test_size_font_and_paper_change_the_card(
    preview: CardPreview, qtbot: Any, tmp_path: Path
) -> None:
    shown(qtbot, preview, card())
    ruled = image_gray(preview.canvas.faces()[0].image)
    preview.set_paper("plain")
    qtbot.waitUntil(lambda: not preview.pending(), timeout=3000)
    assert len(rule_rows(ruled, 0.5)) > 5
    assert rule_rows(image_gray(preview.canvas.faces()[0].image), 0.5) == []
    preview.set_size("folded-a4")
    qtbot.waitUntil(lambda: not preview.pending(), timeout=3000)
    front, inside = preview.canvas.faces()
    assert (front.name, inside.name) == ("Front", "Inside")
    assert abs(inside.width - CARDS["folded-a4"].page_width / 2) < 1
    preview.set_font("Kalam")
    qtbot.waitUntil(lambda: not preview.pending(), timeout=3000)
    out = tmp_path / "kalam.pdf"
    preview.export_pdf(out)
    assert "Kalam" in run("pdffonts", str(out))
    assert rule_rows(pdf_gray(out, 72)) == []  # plain paper reaches the PDF too


def test_export_writes_the_card_and_its_envelope(
    preview: CardPreview, qtbot: Any, tmp_path: Path
) -> None:
    preview.set_envelope(ADDRESS, RETURN)
    preview.set_envelope_size("a2")
    shown(qtbot, preview, card())
    assert [f.name for f in preview.canvas.faces()] == ["Card", "Envelope"]
    asked: list[str] = []
    preview.choose_pdf_path = lambda name: asked.append(name) or str(tmp_path / "hale")
    preview.export_button.click()
    assert asked == ["Card for Margaret Hale.pdf"]
    card_pdf, envelope_pdf = tmp_path / "hale.pdf", tmp_path / "hale-envelope.pdf"
    [(w, h)] = page_sizes(card_pdf)
    assert abs(w - 4.25 * INCH) <= 1 and abs(h - 5.5 * INCH) <= 1
    [(w, h)] = page_sizes(envelope_pdf)
    assert abs(w - ENVELOPES["a2"].width) <= 1 and abs(h - ENVELOPES["a2"].height) <= 1
    text = " ".join(words(run("pdftotext", str(envelope_pdf), "-")))
    assert "Jane Doe 12 Elm St Somerville, MA 02144" in text
    assert text.count("Margaret Hale") == 1 and "Boston, MA 02108" in text
    assert "Saved hale.pdf, hale-envelope.pdf" in preview.status_text()


def test_the_envelope_list_follows_the_card_and_a_10_is_written_at_its_size(
    preview: CardPreview, qtbot: Any, tmp_path: Path
) -> None:
    def offered() -> list[str]:
        box = preview.envelope_box
        return [box.itemText(i) for i in range(box.count())]

    assert preview.envelope_size() == ""  # none until asked for
    shown(qtbot, preview, card())
    assert not preview.print_envelope_button.isEnabled()
    assert preview.print_envelope_button.toolTip().startswith("Choose an envelope")
    assert offered() == ["No envelope", ENVELOPE_NAMES["a2"], ENVELOPE_NAMES["c6"]]
    assert ENVELOPE_NAMES["a2"].startswith("A2 envelope (4.375")
    preview.set_size("4x6")
    assert offered()[1:] == [ENVELOPE_NAMES["c6"], ENVELOPE_NAMES["#10"]]
    assert preview.envelope_size() == ""  # still none
    preview.set_envelope(ADDRESS, RETURN)
    preview.set_envelope_size("#10")
    shown(qtbot, preview, card())
    assert [f.name for f in preview.canvas.faces()] == ["Card", "Envelope"]
    [_card_pdf, envelope_pdf] = preview.export_pdf(tmp_path / "hale.pdf")
    [(w, h)] = page_sizes(envelope_pdf)
    assert abs(w - 9.5 * INCH) <= 1 and abs(h - 4.125 * INCH) <= 1
    # An A6 card does not go in a #10: the choice moves to the envelope that fits.
    preview.set_size("a6")
    assert preview.envelope_size() == "c6" and "#10" not in " ".join(offered())
    with pytest.raises(CardError, match="does not go in that envelope"):
        preview.set_envelope_size("#10")
    preview.set_envelope_size("")
    qtbot.waitUntil(lambda: not preview.pending(), timeout=3000)
    assert [f.name for f in preview.canvas.faces()] == ["Card"]


def _pdf_printer(path: Path, paper: str | None = "Letter") -> Any:
    from PySide6.QtGui import QPageSize
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    if paper == "Letter":
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    elif paper == "A6":
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A6))
    return printer


def _word_boxes(pdf: Path) -> list[tuple[float, float, float, float]]:
    html = run("pdftotext", "-bbox", str(pdf), "-")
    found = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', html)
    return [tuple(float(v) for v in box) for box in found]  # type: ignore[misc]


def test_print_at_true_size_centred_on_letter(
    preview: CardPreview, qtbot: Any, tmp_path: Path
) -> None:
    shown(qtbot, preview, card())
    out = tmp_path / "printed.pdf"
    preview.print_(_pdf_printer(out))
    [(w, h)] = page_sizes(out)
    assert abs(w - 612) <= 1 and abs(h - 792) <= 1
    assert words(run("pdftotext", str(out), "-")) == words("Thank you " + SHORT + " " + SIGNATURE)
    assert "Caveat" in run("pdffonts", str(out))
    left, top = (612 - 4.25 * INCH) / 2, (792 - 5.5 * INCH) / 2
    boxes = _word_boxes(out)
    assert all(left <= x0 and x1 <= 612 - left and top <= y0 and y1 <= 792 - top
               for x0, y0, x1, y1 in boxes)  # fmt: skip
    # True size: the words span what they span on the exported card, not a page's width.
    exported = tmp_path / "card.pdf"
    preview.export_pdf(exported)
    span = max(b[2] for b in boxes) - min(b[0] for b in boxes)
    card_boxes = _word_boxes(exported)
    assert abs(span - (max(b[2] for b in card_boxes) - min(b[0] for b in card_boxes))) < 2
    # Crop marks round the card, in the paper's margin (a grey pixel above the card).
    assert any(v < 200 for v in pdf_gray(out, 72).crop(0, 0, 612, int(top) - 2).pixels)


def test_print_refuses_paper_smaller_than_the_card(
    preview: CardPreview, qtbot: Any, tmp_path: Path
) -> None:
    preview.set_size("folded-letter")
    shown(qtbot, preview, card())
    with pytest.raises(CardError, match=r"larger than the printer's paper"):
        preview.print_(_pdf_printer(tmp_path / "x.pdf", "A6"))


def test_print_dialogs_are_swappable_and_print_card_and_envelope(
    preview: CardPreview, qtbot: Any, tmp_path: Path
) -> None:
    preview.set_envelope(ADDRESS, RETURN)
    preview.set_envelope_size("a2")
    shown(qtbot, preview, card())
    seen: list[str] = []

    def answer(dialog: QDialog) -> int:
        from PySide6.QtPrintSupport import QPrinter

        seen.append(dialog.windowTitle())
        printer = dialog.printer()  # type: ignore[attr-defined]
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / f"{len(seen)}.pdf"))
        return QDialog.DialogCode.Accepted

    preview.exec_dialog = answer
    preview.print_button.click()
    preview.print_envelope_button.click()
    assert seen == ["Print card", "Print envelope"]
    # The dialog offered paper of the card's and the envelope's own size.
    [(w, h)] = page_sizes(tmp_path / "1.pdf")
    assert abs(w - 4.25 * INCH) <= 1 and abs(h - 5.5 * INCH) <= 1
    [(w, h)] = page_sizes(tmp_path / "2.pdf")
    assert abs(w - ENVELOPES["a2"].width) <= 1 and abs(h - ENVELOPES["a2"].height) <= 1
    assert "Boston, MA 02108" in " ".join(words(run("pdftotext", str(tmp_path / "2.pdf"), "-")))
    preview.exec_dialog = lambda dialog: QDialog.DialogCode.Rejected
    preview.print_button.click()
    assert not (tmp_path / "3.pdf").exists()


def test_empty_note_says_so(preview: CardPreview, qtbot: Any) -> None:
    preview.set_note(card("   "))
    qtbot.waitUntil(lambda: not preview.pending(), timeout=3000)
    assert "Write the note" in preview.status_text() and preview.canvas.faces() == []
    assert not preview.export_button.isEnabled()


def test_every_control_has_an_accessible_name(preview: CardPreview) -> None:
    kinds = (QAbstractButton, QComboBox)
    controls = [w for w in preview.findChildren(QWidget) if isinstance(w, kinds)]
    assert len(controls) == 7
    assert [w for w in controls if not w.accessibleName()] == []
    assert preview.canvas.accessibleName() and preview.status.accessibleName()


def test_print_turns_the_card_when_only_that_fits(
    preview: CardPreview, qtbot: Any, tmp_path: Path
) -> None:
    from desktop.cards.printing import placement, set_paper

    assert placement(288, 432, 432, 288, "a 4×6 in card").turn == 90  # noqa: RUF001
    assert placement(288, 432, 612, 792, "a 4×6 in card").marks  # noqa: RUF001
    preview.set_size("4x6")
    shown(qtbot, preview, card())
    out = tmp_path / "landscape.pdf"
    printer = _pdf_printer(out, None)
    set_paper(printer, 6 * INCH, 4 * INCH)  # 4×6 in photo paper, loaded landscape  # noqa: RUF003
    preview.print_(printer)
    [(w, h)] = page_sizes(out)
    assert abs(w - 432) <= 1 and abs(h - 288) <= 1
    assert words(run("pdftotext", str(out), "-")) == words("Thank you " + SHORT + " " + SIGNATURE)
    # Turned a quarter: the long words run down the page, taller than they are wide.
    long_words = [
        (x1 - x0, y1 - y0) for x0, y0, x1, y1 in _word_boxes(out) if max(x1 - x0, y1 - y0) > 35
    ]
    tall = [h > w for w, h in long_words]
    assert len(tall) > 5 and all(tall)
