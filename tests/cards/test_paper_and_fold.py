"""Ruled or plain paper, rules under the written lines, and quarter-folds that land right."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from desktop.cards import CardError, CardNote, render_cards
from desktop.cards.fit import writing_area
from desktop.cards.layouts import CARDS
from desktop.cards.printing import card_faces
from desktop.cards.render import plan_cards
from tests.helpers.card_pdfs import SHORT, SIGNATURE, run, words
from tests.helpers.pixels import image_gray, ink, mean_difference, pdf_gray, rule_rows

DPI = 216  # three pixels to the point


def note(**kw: str) -> CardNote:
    return CardNote(SHORT, "Margaret Hale", SIGNATURE, **kw)


@pytest.mark.parametrize("size", ["a2", "3.5x5", "4x6"])
def test_ruled_lines_lie_under_the_written_lines(qapp: object, tmp_path: Path, size: str) -> None:
    pdf = tmp_path / "ruled.pdf"
    render_cards([note(greeting="Thank you")], pdf, size=size, paper="ruled")
    planned = plan_cards([note(greeting="Thank you")], size=size)
    plan, area = planned.plans[0], writing_area(planned.layout, planned.notes[0])
    rules = [y / (DPI / 72) for y in rule_rows(pdf_gray(pdf, DPI))]  # back to points
    assert len(rules) == plan.capacity  # one rule per line the card can hold, none elsewhere
    lines: dict[int, list[float]] = {}
    for word in plan.words:
        lines.setdefault(round((word.baseline - plan.first_baseline) / plan.leading), []).append(
            area.y + word.baseline
        )
    assert len(lines) == plan.lines
    for index, baselines in lines.items():
        # Each written line rests on its own rule: at most a tenth of the size above it.
        gap = rules[index] - statistics.median(baselines)
        assert 0 <= gap <= plan.size * 0.12, (index, gap)


def test_plain_paper_has_no_rules_and_the_same_words(qapp: object, tmp_path: Path) -> None:
    ruled, plain = tmp_path / "ruled.pdf", tmp_path / "plain.pdf"
    render_cards([note()], ruled, size="a2")
    report = render_cards([note()], plain, size="a2", paper="plain")
    assert rule_rows(pdf_gray(plain, DPI)) == []
    assert len(rule_rows(pdf_gray(ruled, DPI))) > 5  # the layout's own default is ruled
    assert words(run("pdftotext", str(plain), "-")) == words(SHORT + " " + SIGNATURE)
    assert report.font_pts == render_cards([note()], ruled, size="a2").font_pts


def test_unknown_paper_is_a_user_error(qapp: object, tmp_path: Path) -> None:
    with pytest.raises(CardError, match="choose one of: ruled, plain"):
        render_cards([note()], tmp_path / "x.pdf", paper="graph")


def test_command_line_paper_switch(afterword: object, tmp_path: Path) -> None:
    text = tmp_path / "note.txt"
    text.write_text(SHORT, encoding="utf-8")
    out = tmp_path / "plain.pdf"
    done = afterword("card", "--text", str(text), "-o", str(out), "--paper", "plain")  # type: ignore[operator]
    assert done.returncode == 0, done.stderr
    assert rule_rows(pdf_gray(out, DPI)) == []
    bad = afterword("card", "--text", str(text), "-o", str(out), "--paper", "dotted")  # type: ignore[operator]
    assert bad.returncode == 2 and "--paper" in bad.stderr


@pytest.mark.parametrize("size", ["folded-letter", "folded-a4"])
def test_quarter_fold_lands_front_and_inside_upright(
    qapp: object, tmp_path: Path, size: str
) -> None:
    """Fold the printed sheet in the head: top half to the back, then left half to the back.

    The bottom-right quarter is then the cover, unmoved; the top-left quarter becomes the
    inside right-hand page, flipped top-to-bottom by the first fold and left-to-right by the
    second: turned 180 degrees. So the cover on the sheet must match the upright front face,
    and the top-left quarter turned 180 degrees must match the upright inside face (the
    same faces the preview shows), while the other two quarters stay blank.
    """
    dpi = 72
    pdf = tmp_path / "folded.pdf"
    render_cards([note(greeting="Thank you")], pdf, size=size)
    sheet = pdf_gray(pdf, dpi)
    layout = CARDS[size]
    faces = dict(card_faces(plan_cards([note(greeting="Thank you")], size=size), dpi))
    front, inside = image_gray(faces["Front"]), image_gray(faces["Inside"])
    w, h = inside.width, inside.height
    assert abs(w * 2 - sheet.width) <= 1 and abs(h * 2 - sheet.height) <= 1
    top_left = sheet.crop(0, 0, w, h)
    bottom_right = sheet.crop(sheet.width - w, sheet.height - h, w, h)
    assert ink(inside) > 500 and ink(front) > 50
    # Compared in 6-pixel squares: poppler and Qt smooth the edges of letters differently.
    turned = mean_difference(top_left.turned_half_way().blocks(6), inside.blocks(6))
    as_printed = mean_difference(top_left.blocks(6), inside.blocks(6))
    assert turned < 4 and as_printed > 3 * turned, (turned, as_printed)  # upside down, by design
    assert mean_difference(bottom_right.blocks(6), front.blocks(6)) < 2
    for blank in (sheet.crop(sheet.width - w, 0, w, h), sheet.crop(0, sheet.height - h, w, h)):
        assert ink(blank) == 0
    assert layout.message.rotation == 180 and layout.front is not None


def test_readme_pictures_regenerate_small(qapp: object, tmp_path: Path) -> None:
    from tools.make_card_images import main

    main(tmp_path / "cards")
    pictures = sorted(p.name for p in (tmp_path / "cards").glob("*.png"))
    assert len(pictures) == 8 and "sheet-letter-3.5x5.png" in pictures
    for path in [*(tmp_path / "cards").glob("*.png"), tmp_path / "card-preview.png"]:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert 5_000 < path.stat().st_size < 150_000, path.name
