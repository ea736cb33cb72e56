"""Cards and envelopes read back with poppler: size, fonts, text, fitting, determinism."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from desktop.cards import (
    CardError,
    CardFitError,
    CardNote,
    check_fit,
    render_cards,
    render_envelopes,
)
from desktop.cards.layouts import CARDS, ENVELOPES, SHEETS
from desktop.cards.render import _impose
from tests.helpers.card_pdfs import SHORT, SIGNATURE, page_sizes, run, words

LONG = SHORT + (
    "\nOur conversation about appellate practice and the mentoring program stayed with me "
    "on the way home, and it confirmed how much I would value the chance to contribute."
)


def note(text: str = SHORT, who: str = "Margaret Hale", **kw: str) -> CardNote:
    return CardNote(text, who, SIGNATURE, **kw)


@pytest.mark.parametrize("size", list(CARDS))
@pytest.mark.parametrize("text", [SHORT, LONG], ids=["short", "long"])
def test_card_size_font_and_whole_text(qapp: object, tmp_path: Path, size: str, text: str) -> None:
    pdf = tmp_path / "card.pdf"
    report = render_cards([note(text, greeting="Thank you")], pdf, size=size)
    layout = CARDS[size]
    [(w, h)] = page_sizes(pdf)
    assert abs(w - layout.page_width) <= 1 and abs(h - layout.page_height) <= 1
    assert "Caveat" in run("pdffonts", str(pdf))
    fonts = [line.split() for line in run("pdffonts", str(pdf)).splitlines()[2:]]
    assert all(row[-5] == "yes" for row in fonts), fonts  # the "emb" column
    assert words(text + " " + SIGNATURE) == words(run("pdftotext", str(pdf), "-"))[2:]
    assert report.pages == 1 and report.font_pts[0] >= layout.smallest_pt


def test_long_note_shrinks_but_stays_readable(qapp: object) -> None:
    short, long_ = check_fit(SHORT, "a2"), check_fit(LONG * 2, "a2")
    assert short.fits and long_.fits and long_.font_pt < short.font_pt
    assert long_.font_pt >= CARDS["a2"].smallest_pt


def test_too_long_says_how_much_and_writes_nothing(qapp: object, tmp_path: Path) -> None:
    text = SHORT + " " + " ".join(["and I would be glad to tell you more about it"] * 25)
    pdf = tmp_path / "card.pdf"
    with pytest.raises(CardFitError) as caught:
        render_cards([note(text)], pdf, size="a2")
    assert re.search(r"about \d+ words too long for an A2 card", str(caught.value))
    assert caught.value.words_over > 0
    assert not pdf.exists() and list(tmp_path.iterdir()) == []
    fit = check_fit(text, "a2", signature=SIGNATURE)
    assert not fit.fits and fit.words_over == caught.value.words_over


def test_about_twenty_words_over_is_counted(qapp: object) -> None:
    filler = ["I", "enjoyed", "our", "talk", "about", "the", "mentoring", "program"]

    def text(n: int) -> str:
        return " ".join(filler[i % len(filler)] for i in range(n))

    most = 40
    while check_fit(text(most + 1), "3.5x5").fits:
        most += 1
    assert check_fit(text(most), "3.5x5").words_over == 0
    over = check_fit(text(most + 20), "3.5x5")
    # Wobbled line breaks make the count approximate, hence "about".
    assert not over.fits and 12 <= over.words_over <= 26
    label = re.escape(CARDS["3.5x5"].label)
    assert re.search(rf"about (15|20|25) words too long for {label}", over.message)


def test_same_input_same_bytes(qapp: object, tmp_path: Path) -> None:
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    render_cards([note()], a, size="a6")
    render_cards([note()], b, size="a6")
    date = re.compile(rb"(CreationDate|ModDate|CreateDate|ModifyDate|MetadataDate)[^\n>]*")
    assert date.sub(b"", a.read_bytes()) == date.sub(b"", b.read_bytes())
    render_cards([note(SHORT + " Truly.")], b, size="a6")
    assert date.sub(b"", a.read_bytes()) != date.sub(b"", b.read_bytes())


def test_one_page_per_interviewer(qapp: object, tmp_path: Path) -> None:
    people = ["Margaret Hale", "Tom Pierce", "Ana Ruiz"]
    notes = [note(SHORT.replace("Ms. Hale", p), p) for p in people]
    pdf = tmp_path / "cards.pdf"
    report = render_cards(notes, pdf, size="4x6", font="Kalam")
    assert report.pages == 3 and len(page_sizes(pdf)) == 3
    for page, person in enumerate(people, start=1):
        text = run("pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-")
        assert f"Dear {person}," in " ".join(words(text))
    assert "Kalam" in run("pdffonts", str(pdf))


@pytest.mark.parametrize("sheet", list(SHEETS))
def test_several_cards_on_a_sheet_with_crop_marks(qapp: object, tmp_path: Path, sheet: str) -> None:
    notes = [note(SHORT.replace("Ms. Hale", f"Person{i}"), f"Person{i}") for i in range(5)]
    pdf = tmp_path / "sheet.pdf"
    report = render_cards(notes, pdf, size="3.5x5", sheet=sheet)
    assert report.pages == 2 and report.cards == 5  # four 3.5 x 5 in cards to a sheet
    for w, h in page_sizes(pdf):
        assert abs(w - SHEETS[sheet].width) <= 1 and abs(h - SHEETS[sheet].height) <= 1
    got = words(run("pdftotext", str(pdf), "-"))
    for i in range(5):
        assert f"Person{i}," in got
    assert sorted(got) == sorted(w for n in notes for w in words(n.text + " " + SIGNATURE))
    # Crop marks: hairlines in the sheet's edge above the cards, where nothing else is drawn.
    top = int(min(box.y for box, _ in _impose(CARDS["3.5x5"], SHEETS[sheet])))
    assert _dark_pixels(pdf, tmp_path / "edge", height=top - 1) > 0
    assert _dark_pixels(pdf, tmp_path / "none", height=20, size="a2") == 0


def _dark_pixels(pdf: Path, stem: Path, *, height: int, size: str = "") -> int:
    """Inked (not white) pixels in the top `height` points of page 1, read from a grey PGM."""
    if size:  # the same sheet without crop marks: one card per page, no edge marks
        pdf = stem.with_suffix(".pdf")
        render_cards([note()], pdf, size=size)
    run("pdftoppm", "-r", "72", "-gray", "-f", "1", "-l", "1", "-y", "0", "-H", str(height),
        "-x", "0", "-W", "2000", str(pdf), str(stem))  # fmt: skip
    data = next(stem.parent.glob(stem.name + "*.pgm")).read_bytes()
    magic, width, rows, depth, pixels = data.split(maxsplit=4)
    assert magic == b"P5" and depth == b"255"
    return sum(1 for v in pixels[: int(width) * int(rows)] if v < 250)


def test_folded_cards_refuse_a_sheet(qapp: object, tmp_path: Path) -> None:
    with pytest.raises(CardError, match="already fills a sheet"):
        render_cards([note()], tmp_path / "x.pdf", size="folded-letter", sheet="letter")


def test_unknown_size_and_font_are_user_errors(qapp: object, tmp_path: Path) -> None:
    with pytest.raises(CardError, match="choose one of"):
        render_cards([note()], tmp_path / "x.pdf", size="b5")
    with pytest.raises(CardError, match="Caveat"):
        render_cards([note()], tmp_path / "x.pdf", font="Comic Sans")


@pytest.mark.parametrize("size", list(ENVELOPES))
def test_envelopes(qapp: object, tmp_path: Path, size: str) -> None:
    pdf = tmp_path / "env.pdf"
    notes = [
        note(
            who="Margaret Hale", mailing_address="Hale & Pierce LLP\n1 Court St\nBoston, MA 02108"
        ),
        note(who="Tom Pierce", mailing_address="1 Court St\nBoston, MA 02108"),
    ]
    render_envelopes(notes, pdf, size=size, return_address="Jane Doe\n12 Elm St\nSomerville, MA")
    sizes = page_sizes(pdf)
    layout = ENVELOPES[size]
    assert len(sizes) == 2
    for w, h in sizes:
        assert abs(w - layout.width) <= 1 and abs(h - layout.height) <= 1
    first = " ".join(words(run("pdftotext", "-f", "1", "-l", "1", str(pdf), "-")))
    assert "Jane Doe 12 Elm St Somerville, MA" in first
    assert "Margaret Hale Hale & Pierce LLP 1 Court St Boston, MA 02108" in first


def test_envelope_without_address_names_the_person(qapp: object, tmp_path: Path) -> None:
    with pytest.raises(CardError, match="no mailing address for Tom Pierce"):
        render_envelopes([note(who="Tom Pierce")], tmp_path / "e.pdf")
    assert not (tmp_path / "e.pdf").exists()


def _word_tops(pdf: Path) -> dict[str, float]:
    """Each word's top edge on the page (the first time it occurs), from poppler."""
    found = re.findall(
        r'yMin="([\d.]+)"[^>]*>([^<]+)</word>', run("pdftotext", "-bbox", str(pdf), "-")
    )
    tops: dict[str, float] = {}
    for top, word in found:
        tops.setdefault(word, float(top))
    return tops


