"""Note cards and envelopes to PDF with QPdfWriter: the public face of `desktop.cards`."""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cards.draw import INK, PRINT_INK, PRINTED_FONT, crop_marks, draw_card, place
from desktop.cards.errors import CardError
from desktop.cards.fit import CardNote, FitResult, plan_note, raise_if_too_long
from desktop.cards.fonts import DEFAULT_FONT, card_font, load_font
from desktop.cards.hand import Hand, HandPlan, seed_for
from desktop.cards.layouts import (
    Box,
    CardLayout,
    EnvelopeLayout,
    Sheet,
    card_layout,
    envelope_layout,
    sheet_layout,
    with_paper,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QPagedPaintDevice, QPaintDevice, QPainter, QPdfWriter

DPI = 1200
_hands: dict[str, Hand] = {}


@dataclass(frozen=True)
class CardReport:
    """What was written."""

    path: Path
    size: str
    font: str
    sheet: str | None
    pages: int
    cards: int
    font_pts: tuple[float, ...]  # the size each card was written at, in order


@dataclass(frozen=True)
class PlannedCards:
    """Notes laid out on a card, checked to fit, ready to paint on any device."""

    layout: CardLayout
    notes: tuple[CardNote, ...]
    plans: tuple[HandPlan, ...]
    fits: tuple[FitResult, ...]
    hand: Hand
    printed: str  # the Qt family of the typeset greeting
    ink: str

    def paint(self, painter: QPainter, index: int = 0) -> None:
        """Card `index` as printed, its page's top-left at the painter's origin."""
        draw_card(painter, self.layout, self.notes[index], self.plans[index], self.hand,
                  self.printed, self.ink)  # fmt: skip


@dataclass(frozen=True)
class PlannedEnvelopes:
    """Envelopes laid out, ready to paint: (recipient, return address) plans per envelope."""

    layout: EnvelopeLayout
    plans: tuple[tuple[HandPlan | None, HandPlan | None], ...]
    hand: Hand
    ink: str

    def paint(self, painter: QPainter, index: int = 0) -> None:
        from desktop.cards.draw import draw_words

        to_plan, back_plan = self.plans[index]
        if back_plan is not None:
            draw_words(painter, self.hand, back_plan, self.layout.return_box, self.ink)
        if to_plan is not None:
            draw_words(painter, self.hand, to_plan, self.layout.address_box, self.ink)


def _ensure_app() -> None:
    from desktop.platform.headless import ensure_gui_app

    ensure_gui_app()


def measuring_device() -> QPdfWriter:
    """A 1200-dpi PDF writer onto memory: every layout is measured here, so a card plans
    the same for the PDF, the printer and the preview."""
    from PySide6.QtCore import QBuffer
    from PySide6.QtGui import QPdfWriter

    _ensure_app()
    buffer = QBuffer()
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer._buffer = buffer  # type: ignore[attr-defined]  # keep it alive with the writer
    return writer


def shared_hand(family: str) -> Hand:
    """The process's hand for `family`, measured on the 1200-dpi device: words measured
    for one card are not measured again for the next (or for the next keystroke)."""
    hand = _hands.get(family)
    if hand is None:
        hand = _hands[family] = Hand(family, measuring_device())
    return hand


def check_fit(text: str, size: str = "a2", font: str = DEFAULT_FONT, *, signature: str = "",
              greeting: str | None = None) -> FitResult:  # fmt: skip
    """Whether `text` fits a card of `size` in `font`, and at what size it would be written."""
    layout = card_layout(size)
    face = card_font(font)
    _ensure_app()
    hand = shared_hand(load_font(face.family))
    note = CardNote(text, "", signature, greeting)
    return plan_note(hand, note, layout, face.scale)[1]


def plan_cards(
    notes: Sequence[CardNote],
    *,
    size: str = "a2",
    font: str = DEFAULT_FONT,
    paper: str | None = None,
    device: QPaintDevice | None = None,
    hand: Hand | None = None,
    strict: bool = True,
) -> PlannedCards:
    """Lay every note out on its card; with `strict`, a note too long raises CardFitError.

    Without `strict` the too-long notes are planned at the smallest size and marked in
    `fits`, which is what a preview shows while the person is still writing.
    """
    if not notes:
        raise CardError("no notes to put on cards")
    if any(not n.text.strip() for n in notes):
        raise CardError("a card has an empty message")
    for note in notes:
        control = next((c for c in note.text if _is_control(c)), None)
        if control is not None:
            raise CardError(
                f"the message is not text: it holds the control character U+{ord(control):04X} "
                f"(at character {note.text.index(control) + 1})"
            )
    layout = with_paper(card_layout(size), paper)
    face = card_font(font)
    _ensure_app()
    family = load_font(face.family)
    printed = load_font(PRINTED_FONT)
    if hand is None or hand.family != family:
        hand = shared_hand(family) if device is None else Hand(family, device)
    plans, fits = [], []
    for note in notes:  # every note is checked before a page is drawn
        plan, fit = plan_note(hand, note, layout, face.scale)
        if strict:
            raise_if_too_long(fit, layout, note, len(notes) > 1)
        plans.append(plan)
        fits.append(fit)
    ink = INK if face.handwriting else PRINT_INK
    return PlannedCards(layout, tuple(notes), tuple(plans), tuple(fits), hand, printed, ink)


def _is_control(char: str) -> bool:
    """A character no one writes on a card (NUL, escape …); line breaks and tabs are fine."""
    import unicodedata

    return char not in "\n\r\t" and unicodedata.category(char) == "Cc"


def render_cards(
    notes: Sequence[CardNote],
    out: Path,
    *,
    size: str = "a2",
    font: str = DEFAULT_FONT,
    sheet: str | None = None,
    paper: str | None = None,
) -> CardReport:
    """Write one card per note to `out`: one per page, or several per Letter/A4 sheet.

    `paper` is "ruled" (lines under the writing) or "plain"; None keeps the card's own.
    """
    layout = with_paper(card_layout(size), paper)
    sheet_size = sheet_layout(sheet) if sheet else None
    if sheet_size and layout.folded:
        raise CardError(f"{layout.label} already fills a sheet; leave out the sheet option")
    planned = plan_cards(notes, size=size, font=font, paper=paper)
    with _pdf(out, "Note cards", notes) as writer:
        pages = write_cards(writer, planned, sheet_size, out)
    return CardReport(out, layout.key, planned.hand.family, sheet_size.key if sheet_size else None,
                      pages, len(notes), tuple(p.size for p in planned.plans))  # fmt: skip


def write_cards(device: QPagedPaintDevice, planned: PlannedCards, sheet: Sheet | None,
                out: object = "the page") -> int:  # fmt: skip
    """Paint every planned card on `device` (a PDF writer or a printer); the page count."""
    layout, count = planned.layout, len(planned.notes)
    cells = _impose(layout, sheet) if sheet else [(Box(0, 0, 0, 0), 0)]
    if sheet:
        _set_page(device, sheet.width, sheet.height)
    else:
        _set_page(device, layout.page_width, layout.page_height)
    painter = _begin(device, out)
    for index in range(count):
        slot = index % len(cells)
        if index and slot == 0:
            device.newPage()
        if sheet:
            if slot == 0:
                crop_marks(painter, [b for b, _ in cells[: count - index]], sheet.edge)
            cell, turn = cells[slot]
            painter.save()
            place(painter, cell, turn)
            planned.paint(painter, index)
            painter.restore()
        else:
            planned.paint(painter, index)
    _end(painter, out)
    return math.ceil(count / len(cells))


def plan_envelopes(
    notes: Sequence[CardNote],
    *,
    size: str = "a2",
    return_address: str = "",
    font: str = DEFAULT_FONT,
    device: QPaintDevice | None = None,
) -> PlannedEnvelopes:
    """Lay out one envelope per note (recipient and mailing address, with the return address)."""
    if not notes:
        raise CardError("no envelopes to write")
    layout = envelope_layout(size)
    face = card_font(font)
    for note in notes:
        if not (note.mailing_address or "").strip():
            raise CardError(f"no mailing address for {note.recipient or 'the recipient'}; "
                            "add one to the contact")  # fmt: skip
    _ensure_app()
    family = load_font(face.family)
    hand = shared_hand(family) if device is None else Hand(family, device)
    sender = return_address.strip()
    plans = []
    for note in notes:
        to = "\n".join([note.recipient, *(note.mailing_address or "").strip().splitlines()])
        back = _address_plan(hand, sender, layout.return_box, layout.nominal_pt * face.scale * 0.75)
        plans.append((_address_plan(hand, to, layout.address_box, layout.nominal_pt), back))
    return PlannedEnvelopes(layout, tuple(plans), hand, INK if face.handwriting else PRINT_INK)


def render_envelopes(
    notes: Sequence[CardNote],
    out: Path,
    *,
    size: str = "a2",
    return_address: str = "",
    font: str = DEFAULT_FONT,
) -> CardReport:
    """Write one envelope per note (recipient and mailing address, with the return address)."""
    planned = plan_envelopes(notes, size=size, return_address=return_address, font=font)
    with _pdf(out, "Envelopes", notes) as writer:
        write_envelopes(writer, planned, out)
    return CardReport(out, planned.layout.key, planned.hand.family, None, len(notes), len(notes),
                      tuple(p[0].size for p in planned.plans if p[0]))  # fmt: skip


def write_envelopes(device: QPagedPaintDevice, planned: PlannedEnvelopes,
                    out: object = "the page") -> None:  # fmt: skip
    """Paint every planned envelope on `device`, one per page."""
    _set_page(device, planned.layout.width, planned.layout.height)
    painter = _begin(device, out)
    for index in range(len(planned.plans)):
        if index:
            device.newPage()
        planned.paint(painter, index)
    _end(painter, out)


def _address_plan(hand: Hand, text: str, box: Box, nominal: float) -> HandPlan | None:
    if not text.strip():
        return None
    seed = seed_for(text)
    size = nominal
    while True:
        plan = hand.plan(text, "", box.width, box.height, size, seed, leading_ratio=1.3)
        if plan.fits:
            return plan
        if size <= nominal * 0.6:
            raise CardError(f"the address {text.splitlines()[0]!r} is too long for the envelope")
        size = round(size - 0.5, 2)


@contextmanager
def _pdf(out: Path, title: str, notes: Sequence[CardNote]) -> Iterator[QPdfWriter]:
    """A writer onto memory whose document becomes `out` only when everything was drawn
    and the PDF is whole; a full disk never replaces a good file with a broken one."""
    from PySide6.QtCore import QBuffer, QIODevice, QUuid
    from PySide6.QtGui import QPdfWriter

    from desktop.files import pdf_is_whole, write_atomically

    out = Path(out)
    if not out.parent.is_dir():
        raise CardError(f"the folder {out.parent} does not exist")
    # A document id derived from the content keeps the same cards byte-for-byte the same.
    key = seed_for(title, *(f"{n.recipient}\x1e{n.text}\x1e{n.signature}" for n in notes))
    # Drawn in memory, written by Python: Qt's writer onto a file says nothing when the
    # disk fills (it wrote 0-byte "PDFs" and reported success); Python names the reason.
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer.setCreator("Afterword")
    writer.setTitle(title)
    writer.setDocumentId(QUuid(str(uuid.UUID(int=key << 64 | key))))
    yield writer
    del writer
    data = bytes(buffer.data().data())
    buffer.close()
    if not pdf_is_whole(data):
        raise CardError(f"{out}: the PDF could not be made whole; nothing was written")
    try:
        write_atomically(out, data)
    except OSError as exc:
        kept = " (the file already there was left as it was)" if out.exists() else ""
        raise CardError(f"{out}: cannot write the PDF: {exc.strerror or exc}{kept}") from exc


def _set_page(writer: QPagedPaintDevice, width: float, height: float) -> None:
    from PySide6.QtCore import QMarginsF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize

    landscape = width > height
    short, long_ = sorted((width, height))
    page = QPageSize(QSizeF(short, long_), QPageSize.Unit.Point, "",
                     QPageSize.SizeMatchPolicy.ExactMatch)  # fmt: skip
    turn = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    writer.setPageLayout(QPageLayout(page, turn, QMarginsF(0, 0, 0, 0)))


def _begin(writer: QPaintDevice, out: object) -> QPainter:
    from PySide6.QtGui import QPainter

    painter = QPainter()
    if not painter.begin(writer):
        raise CardError(f"cannot write {out}")
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return painter


def _end(painter: QPainter, out: object) -> None:
    """Finish the painting; a device that failed (a printer gone, a write refused) is said."""
    if not painter.end():
        raise CardError(f"cannot finish writing {out}")


def _impose(layout: CardLayout, paper: Sheet) -> list[tuple[Box, int]]:
    """Cells for as many cards as fit the sheet, butted together, turned 90° if more fit."""
    usable_w, usable_h = paper.width - 2 * paper.edge, paper.height - 2 * paper.edge
    best: list[tuple[Box, int]] = []
    for turn, (cw, ch) in ((0, (layout.card_width, layout.card_height)),
                           (90, (layout.card_height, layout.card_width))):  # fmt: skip
        cols, rows = int(usable_w // cw), int(usable_h // ch)
        if cols * rows <= len(best):
            continue
        x0, y0 = (paper.width - cols * cw) / 2, (paper.height - rows * ch) / 2
        best = [(Box(x0 + c * cw, y0 + r * ch, cw, ch), turn)
                for r in range(rows) for c in range(cols)]  # fmt: skip
    if not best:
        raise CardError(f"{layout.label} does not fit on a {paper.key} sheet")
    return best
