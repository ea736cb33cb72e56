"""The painted part of the card preview: faces to scale, side by side, on a soft shadow."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

MARGIN = 14.0  # room for the shadow round the faces, in pixels
GAP = 18.0  # between faces
CAPTION = 18.0  # the height of a face's caption ("Front", "Inside", "Envelope")


@dataclass(frozen=True)
class Face:
    """One face to show: its name, its size in points, and its picture once painted."""

    name: str
    width: float
    height: float
    image: QImage | None = None


class CardCanvas(QWidget):
    """Shows rows of faces (the card's, then the envelope) at one scale that fits the widget.

    `needs_pixels` asks for new pictures at `dpi` when the scale has changed enough that the
    old ones would look soft; until they come, the old pictures are drawn scaled.
    """

    needs_pixels = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardCanvas")
        self.setAccessibleName(self.tr("Card preview"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 220)
        self._rows: list[list[Face]] = []
        self._painted_dpi = 0
        self._resize = QTimer(self)
        self._resize.setSingleShot(True)
        self._resize.setInterval(80)
        self._resize.timeout.connect(self._check_pixels)

    def sizeHint(self) -> QSize:
        return QSize(360, 440)

    def set_faces(self, rows: list[list[Face]], dpi: int) -> None:
        """New faces (pictures painted at `dpi`, or None while they are being made)."""
        self._rows = [row for row in rows if row]
        self._painted_dpi = dpi
        desc = ", ".join(f.name.lower() for row in self._rows for f in row)
        self.setAccessibleDescription(f"Shows the {desc} as it will print" if desc else "")
        self.update()

    def faces(self) -> list[Face]:
        return [face for row in self._rows for face in row]

    def _captions(self) -> bool:
        return len(self.faces()) > 1

    def _scale_for(self, rows: list[list[Face]]) -> float:
        if not rows:
            return 1.0
        caption = CAPTION if self._captions() else 0.0
        width = self.width() - 2 * MARGIN
        height = self.height() - 2 * MARGIN - (len(rows) - 1) * GAP - caption * len(rows)
        by_width = min((width - (len(row) - 1) * GAP) / sum(f.width for f in row) for row in rows)
        by_height = height / sum(max(f.height for f in row) for row in rows)
        return max(0.05, min(by_width, by_height))

    def _arranged(self) -> list[list[Face]]:
        """The rows as given (envelope under the card), or all in one row if that is larger."""
        one_row = [self.faces()]
        if len(self._rows) > 1 and self._scale_for(one_row) > self._scale_for(self._rows):
            return one_row
        return self._rows

    def scale(self) -> float:
        """Pixels per point at which every face fits the widget."""
        return self._scale_for(self._arranged())

    def wanted_dpi(self) -> int:
        return max(12, round(self.scale() * 72 * self.devicePixelRatioF()))

    def face_rects(self) -> list[tuple[Face, QRectF]]:
        """Where each face is drawn, centred as a block in the widget."""
        rows = self._arranged()
        s, caption = self._scale_for(rows), (CAPTION if self._captions() else 0.0)
        heights = [max(f.height for f in row) * s for row in rows]
        block = sum(heights) + caption * len(heights) + GAP * (len(heights) - 1)
        y = (self.height() - block) / 2
        placed = []
        for row, row_h in zip(rows, heights, strict=True):
            row_w = sum(f.width for f in row) * s + GAP * (len(row) - 1)
            x = (self.width() - row_w) / 2
            for face in row:
                top = y + caption + (row_h - face.height * s) / 2
                placed.append((face, QRectF(x, top, face.width * s, face.height * s)))
                x += face.width * s + GAP
            y += row_h + caption + GAP
        return placed

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._resize.start()

    def _check_pixels(self) -> None:
        wanted = self.wanted_dpi()
        if self._rows and abs(wanted - self._painted_dpi) > max(2, self._painted_dpi * 0.04):
            self.needs_pixels.emit(wanted)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        text_color = self.palette().placeholderText().color()
        for face, rect in self.face_rects():
            # A soft drop shadow: a few widening, fading rounded rectangles below the card.
            painter.setPen(Qt.PenStyle.NoPen)
            for step, alpha in ((6, 10), (4, 16), (2, 26)):
                painter.setBrush(QColor(0, 0, 0, alpha))
                painter.drawRoundedRect(rect.adjusted(-step / 2, 0, step / 2, step + 1), 3, 3)
            if face.image is not None:
                painter.drawImage(rect, face.image)
            else:
                painter.fillRect(rect, QColor("white"))
            painter.setPen(QPen(QColor(0, 0, 0, 60), 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(-0.5, -0.5, 0.5, 0.5))
            if self._captions():
                painter.setPen(text_color)
                caption = QRectF(rect.x(), rect.y() - CAPTION, rect.width(), CAPTION - 3)
                align = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom
                painter.drawText(caption, int(align), face.name)
        painter.end()
