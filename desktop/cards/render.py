"""Note cards and envelopes to PDF with QPdfWriter: the public face of `desktop.cards`."""

from __future__ import annotations

import math
import os
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cards.errors import CardError
from desktop.cards.fit import (
    CardNote,
    FitResult,
    greeting_band,
    plan_note,
    raise_if_too_long,
    writing_area,
)
from desktop.cards.fonts import DEFAULT_FONT, card_font, load_font
from desktop.cards.hand import Hand, HandPlan, no_alternates, seed_for
from desktop.cards.layouts import (
    Box,
    CardLayout,
    Sheet,
    card_layout,
    envelope_layout,
    sheet_layout,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter, QPdfWriter

DPI = 1200
SCALE = DPI / 72.0  # device pixels per point
INK = "#1f2d5c"  # a blue-black fountain-pen ink
PRINT_INK = "#3a3a3a"
RULE = "#bcc8da"
PRINTED_FONT = "EB Garamond"
_app: Any = None


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


def _ensure_app() -> None:
    """Fonts need a QGuiApplication; make a headless one if the caller has none."""
    global _app
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QGuiApplication([])


def _measuring_device() -> QPdfWriter:
    from PySide6.QtCore import QBuffer
    from PySide6.QtGui import QPdfWriter

    buffer = QBuffer()
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer._buffer = buffer  # type: ignore[attr-defined]  # keep it alive with the writer
    return writer


def check_fit(text: str, size: str = "a2", font: str = DEFAULT_FONT, *, signature: str = "",
              greeting: str | None = None) -> FitResult:  # fmt: skip
    """Whether `text` fits a card of `size` in `font`, and at what size it would be written."""
    layout = card_layout(size)
    face = card_font(font)
    _ensure_app()
    hand = Hand(load_font(face.family), _measuring_device())
    note = CardNote(text, "", signature, greeting)
    return plan_note(hand, note, layout, face.scale)[1]


def render_cards(
    notes: Sequence[CardNote],
    out: Path,
    *,
    size: str = "a2",
    font: str = DEFAULT_FONT,
    sheet: str | None = None,
) -> CardReport:
    """Write one card per note to `out`: one per page, or several per Letter/A4 sheet."""
    if not notes:
        raise CardError("no notes to put on cards")
    if any(not n.text.strip() for n in notes):
        raise CardError("a card has an empty message")
    layout = card_layout(size)
    face = card_font(font)
    paper = sheet_layout(sheet) if sheet else None
    if paper and layout.folded:
        raise CardError(f"{layout.label} already fills a sheet; leave out the sheet option")
    _ensure_app()
    family = load_font(face.family)
    printed = load_font(PRINTED_FONT)
    ink = INK if face.handwriting else PRINT_INK
    with _pdf(out, "Note cards", notes) as writer:
        hand = Hand(family, writer)
        plans = []
        for note in notes:  # every note is checked before a page is drawn
            plan, fit = plan_note(hand, note, layout, face.scale)
            raise_if_too_long(fit, layout, note, len(notes) > 1)
            plans.append(plan)
        cells = _impose(layout, paper) if paper else [(Box(0, 0, 0, 0), 0)]
        page_w, page_h = (paper.width, paper.height) if paper else (layout.page_width,
                                                                    layout.page_height)  # fmt: skip
        _set_page(writer, page_w, page_h)
        painter = _begin(writer, out)
        pages = math.ceil(len(notes) / len(cells))
        for index, (note, plan) in enumerate(zip(notes, plans, strict=True)):
            slot = index % len(cells)
            if index and slot == 0:
                writer.newPage()
            if paper:
                if slot == 0:
                    _crop_marks(painter, layout, paper, cells[: len(notes) - index])
                cell, turn = cells[slot]
                painter.save()
                _place(painter, cell, turn)
                _draw_card(painter, layout, note, plan, hand, printed, ink)
                painter.restore()
            else:
                _draw_card(painter, layout, note, plan, hand, printed, ink)
        painter.end()
    return CardReport(out, layout.key, face.family, paper.key if paper else None, pages,
                      len(notes), tuple(p.size for p in plans))  # fmt: skip


def render_envelopes(
    notes: Sequence[CardNote],
    out: Path,
    *,
    size: str = "a2",
    return_address: str = "",
    font: str = DEFAULT_FONT,
) -> CardReport:
    """Write one envelope per note (recipient and mailing address, with the return address)."""
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
    ink = INK if face.handwriting else PRINT_INK
    with _pdf(out, "Envelopes", notes) as writer:
        hand = Hand(family, writer)
        sender = return_address.strip()
        plans = []
        for note in notes:
            to = "\n".join([note.recipient, *(note.mailing_address or "").strip().splitlines()])
            back = _address_plan(
                hand, sender, layout.return_box, layout.nominal_pt * face.scale * 0.75
            )
            plans.append((_address_plan(hand, to, layout.address_box, layout.nominal_pt), back))
        _set_page(writer, layout.width, layout.height)
        painter = _begin(writer, out)
        for index, (to_plan, back_plan) in enumerate(plans):
            if index:
                writer.newPage()
            if back_plan is not None:
                _draw_words(painter, hand, back_plan, layout.return_box, ink)
            if to_plan is not None:
                _draw_words(painter, hand, to_plan, layout.address_box, ink)
        painter.end()
    return CardReport(out, layout.key, face.family, None, len(notes), len(notes),
                      tuple(p[0].size for p in plans if p[0]))  # fmt: skip


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
    """A writer onto a temporary file that becomes `out` only when everything was drawn."""
    from PySide6.QtCore import QUuid
    from PySide6.QtGui import QPdfWriter

    out = Path(out)
    if not out.parent.is_dir():
        raise CardError(f"the folder {out.parent} does not exist")
    tmp = out.with_name(f".{out.name}.partial")
    writer = QPdfWriter(str(tmp))
    writer.setResolution(DPI)
    writer.setCreator("Afterword")
    writer.setTitle(title)
    # A document id derived from the content keeps the same cards byte-for-byte the same.
    key = seed_for(title, *(f"{n.recipient}\x1e{n.text}\x1e{n.signature}" for n in notes))
    writer.setDocumentId(QUuid(str(uuid.UUID(int=key << 64 | key))))
    try:
        yield writer
    except BaseException:
        del writer
        tmp.unlink(missing_ok=True)
        raise
    del writer  # flushes and closes the file
    os.replace(tmp, out)


def _set_page(writer: QPdfWriter, width: float, height: float) -> None:
    from PySide6.QtCore import QMarginsF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize

    landscape = width > height
    short, long_ = sorted((width, height))
    page = QPageSize(QSizeF(short, long_), QPageSize.Unit.Point, "",
                     QPageSize.SizeMatchPolicy.ExactMatch)  # fmt: skip
    turn = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    writer.setPageLayout(QPageLayout(page, turn, QMarginsF(0, 0, 0, 0)))


def _begin(writer: QPdfWriter, out: Path) -> QPainter:
    from PySide6.QtGui import QPainter

    painter = QPainter()
    if not painter.begin(writer):
        raise CardError(f"cannot write {out}")
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return painter


def _place(painter: QPainter, box: Box, turn: int) -> None:
    """Move the origin to the top-left of a face lying in `box`, turned by `turn` degrees."""
    corner = {0: (box.x, box.y), 90: (box.x + box.width, box.y),
              180: (box.x + box.width, box.y + box.height)}[turn]  # fmt: skip
    painter.translate(corner[0] * SCALE, corner[1] * SCALE)
    painter.rotate(turn)


def _draw_card(painter: QPainter, layout: CardLayout, note: CardNote, plan: HandPlan,
               hand: Hand, printed: str, ink: str) -> None:  # fmt: skip
    area = writing_area(layout, note)
    painter.save()
    _place(painter, layout.message.box, layout.message.rotation)
    if layout.ruled:
        _draw_rules(painter, plan, area, layout.margin)
    if note.greeting and not layout.folded:
        band = Box(area.x, layout.margin, area.width, greeting_band(layout))
        _draw_printed(painter, note.greeting, band, printed, layout.nominal_pt * 1.5, 0.55)
    _draw_words(painter, hand, plan, area, ink)
    painter.restore()
    if layout.front is not None and note.greeting:
        painter.save()
        _place(painter, layout.front.box, layout.front.rotation)
        face = Box(0, 0, layout.front.box.width, layout.front.box.height)
        _draw_printed(painter, note.greeting, face, printed, 30.0, 0.42)
        painter.restore()


def _draw_rules(painter: QPainter, plan: HandPlan, area: Box, margin: float) -> None:
    from PySide6.QtCore import QLineF
    from PySide6.QtGui import QColor, QPen

    pen = QPen(QColor(RULE))
    pen.setWidthF(0.45 * SCALE)
    painter.setPen(pen)
    left, right = (area.x - margin * 0.35) * SCALE, (area.x + area.width + margin * 0.35) * SCALE
    for i in range(plan.capacity):
        # The hand rests on the line: a hair below the baseline, as ink sits on paper.
        y = (area.y + plan.first_baseline + i * plan.leading + plan.size * 0.06) * SCALE
        painter.drawLine(QLineF(left, y, right, y))


def _draw_words(painter: QPainter, hand: Hand, plan: HandPlan, area: Box, ink: str) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor

    painter.setPen(QColor(ink))
    for word in plan.words:
        painter.setFont(hand.font(word.size, word.spacing))
        painter.drawText(
            QPointF((area.x + word.x) * SCALE, (area.y + word.baseline) * SCALE), word.text
        )


def _draw_printed(painter: QPainter, text: str, box: Box, family: str, size: float,
                  at: float) -> None:  # fmt: skip
    """A typeset greeting, centred across `box` with its baseline at `at` of the height."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor, QFont, QFontMetricsF

    font = QFont(family)
    font.setPointSizeF(size)
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
    no_alternates(font)
    width = box.width * 0.9
    while QFontMetricsF(font, painter.device()).horizontalAdvance(text) / SCALE > width:
        font.setPointSizeF(font.pointSizeF() * 0.92)  # a long greeting shrinks, never clips
    painter.setFont(font)
    painter.setPen(QColor(PRINT_INK))
    w = QFontMetricsF(font, painter.device()).horizontalAdvance(text) / SCALE
    x, y = box.x + (box.width - w) / 2, box.y + box.height * at
    painter.drawText(QPointF(x * SCALE, y * SCALE), text)


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


def _crop_marks(painter: QPainter, layout: CardLayout, paper: Sheet,
                cells: list[tuple[Box, int]]) -> None:  # fmt: skip
    """Short hairlines in the sheet's edge, in line with every cut, clear of the cards."""
    from PySide6.QtCore import QLineF
    from PySide6.QtGui import QColor, QPen

    pen = QPen(QColor("#000000"))
    pen.setWidthF(0.3 * SCALE)
    painter.setPen(pen)
    boxes = [b for b, _ in cells]
    top = min(b.y for b in boxes)
    bottom = max(b.y + b.height for b in boxes)
    left = min(b.x for b in boxes)
    right = max(b.x + b.width for b in boxes)
    gap, length = 3.0, min(14.0, paper.edge - 4.0)
    xs = sorted({round(v, 3) for b in boxes for v in (b.x, b.x + b.width)})
    ys = sorted({round(v, 3) for b in boxes for v in (b.y, b.y + b.height)})
    lines = [(x, top - gap, x, top - gap - length) for x in xs]
    lines += [(x, bottom + gap, x, bottom + gap + length) for x in xs]
    lines += [(left - gap, y, left - gap - length, y) for y in ys]
    lines += [(right + gap, y, right + gap + length, y) for y in ys]
    for x1, y1, x2, y2 in lines:
        painter.drawLine(QLineF(x1 * SCALE, y1 * SCALE, x2 * SCALE, y2 * SCALE))
