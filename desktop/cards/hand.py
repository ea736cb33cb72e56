"""A natural hand: lays the note out word by word with small, seeded, repeatable wobbles."""

from __future__ import annotations

import hashlib
import math
import random
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from PySide6.QtGui import QFont, QPaintDevice

LEADING = 1.55  # ruled-line spacing as a share of the font size
SIZE_WOBBLE = 0.03  # per word
BASELINE_WOBBLE = 0.035  # per word, as a share of the size: stays on the ruled line
SPACING_RANGE = (98, 103)  # letter spacing per line, percent
PIECE_LIMIT = 0.92  # a word wider than this share of the line is split (a long link)
REFERENCE_PT = 100.0  # words are measured once, at this size


def seed_for(*parts: str) -> int:
    """A stable seed from the note's own words, so the same card comes out the same."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")


class PlacedWord(NamedTuple):
    """One word on the card, in points relative to the top-left of the writing area."""

    # A named tuple rather than a frozen dataclass: thousands are made per sheet of cards.
    text: str
    x: float
    baseline: float
    size: float
    spacing: int


@dataclass(frozen=True)
class HandPlan:
    """The note laid out at one font size."""

    words: tuple[PlacedWord, ...]
    size: float
    leading: float
    first_baseline: float
    lines: int
    capacity: int

    @property
    def fits(self) -> bool:
        return self.lines <= self.capacity


def _tokens(text: str) -> list[tuple[str, bool, bool]]:
    """Words of the note, each marked when it starts a new written line, and when that
    line follows a blank one (a new paragraph)."""
    tokens: list[tuple[str, bool, bool]] = []
    blank = False
    for line in text.strip().splitlines():
        words = line.split()
        if not words:
            blank = True
            continue
        tokens.extend((w, i == 0, blank and i == 0) for i, w in enumerate(words))
        blank = False
    return tokens


def paragraph_breaks(text: str) -> int:
    """How many blank lines (runs of them) stand between paragraphs of the note."""
    if all(line.strip() for line in text.strip().splitlines()):
        return 0  # most cards: no need to split the note into words again
    return sum(1 for _, _, after_blank in _tokens(text) if after_blank)


def gaps_to_keep(breaks: int, room: int) -> frozenset[int]:
    """Which of `breaks` paragraph breaks get an empty line when only `room` lines are
    spare: first the one after the salutation, then the one before the sign-off, then
    the others from the top."""
    order = [0, breaks - 1, *range(1, breaks - 1)] if breaks > 1 else list(range(breaks))
    return frozenset(order[: max(0, room)])


def no_alternates(font: QFont) -> None:
    """Turn off alternates and ligatures: Caveat's alternate letters and some ligatures
    ("ft") have no Unicode mapping, so pdftotext (and copy, search, screen readers) would
    lose those letters."""
    from PySide6.QtGui import QFont

    for tag in ("calt", "liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)


def word_count(text: str) -> int:
    return len(text.split())


class Hand:
    """Measures and places words in one family on one paint device (points in, points out)."""

    def __init__(self, family: str, device: QPaintDevice) -> None:
        self.family = family
        self.device = device
        self.dpi_scale = device.logicalDpiY() / 72.0
        self._fonts: dict[tuple[float, int], QFont] = {}
        self._metrics: dict[int, Any] = {}
        self._widths: dict[tuple[str, int], float] = {}

    def font(self, size: float, spacing: int = 100) -> QFont:
        key = (size, spacing)
        font = self._fonts.get(key)
        if font is None:
            from PySide6.QtGui import QFont

            font = QFont(self.family)
            font.setPointSizeF(size)
            font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
            no_alternates(font)
            if spacing != 100:
                font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, spacing)
            self._fonts[key] = font
        return font

    def width(self, text: str, size: float, spacing: int = 100) -> float:
        # Unhinted outlines grow in proportion to their size (to within 0.2 %), so one
        # measurement per word and spacing serves every size the fit tries and every wobble:
        # this is most of what makes a hundred cards cheap.
        key = (text, spacing)
        per_point = self._widths.get(key)
        if per_point is None:
            metrics = self._metrics.get(spacing)
            if metrics is None:
                from PySide6.QtGui import QFontMetricsF

                metrics = QFontMetricsF(self.font(REFERENCE_PT, spacing), self.device)
                self._metrics[spacing] = metrics
            per_point = metrics.horizontalAdvance(text) / self.dpi_scale / REFERENCE_PT
            self._widths[key] = per_point
        return per_point * size

    def plan(
        self,
        text: str,
        signature: str,
        width: float,
        height: float,
        size: float,
        seed: int,
        max_words: int | None = None,
        leading_ratio: float = LEADING,
        gaps: Collection[int] = (),
    ) -> HandPlan:
        """Lay out the note (then the signature, right-aligned) at `size` points.

        `gaps` numbers the paragraph breaks (blank lines in the text, from 0) that leave a
        ruled line empty, as a hand on a roomy card would; at the others a paragraph only
        starts a new line."""
        rng = random.Random(seed)
        leading = size * leading_ratio
        first = size * 1.3
        capacity = max(0, math.floor((height - first - size * 0.4) / leading) + 1)
        tokens = _tokens(text)
        if max_words is not None:
            tokens = tokens[:max_words]
        placed: list[PlacedWord] = []
        line, x, spacing, on_line = -1, 0.0, 100, 0

        def new_line() -> None:
            nonlocal line, x, spacing, on_line
            line += 1
            x = rng.uniform(0.0, 0.12) * size
            spacing = rng.randint(*SPACING_RANGE)
            on_line = 0

        # rng.uniform(a, b) is a + (b - a) * rng.random(), spelled out: this loop runs for
        # every word of every card, and the call was a tenth of a hundred cards' time.
        rand, measure = rng.random, self.width
        size_lo, size_span = -SIZE_WOBBLE, SIZE_WOBBLE - -SIZE_WOBBLE
        lift_lo, lift_span = -BASELINE_WOBBLE, BASELINE_WOBBLE - -BASELINE_WOBBLE
        gap_lo, gap_span = 0.95, 1.3 - 0.95
        widest, limit = size * (1 + SIZE_WOBBLE), width * PIECE_LIMIT
        breaks = 0
        for word, starts_line, after_blank in tokens:
            if starts_line or line < 0:
                if after_blank:
                    if breaks in gaps and line >= 0:
                        line += 1
                    breaks += 1
                new_line()
            pieces = (
                (word,)
                if measure(word, widest, spacing) <= limit
                else self._pieces(word, size, spacing, width)
            )
            for piece in pieces:
                # A tenth of a point is finer than any hand; coarser steps mean fewer fonts.
                word_size = round(size * (1 + (size_lo + size_span * rand())), 1)
                lift = (lift_lo + lift_span * rand()) * size
                gap_share = gap_lo + gap_span * rand()
                w = measure(piece, word_size, spacing)
                if on_line and x + w > width:
                    new_line()
                    w = measure(piece, word_size, spacing)  # the new line's letter spacing
                on_line += 1
                placed.append(
                    PlacedWord(piece, x, first + line * leading + lift, word_size, spacing)
                )
                x += w + measure(" ", word_size, spacing) * gap_share
        for sig_line in signature.strip().splitlines():
            if not sig_line.strip():
                continue
            new_line()
            sig_size = round(size * 1.08, 2)
            w = self.width(sig_line.strip(), sig_size, spacing)
            sx = max(0.0, width - w - rng.uniform(0.3, 1.2) * size)
            placed.append(PlacedWord(sig_line.strip(), sx, first + line * leading, sig_size, 100))
        return HandPlan(tuple(placed), size, leading, first, line + 1, capacity)

    def _pieces(self, word: str, size: float, spacing: int, width: float) -> list[str]:
        """A word wider than the card (a long link) is split rather than clipped."""
        limit = width * PIECE_LIMIT
        if self.width(word, size * (1 + SIZE_WOBBLE), spacing) <= limit:
            return [word]
        pieces, current = [], ""
        for ch in word:
            if current and self.width(current + ch, size * (1 + SIZE_WOBBLE), spacing) > limit:
                pieces.append(current)
                current = ""
            current += ch
        return [*pieces, current]