def test_a_blank_line_leaves_a_ruled_line_empty_when_there_is_room(
    qapp: object, tmp_path: Path
) -> None:
    text = "Dear Ms. Hale,\n\nThank you for the time you gave me.\nIt was kind.\n\nBest,\nJane"
    pdf = tmp_path / "card.pdf"
    report = render_cards([CardNote(text, "Margaret Hale")], pdf, size="a6")
    tops = _word_tops(pdf)
    line = tops["It"] - tops["Thank"]  # one ruled line, within a paragraph
    assert line > 0
    assert tops["Thank"] - tops["Dear"] == pytest.approx(2 * line, rel=0.2)
    assert tops["Best,"] - tops["It"] == pytest.approx(2 * line, rel=0.2)
    # Blank lines never cost size: a note that must shrink drops them instead.
    packed = LONG * 2
    spaced = packed.replace("\n", "\n\n")
    assert check_fit(spaced, "a2").font_pt == check_fit(packed, "a2").font_pt
    assert report.font_pts[0] == check_fit(text.replace("\n\n", "\n"), "a6").font_pt


def test_with_one_line_to_spare_the_salutation_keeps_its_blank_line(
    qapp: object, tmp_path: Path
) -> None:
    from desktop.cards.hand import gaps_to_keep

    assert gaps_to_keep(3, 1) == {0}  # after "Dear …,"
    assert gaps_to_keep(3, 2) == {0, 2}  # and before "Sincerely,"
    assert gaps_to_keep(3, 5) == {0, 1, 2}
    # A note that fills the card but one line: only the salutation is set apart.
    body = "Thank you again for the talk."
    for lines in range(3, 25):
        text = "Dear Ms. Hale,\n\n" + "\n\n".join([body] * lines) + "\n\nSincerely,\nJane"
        pdf = tmp_path / "card.pdf"
        render_cards([CardNote(text, "Margaret Hale")], pdf, size="a2")
        tops = sorted(set(_word_tops(pdf).values()))
        steps = [round(b - a) for a, b in itertools.pairwise(tops)]
        if 0 < sum(1 for step in steps if step > 1.5 * min(steps)) < lines + 1:
            break  # some breaks kept, not all: the case wanted
    else:
        pytest.fail("no length of note left only some of its blank lines")
    dear, thank = _word_tops(pdf)["Dear"], _word_tops(pdf)["Thank"]
    assert thank - dear > 1.5 * min(steps)
