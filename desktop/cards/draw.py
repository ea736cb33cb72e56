"""Painting a card's faces with any QPainter: the PDF, the printer and the preview share it.

Every size here is in points; each function turns points into the device's own units
(its dots per inch / 72), so fonts set in points come out the same size on a 1200-dpi PDF,
a 600-dpi printer and a 96-dpi preview image.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.cards.fit import CardNote, greeting_band, writing_area
from desktop.cards.hand import Hand, HandPlan, no_alternates
from desktop.cards.layouts import Box, CardLayout

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter

INK = "#1f2d5c"  # a blue-black fountain-pen ink
PRINT_INK = "#3a3a3a"
RULE = "#bcc8da"
PRINTED_FONT = "EB Garamond"
FRONT_GREETING_PT = 30.0


def unit(painter: QPainter) -> float:
    """Device units per point on the painter's device."""
    return painter.device().logicalDpiY() / 72.0


def place(painter: QPainter, box: Box, turn: int) -> None:
    """Move the origin to the top-left of a face lying in `box`, turned by `turn` degrees."""
    corner = {0: (box.x, box.y), 90: (box.x + box.width, box.y),
              180: (box.x + box.width, box.y + box.height)}[turn]  # fmt: skip
    u = unit(painter)
    painter.translate(corner[0] * u, corner[1] * u)
    painter.rotate(turn)


def draw_card(painter: QPainter, layout: CardLayout, note: CardNote, plan: HandPlan,
              hand: Hand, printed: str, ink: str) -> None:  # fmt: skip
    """The whole card as printed: the message face, and the front of a folded card."""
    painter.save()
    place(painter, layout.message.box, layout.message.rotation)
    draw_message_face(painter, layout, note, plan, hand, printed, ink)
    painter.restore()
    if layout.front is not None and note.greeting:
        painter.save()
        place(painter, layout.front.box, layout.front.rotation)
        draw_front_face(painter, layout, note, printed)
        painter.restore()


def draw_message_face(painter: QPainter, layout: CardLayout, note: CardNote, plan: HandPlan,
                      hand: Hand, printed: str, ink: str) -> None:  # fmt: skip
    """The face the note is written on, upright, with its top-left at the origin."""
    area = writing_area(layout, note)
    if layout.ruled:
        draw_rules(painter, plan, area, layout.margin)
    if note.greeting and not layout.folded:
        band = Box(area.x, layout.margin, area.width, greeting_band(layout))
        draw_printed(painter, note.greeting, band, printed, layout.nominal_pt * 1.5, 0.55)
    draw_words(painter, hand, plan, area, ink)


def draw_front_face(painter: QPainter, layout: CardLayout, note: CardNote, printed: str) -> None:
    """The cover of a folded card, upright, with its top-left at the origin."""
    if layout.front is None or not note.greeting:
        return
    face = Box(0, 0, layout.front.box.width, layout.front.box.height)
    draw_printed(painter, note.greeting, face, printed, FRONT_GREETING_PT, 0.42)


def rule_offsets(plan: HandPlan) -> list[float]:
    """Where the ruled lines lie, in points below the top of the writing area."""
    # The hand rests on the line: a hair below the baseline, as ink sits on paper.
    return [plan.first_baseline + i * plan.leading + plan.size * 0.06 for i in range(plan.capacity)]


def draw_rules(painter: QPainter, plan: HandPlan, area: Box, margin: float) -> None:
    from PySide6.QtCore import QLineF
    from PySide6.QtGui import QColor, QPen

    u = unit(painter)
    pen = QPen(QColor(RULE))
    pen.setWidthF(0.45 * u)
    painter.setPen(pen)
    left, right = (area.x - margin * 0.35) * u, (area.x + area.width + margin * 0.35) * u
    ys = [(area.y + offset) * u for offset in rule_offsets(plan)]
    painter.drawLines([QLineF(left, y, right, y) for y in ys])


def draw_words(painter: QPainter, hand: Hand, plan: HandPlan, area: Box, ink: str) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor

    u = unit(painter)
    painter.setPen(QColor(ink))
    font, draw, set_font = hand.font, painter.drawText, painter.setFont
    x0, y0, last = area.x, area.y, None
    for text, x, baseline, size, spacing in plan.words:
        if (size, spacing) != last:
            set_font(font(size, spacing))
            last = (size, spacing)
        draw(QPointF((x0 + x) * u, (y0 + baseline) * u), text)


def draw_printed(painter: QPainter, text: str, box: Box, family: str, size: float,
                 at: float) -> None:  # fmt: skip
    """A typeset greeting, centred across `box` with its baseline at `at` of the height."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor, QFont, QFontMetricsF

    u = unit(painter)
    font = QFont(family)
    font.setPointSizeF(size)
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
    no_alternates(font)
    width = box.width * 0.9
    while QFontMetricsF(font, painter.device()).horizontalAdvance(text) / u > width:
        font.setPointSizeF(font.pointSizeF() * 0.92)  # a long greeting shrinks, never clips
    painter.setFont(font)
    painter.setPen(QColor(PRINT_INK))
    w = QFontMetricsF(font, painter.device()).horizontalAdvance(text) / u
    x, y = box.x + (box.width - w) / 2, box.y + box.height * at
    painter.drawText(QPointF(x * u, y * u), text)


def crop_marks(painter: QPainter, boxes: list[Box], edge: float) -> None:
    """Short hairlines outside the cards, in line with every cut, clear of the cards."""
    from PySide6.QtCore import QLineF
    from PySide6.QtGui import QColor, QPen

    u = unit(painter)
    pen = QPen(QColor("#000000"))
    pen.setWidthF(0.3 * u)
    painter.setPen(pen)
    top = min(b.y for b in boxes)
    bottom = max(b.y + b.height for b in boxes)
    left = min(b.x for b in boxes)
    right = max(b.x + b.width for b in boxes)
    gap, length = 3.0, min(14.0, edge - 4.0)
    xs = sorted({round(v, 3) for b in boxes for v in (b.x, b.x + b.width)})
    ys = sorted({round(v, 3) for b in boxes for v in (b.y, b.y + b.height)})
    lines = [(x, top - gap, x, top - gap - length) for x in xs]
    lines += [(x, bottom + gap, x, bottom + gap + length) for x in xs]
    lines += [(left - gap, y, left - gap - length, y) for y in ys]
    lines += [(right + gap, y, right + gap + length, y) for y in ys]
    for x1, y1, x2, y2 in lines:
        painter.drawLine(QLineF(x1 * u, y1 * u, x2 * u, y2 * u))
