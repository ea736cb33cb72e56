"""Cards and envelopes onto a printer (any QPagedPaintDevice) at true size, and into images.

No QtPrintSupport import here: a QPrinter is handed in by whoever showed the print dialog,
and everything this module needs of it is in QPagedPaintDevice (QtGui).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.cards.draw import crop_marks, draw_front_face, draw_message_face, unit
from desktop.cards.errors import CardError
from desktop.cards.layouts import INCH, Box
from desktop.cards.render import PlannedCards, PlannedEnvelopes

if TYPE_CHECKING:
    from PySide6.QtGui import QImage, QPagedPaintDevice, QPainter

FIT_TOLERANCE = 1.0  # points: paper this close to the card's size is taken as the card's size
CROP_ROOM = 12.0  # points of paper needed round a card to draw crop marks


@dataclass(frozen=True)
class Placement:
    """Where a page of ours lands on the printer's paper, in points from the paper's corner."""

    box: Box  # the page as it lies on the paper (width and height after turning)
    turn: int  # 0, or 90 when it only fits the paper turned
    marks: bool  # crop marks round it, for cutting it out of larger paper


def _inches(width: float, height: float) -> str:
    return f"{width / INCH:.3g}×{height / INCH:.3g} in"  # noqa: RUF001


def placement(width: float, height: float, paper_w: float, paper_h: float, what: str) -> Placement:
    """Centre a `width` by `height` page on the paper, turned if only that fits; never scaled."""
    for turn, (w, h) in ((0, (width, height)), (90, (height, width))):
        if w <= paper_w + FIT_TOLERANCE and h <= paper_h + FIT_TOLERANCE:
            x, y = max(0.0, (paper_w - w) / 2), max(0.0, (paper_h - h) / 2)
            marks = min(x, y) >= CROP_ROOM
            return Placement(Box(x, y, w, h), turn, marks)
    raise CardError(
        f"{what} ({_inches(width, height)}) is larger than the printer's paper "
        f"({_inches(paper_w, paper_h)}); choose larger paper in the print dialog"
    )


def _paper(device: QPagedPaintDevice) -> tuple[float, float, float, float]:
    """The paper's width and height in points, and the top-left of the area Qt paints in."""
    from PySide6.QtGui import QPageLayout

    page = device.pageLayout()
    full = page.fullRect(QPageLayout.Unit.Point)
    paint = page.paintRect(QPageLayout.Unit.Point)
    return full.width(), full.height(), paint.x(), paint.y()


def _print_pages(
    device: QPagedPaintDevice,
    width: float,
    height: float,
    count: int,
    paint: Callable[[QPainter, int], None],
    what: str,
) -> Placement:
    from PySide6.QtGui import QPainter

    paper_w, paper_h, origin_x, origin_y = _paper(device)
    where = placement(width, height, paper_w, paper_h, what)
    painter = QPainter()
    if not painter.begin(device):
        raise CardError("the printer could not start printing; check that it is connected")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        u = unit(painter)
        painter.translate(-origin_x * u, -origin_y * u)  # points from the paper's own corner
        for index in range(count):
            if index and not device.newPage():
                raise CardError("the printer refused a new page")
            if where.marks:
                crop_marks(painter, [where.box], min(where.box.x, where.box.y))
            painter.save()
            if where.turn:
                painter.translate((where.box.x + where.box.width) * u, where.box.y * u)
                painter.rotate(90)
            else:
                painter.translate(where.box.x * u, where.box.y * u)
            paint(painter, index)
            painter.restore()
    finally:
        painter.end()
    return where


def print_cards(device: QPagedPaintDevice, planned: PlannedCards) -> Placement:
    """Print every planned card at true size on the device's paper, one per page."""
    layout = planned.layout
    return _print_pages(
        device,
        layout.page_width,
        layout.page_height,
        len(planned.notes),
        planned.paint,
        layout.label,
    )


def print_envelopes(device: QPagedPaintDevice, planned: PlannedEnvelopes) -> Placement:
    """Print every planned envelope at true size on the device's paper (the envelope itself)."""
    layout = planned.layout
    return _print_pages(
        device, layout.width, layout.height, len(planned.plans), planned.paint, layout.label
    )


def set_paper(device: QPagedPaintDevice, width: float, height: float, name: str = "") -> None:
    """Suggest paper of exactly `width` by `height` points (before the print dialog opens)."""
    from PySide6.QtCore import QMarginsF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize

    short, long_ = sorted((width, height))
    size = QPageSize(
        QSizeF(short, long_), QPageSize.Unit.Point, name, QPageSize.SizeMatchPolicy.FuzzyMatch
    )
    turn = QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait
    device.setPageLayout(QPageLayout(size, turn, QMarginsF(0, 0, 0, 0)))


def image(width: float, height: float, dpi: int, paint: Callable[[QPainter], None]) -> QImage:
    """A white image of a `width` by `height` point face at `dpi`, painted by `paint`."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter

    dpi = max(12, int(dpi))
    img = QImage(
        max(1, round(width * dpi / 72)),
        max(1, round(height * dpi / 72)),
        QImage.Format.Format_RGB32,
    )
    dots_per_metre = round(dpi / 0.0254)
    img.setDotsPerMeterX(dots_per_metre)
    img.setDotsPerMeterY(dots_per_metre)
    img.fill(Qt.GlobalColor.white)
    painter = QPainter(img)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    paint(painter)
    painter.end()
    return img


def card_faces(planned: PlannedCards, dpi: int, index: int = 0) -> list[tuple[str, QImage]]:
    """The faces a person sees, each upright: "Card", or "Front" and "Inside" when folded."""
    layout = planned.layout
    note, plan = planned.notes[index], planned.plans[index]

    def inside(painter: QPainter) -> None:
        draw_message_face(painter, layout, note, plan, planned.hand, planned.printed, planned.ink)

    w, h = layout.card_width, layout.card_height
    if layout.front is None:
        return [("Card", image(w, h, dpi, inside))]
    front = layout.front.box
    cover = image(
        front.width, front.height, dpi, lambda p: draw_front_face(p, layout, note, planned.printed)
    )
    return [("Front", cover), ("Inside", image(w, h, dpi, inside))]


def envelope_face(planned: PlannedEnvelopes, dpi: int, index: int = 0) -> QImage:
    """The front of an envelope, as it will print."""
    layout = planned.layout
    return image(layout.width, layout.height, dpi, lambda p: planned.paint(p, index))
