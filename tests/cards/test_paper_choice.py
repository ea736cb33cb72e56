"""Which paper a card starts on: its own size where the printer has it, else the smallest
listed paper it fits on (never an envelope), said in words."""

from __future__ import annotations

import pytest

from desktop.cards.errors import CardError
from desktop.cards.layouts import CARDS, INCH
from desktop.cards.printer import Paper, choose_paper, job_title

# Sizes as a cups-pdf queue lists them (its PPD, CUPS-PDF_opt.ppd), a few of them.
A5 = Paper("A5", "A5", 420, 595)
LETTER = Paper("Letter", "US Letter", 612, 792)
DL = Paper("EnvDL", "Envelope DL", 312, 624, envelope=True)
PHOTO = Paper("4x6", "4x6", 288, 432)
QUEUE = [LETTER, A5, DL, PHOTO]


def test_a_listed_size_is_taken_whichever_way_round() -> None:
    choice = choose_paper("a 4x6 card", 6 * INCH, 4 * INCH, QUEUE, None)
    assert (choice.paper, choice.exact, choice.note) == (PHOTO, True, "")


def test_a_printer_that_takes_custom_sizes_gets_the_cards_own() -> None:
    custom = Paper("Custom.306x396", "Custom", 306, 396)
    a2 = CARDS["a2"]
    choice = choose_paper(a2.label, a2.page_width, a2.page_height, QUEUE, custom)
    assert choice.paper == custom and choice.exact


def test_otherwise_the_smallest_paper_it_fits_on_not_an_envelope_and_it_says_so() -> None:
    a2 = CARDS["a2"]
    choice = choose_paper(a2.label, a2.page_width, a2.page_height, QUEUE, None)
    assert choice.paper == A5 and not choice.exact
    assert choice.note == (
        "This printer has no paper the size of an A2 card; it starts on A5, "
        "with crop marks to cut it out."
    )
    # Printing an envelope, an envelope size is what is wanted.
    env = choose_paper("an envelope", 300, 600, QUEUE, None, envelope=True)
    assert env.paper == DL


def test_nothing_large_enough_is_refused_in_words() -> None:
    with pytest.raises(CardError, match="no paper large enough for a card folded from Letter"):
        choose_paper("a card folded from Letter", 700, 900, [A5], None)


def test_job_titles_name_the_recipients() -> None:
    assert job_title(["Margaret Hale"]) == "Afterword card – Margaret Hale"  # noqa: RUF001
    assert job_title(["Margaret Hale", "Tom Pierce"]) == (
        "Afterword cards – Margaret Hale, Tom Pierce"  # noqa: RUF001
    )
    assert job_title([""]) == "Afterword card – note"  # noqa: RUF001
    assert job_title(["Ann Lee"], envelope=True) == "Afterword envelope – Ann Lee"  # noqa: RUF001
