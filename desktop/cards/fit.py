"""Fitting a note to its card: the largest readable size that holds it all, or a clear no."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from desktop.cards.errors import CardFitError
from desktop.cards.hand import (
    Hand,
    HandPlan,
    gaps_to_keep,
    paragraph_breaks,
    seed_for,
    word_count,
)
from desktop.cards.layouts import Box, CardLayout

STEP = 0.25  # points between the sizes tried


@dataclass(frozen=True)
class CardNote:
    """One card: the message, who it is for and who signs it.

    `greeting` is printed (not handwritten) on the front of a folded card, or atop a flat
    one, e.g. "Thank you"; the salutation ("Dear Ms. Hale,") belongs to `text`.
    """

    text: str
    recipient: str
    signature: str = ""
    greeting: str | None = None
    mailing_address: str | None = None


@dataclass(frozen=True)
class FitResult:
    """Whether a note fits a card, at what size, and if not by how much."""

    fits: bool
    size: str
    font: str
    font_pt: float  # the size it will be written at (the smallest tried when it does not fit)
    words: int
    words_over: int
    lines: int
    message: str  # empty when it fits


def writing_area(layout: CardLayout, note: CardNote) -> Box:
    """The part of the message face the hand may use, in face coordinates."""
    face = Box(0, 0, layout.card_width, layout.card_height).inset(layout.margin)
    if note.greeting and not layout.folded:
        band = greeting_band(layout)
        return Box(face.x, face.y + band, face.width, face.height - band)
    return face


def greeting_band(layout: CardLayout) -> float:
    return layout.nominal_pt * 2.6


def _sizes(layout: CardLayout, scale: float) -> list[float]:
    top, bottom = layout.nominal_pt * scale, layout.smallest_pt * scale
    count = int((top - bottom) / STEP + 1e-9)
    return [round(top - i * STEP, 2) for i in range(count + 1)]


def plan_note(
    hand: Hand, note: CardNote, layout: CardLayout, scale: float
) -> tuple[HandPlan, FitResult]:
    """The plan at the largest size that fits (or at the smallest size, marked as not fitting)."""
    area = writing_area(layout, note)
    seed = seed_for(note.text, note.recipient, note.signature)

    def at(size: float, max_words: int | None = None, gaps: Collection[int] = ()) -> HandPlan:
        return hand.plan(
            note.text, note.signature, area.width, area.height, size, seed, max_words, gaps=gaps
        )

    sizes = _sizes(layout, scale)
    words = word_count(note.text)
    best = at(sizes[0])
    if not best.fits:
        smallest = at(sizes[-1])
        if not smallest.fits:
            over = words - _words_that_fit(at, sizes[-1], words)
            message = too_long_message(over, layout)
            return smallest, FitResult(
                False, layout.key, hand.family, sizes[-1], words, over, smallest.lines, message
            )
        lo, hi = 0, len(sizes) - 1  # sizes[hi] fits, sizes[lo] does not
        best = smallest
        while hi - lo > 1:
            mid = (lo + hi) // 2
            trial = at(sizes[mid])
            if trial.fits:
                hi, best = mid, trial
            else:
                lo = mid
    # Blank lines between paragraphs are kept as far as the card has lines to spare at the
    # size chosen; they never make the writing smaller. (The wrapping is the same with
    # them, so how many fit is known before planning.)
    breaks = paragraph_breaks(note.text)
    room = min(breaks, best.capacity - best.lines)
    if room > 0:
        best = at(best.size, gaps=gaps_to_keep(breaks, room))
    return best, FitResult(True, layout.key, hand.family, best.size, words, 0, best.lines, "")


def _words_that_fit(at: object, size: float, words: int) -> int:
    lo, hi = 0, words  # lo words fit (with the signature), hi do not
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if at(size, mid).fits:  # type: ignore[operator]
            lo = mid
        else:
            hi = mid
    return lo


def too_long_message(over: int, layout: CardLayout) -> str:
    about = over if over < 10 else int(round(over / 5.0) * 5)
    noun = "word" if about == 1 else "words"
    return (
        f"about {about} {noun} too long for {layout.label}, even at the smallest readable size; "
        "shorten the note or choose a larger card"
    )


def raise_if_too_long(result: FitResult, layout: CardLayout, note: CardNote, many: bool) -> None:
    if result.fits:
        return
    who = f"the note to {note.recipient} is " if many and note.recipient else "the note is "
    raise CardFitError(who + result.message, words_over=result.words_over, size=layout.key)
