"""Icons from the SVG sources in desktop/resources/icons, sharp at every size and scale.

The line icons are drawn in one colour (`currentColor`), tinted here with the palette's
text colour so they read in light and dark palettes alike; the app icon keeps its colours.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPainter, QPalette, QPixmap

from desktop.resources import resource_path

ICON_NAMES = (
    "afterword",
    "today",
    "applications",
    "interviews",
    "contacts",
    "companies",
    "board",
    "coming_up",
    "progress",
    "search",
    "add",
    "edit",
    "delete",
    "sent",
    "skip",
    "snooze",
    "reply",
    "settings",
)
# Drawn in their own colours; never tinted.
COLOUR_ICONS = frozenset({"afterword"})
# The sizes a QIcon gets pixmaps for, each at 1x and 2x for high-DPI screens.
SIZES = (16, 24, 32, 48)
SCALES = (1.0, 2.0)

_cache: dict[tuple[str, int, int], QIcon] = {}


def icon_path(name: str) -> Path:
    if name not in ICON_NAMES:
        raise ValueError(f"no icon named {name!r}; known: {', '.join(ICON_NAMES)}")
    return resource_path("icons", f"{name}.svg")


@cache
def _svg_source(name: str) -> str:
    return icon_path(name).read_text(encoding="utf-8")


def _svg(name: str, color: QColor | None) -> bytes:
    source = _svg_source(name)
    if color is not None and name not in COLOUR_ICONS:
        # QtSvg has no `color` property to inherit from: put the colour in directly.
        source = source.replace("currentColor", color.name(QColor.NameFormat.HexRgb))
        if color.alpha() < 255:
            source = source.replace("<svg ", f'<svg opacity="{color.alphaF():.3f}" ', 1)
    return source.encode("utf-8")


def render(name: str, size: int, color: QColor | None = None, scale: float = 1.0) -> QPixmap:
    """`name` drawn into a square pixmap `size` logical pixels wide at device scale `scale`."""
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(_svg(name, color)))
    if not renderer.isValid():
        raise ValueError(f"icon {name!r} is not a valid SVG")
    side = max(1, round(size * scale))
    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, side, side))
    painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(scale)
    return pixmap


def _palette_color(group: QPalette.ColorGroup) -> QColor:
    return QGuiApplication.palette().color(group, QPalette.ColorRole.WindowText)


def icon(name: str, color: QColor | None = None) -> QIcon:
    """The icon `name`, tinted with `color` (default: the palette's text colour). Cached."""
    normal = QColor(color) if color is not None else _palette_color(QPalette.ColorGroup.Active)
    disabled = QColor(normal)
    if color is None:
        disabled = _palette_color(QPalette.ColorGroup.Disabled)
    else:
        disabled.setAlphaF(normal.alphaF() * 0.4)
    key = (name, normal.rgba(), disabled.rgba())
    cached = _cache.get(key)
    if cached is not None:
        return cached
    result = QIcon()
    for size in SIZES:
        for scale in SCALES:
            result.addPixmap(render(name, size, normal, scale), QIcon.Mode.Normal)
            if name not in COLOUR_ICONS:
                result.addPixmap(render(name, size, disabled, scale), QIcon.Mode.Disabled)
    _cache[key] = result
    return result


def clear_cache() -> None:
    """Forget rendered icons (e.g. after the palette changed between light and dark)."""
    _cache.clear()
