"""Small charts drawn with QPainter (QtCharts is not in PySide6-Essentials, and the add-ons
would take the bundle far past its budget): horizontal bars with labels, and bars by week.

Each chart is a plain widget that takes its figures and paints them in the palette's
colours, so it follows light and dark like the rest of the window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

# One hue per series, readable on light and dark (light, dark).
SERIES = (
    ("#2f6fb3", "#7fb2f0"),
    ("#b9770e", "#f3c26b"),
    ("#2e8b57", "#7fd3a1"),
    ("#c0392b", "#ff8a80"),
)
MUTED = ("#c9ced6", "#3a3e46")


def series_color(widget: QWidget, index: int) -> QColor:
    dark = widget.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return QColor(SERIES[index % len(SERIES)][dark])


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # where the bar ends, 0 to `scale`
    text: str  # what is written after the bar
    scale: float = 1.0
    color: int | None = None  # a series colour of its own (else the chart's)


class BarChart(QWidget):
    """Labelled horizontal bars, one a row, each with its figure in words beside it."""

    ROW = 30

    def __init__(self, name: str, parent: QWidget | None = None, color: int = 0) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.bars: list[Bar] = []
        self.color = color
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: Sequence[Bar]) -> None:
        self.bars = list(bars)
        self.setMinimumHeight(self.ROW * max(1, len(self.bars)) + 4)
        self.setAccessibleDescription("; ".join(f"{b.label}: {b.text}" for b in self.bars))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(520, self.ROW * max(1, len(self.bars)) + 4)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        label_w = min(
            180, max((metrics.horizontalAdvance(b.label) for b in self.bars), default=0) + 12
        )
        text_w = min(
            280, max((metrics.horizontalAdvance(b.text) for b in self.bars), default=0) + 12
        )
        track_w = max(40, self.width() - label_w - text_w - 8)
        text_color = self.palette().color(QPalette.ColorRole.Text)
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        fill = series_color(self, self.color)
        for row, bar in enumerate(self.bars):
            top = 2 + row * self.ROW
            painter.setPen(text_color)
            painter.drawText(
                QRect(0, top, label_w - 8, self.ROW - 4),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_w - 8),
            )
            track = QRectF(label_w, top + 6, track_w, self.ROW - 16)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(MUTED[dark]))
            painter.drawRoundedRect(track, 3, 3)
            share = 0.0 if bar.scale <= 0 else max(0.0, min(1.0, bar.value / bar.scale))
            if share > 0:
                painter.setBrush(fill if bar.color is None else series_color(self, bar.color))
                painter.drawRoundedRect(
                    QRectF(
                        track.left(), track.top(), max(4.0, track.width() * share), track.height()
                    ),
                    3,
                    3,
                )
            painter.setPen(text_color)
            painter.drawText(
                QRect(int(track.right()) + 8, top, text_w, self.ROW - 4),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                bar.text,
            )
        painter.end()


class WeekChart(QWidget):
    """Counts per week as groups of bars (one per series), weeks left to right."""

    def __init__(self, name: str, series: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.series = list(series)
        self.labels: list[str] = []
        self.values: list[tuple[int, ...]] = []
        self.setMinimumHeight(200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_weeks(self, labels: Sequence[str], values: Sequence[tuple[int, ...]]) -> None:
        self.labels, self.values = list(labels), list(values)
        self.setAccessibleDescription(
            "; ".join(
                f"{label}: "
                + ", ".join(f"{n} {s.lower()}" for s, n in zip(self.series, v, strict=False))
                for label, v in zip(self.labels, self.values, strict=False)
            )
        )
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(640, 200)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        text_color = self.palette().color(QPalette.ColorRole.Text)
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        legend_h = metrics.height() + 8
        axis_h = metrics.height() + 6
        left = metrics.horizontalAdvance("000") + 10
        plot = QRectF(
            left, legend_h + 4, self.width() - left - 8, self.height() - legend_h - axis_h - 8
        )
        # The legend: a swatch and a name per series.
        x = left
        for index, name in enumerate(self.series):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(series_color(self, index))
            painter.drawRoundedRect(QRectF(x, 4, 12, 12), 2, 2)
            painter.setPen(text_color)
            painter.drawText(int(x + 16), 4 + metrics.ascent(), name)
            x += 16 + metrics.horizontalAdvance(name) + 18
        top = max((max(v) for v in self.values if v), default=0)
        scale = max(1, top + top % 2) if top > 2 else max(1, top)
        # Gridlines at whole numbers: 0, the top, and halfway when that is whole too.
        ticks = [0, scale] + ([scale // 2] if scale % 2 == 0 and scale >= 4 else [])
        for tick in ticks:
            y = plot.bottom() - plot.height() * tick / scale
            painter.setPen(muted)
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.drawText(
                QRect(0, int(y - metrics.height() / 2), left - 6, metrics.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                str(tick),
            )
        count = max(1, len(self.values))
        slot = plot.width() / count
        width = max(2.0, (slot - 8) / max(1, len(self.series)))
        for week, values in enumerate(self.values):
            for index, value in enumerate(values):
                height = plot.height() * value / scale
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(series_color(self, index))
                painter.drawRect(
                    QRectF(
                        plot.left() + week * slot + 4 + index * width,
                        plot.bottom() - height,
                        width - 1,
                        height,
                    )
                )
            if week % max(1, count // 6) == 0:
                painter.setPen(muted)
                painter.drawText(
                    QRect(
                        int(plot.left() + week * slot),
                        int(plot.bottom()) + 4,
                        int(slot * 2),
                        axis_h,
                    ),
                    int(Qt.AlignmentFlag.AlignLeft),
                    self.labels[week],
                )
        painter.end()
