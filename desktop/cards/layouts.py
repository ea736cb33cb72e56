"""Card, envelope and sheet sizes, in PostScript points (1/72 in), with the parts' places."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TypeVar

from desktop.cards.errors import CardError

INCH = 72.0
T = TypeVar("T")
MM = 72.0 / 25.4


@dataclass(frozen=True)
class Box:
    """A rectangle in points, y growing downwards."""

    x: float
    y: float
    width: float
    height: float

    def inset(self, margin: float) -> Box:
        return Box(
            self.x + margin, self.y + margin, self.width - 2 * margin, self.height - 2 * margin
        )


@dataclass(frozen=True)
class Panel:
    """Where a face of the card lies on the printed page, and how far it is turned (0 or 180)."""

    box: Box
    rotation: int = 0


@dataclass(frozen=True)
class CardLayout:
    """One kind of card: the page it is printed on and where message and front go."""

    key: str
    label: str  # in the user's words, for messages: "an A2 card"
    page_width: float
    page_height: float
    message: Panel  # the face the note is written on
    front: Panel | None = None  # folded cards: the cover, where a printed greeting goes
    margin: float = 22.0
    nominal_pt: float = 15.0  # a comfortable hand on this card
    min_pt: float = 10.0  # never smaller than this, whatever the shrink allows
    shrink: float = 0.7  # the smallest size as a share of nominal
    ruled: bool = True

    @property
    def folded(self) -> bool:
        return self.front is not None

    @property
    def card_width(self) -> float:
        return self.message.box.width

    @property
    def card_height(self) -> float:
        return self.message.box.height

    @property
    def smallest_pt(self) -> float:
        return max(self.min_pt, self.nominal_pt * self.shrink)


def _flat(key: str, label: str, width: float, height: float, **kw: float) -> CardLayout:
    return CardLayout(key, label, width, height, Panel(Box(0, 0, width, height)), **kw)  # type: ignore[arg-type]


def _quarter_fold(key: str, label: str, width: float, height: float) -> CardLayout:
    # Printed on one side, folded top-to-back then left-to-back: the front cover is the
    # bottom-right quarter, upright; the inside right (the message) is the top-left quarter,
    # upside down, so that after both folds it reads the right way up.
    w, h = width / 2, height / 2
    return CardLayout(
        key,
        label,
        width,
        height,
        message=Panel(Box(0, 0, w, h), rotation=180),
        front=Panel(Box(w, h, w, h), rotation=0),
    )


CARDS: dict[str, CardLayout] = {
    c.key: c
    for c in (
        _flat("a2", "an A2 card", 4.25 * INCH, 5.5 * INCH),
        _flat("a6", "an A6 card", 105 * MM, 148 * MM),
        _flat("3.5x5", "a 3.5×5 in card", 3.5 * INCH, 5 * INCH, margin=18.0, nominal_pt=14.0),  # noqa: RUF001
        _flat("4x6", "a 4×6 in card", 4 * INCH, 6 * INCH),  # noqa: RUF001
        _quarter_fold("folded-letter", "a card folded from Letter", 8.5 * INCH, 11 * INCH),
        _quarter_fold("folded-a4", "a card folded from A4", 210 * MM, 297 * MM),
    )
}


@dataclass(frozen=True)
class EnvelopeLayout:
    """An envelope, landscape, with the return address and the recipient's address boxes."""

    key: str
    label: str
    width: float
    height: float
    return_box: Box
    address_box: Box
    nominal_pt: float = 14.0


def _envelope(key: str, label: str, width: float, height: float) -> EnvelopeLayout:
    edge = 0.3 * INCH
    return EnvelopeLayout(
        key,
        label,
        width,
        height,
        return_box=Box(edge, edge, width * 0.45, height * 0.3),
        address_box=Box(width * 0.36, height * 0.42, width * 0.6, height * 0.5),
        nominal_pt=14.0 if width < 8 * INCH else 16.0,
    )


ENVELOPES: dict[str, EnvelopeLayout] = {
    e.key: e
    for e in (
        _envelope("a2", "an A2 envelope", 5.75 * INCH, 4.375 * INCH),
        _envelope("c6", "a C6 envelope", 162 * MM, 114 * MM),
        _envelope("#10", "a #10 envelope", 9.5 * INCH, 4.125 * INCH),
    )
}


@dataclass(frozen=True)
class Sheet:
    """A sheet several flat cards are printed on, with an edge the printer cannot reach."""

    key: str
    width: float
    height: float
    edge: float = 20.0


SHEETS: dict[str, Sheet] = {
    "letter": Sheet("letter", 8.5 * INCH, 11 * INCH),
    "a4": Sheet("a4", 210 * MM, 297 * MM),
}


def _pick(table: dict[str, T], name: str, what: str) -> T:
    key = name.strip().lower()
    if key not in table:
        raise CardError(f"unknown {what} {name!r}; choose one of: {', '.join(table)}")
    return table[key]


def card_layout(name: str) -> CardLayout:
    """The card layout called `name` (a2, a6, 3.5x5, 4x6, folded-letter, folded-a4)."""
    return _pick(CARDS, name, "card size")


def envelope_layout(name: str) -> EnvelopeLayout:
    """The envelope called `name` (a2, c6, #10; "10" is taken for "#10")."""
    key = name.strip().lower()
    return _pick(ENVELOPES, "#10" if key == "10" else key, "envelope size")


ENVELOPE_CLEARANCE = INCH / 8  # a card needs this much room to slide into an envelope


def envelopes_for(card: CardLayout) -> list[str]:
    """The envelopes the finished card (a folded card once folded) slides into, smallest
    first: an A2 card goes in an A2 or a C6 envelope; 3.5x5 and 4x6 in cards also in a #10."""
    short, long_ = sorted((card.card_width, card.card_height))
    fits = [
        e for e in ENVELOPES.values()
        if short <= min(e.width, e.height) - ENVELOPE_CLEARANCE
        and long_ <= max(e.width, e.height) - ENVELOPE_CLEARANCE
    ]  # fmt: skip
    return [e.key for e in sorted(fits, key=lambda e: e.width * e.height)]


def sheet_layout(name: str) -> Sheet:
    """The sheet called `name` (letter, a4)."""
    return _pick(SHEETS, name, "sheet size")


PAPERS = ("ruled", "plain")


def with_paper(layout: CardLayout, paper: str | None) -> CardLayout:
    """The layout on `paper` ("ruled" or "plain"); None keeps the layout's own."""
    if paper is None:
        return layout
    key = paper.strip().lower()
    if key not in PAPERS:
        raise CardError(f"unknown paper {paper!r}; choose one of: {', '.join(PAPERS)}")
    return replace(layout, ruled=key == "ruled")
