"""Icons from desktop/resources/icons: every one renders, tinted line icons follow the palette."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QImage, QPixmap

from desktop.ui import icons
from desktop.ui.icons import ICON_NAMES, icon, render


def _colours(pixmap: QPixmap) -> set[tuple[int, int, int]]:
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32)
    found = set()
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if c.alpha() == 255:
                found.add((c.red(), c.green(), c.blue()))
    return found


def _ink(pixmap: QPixmap) -> int:
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32)
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() > 0
    )


@pytest.mark.parametrize("name", ICON_NAMES)
def test_every_icon_renders_at_16_and_32(qapp, name):
    qicon = icon(name)
    assert not qicon.isNull()
    for size in (16, 32):
        pixmap = qicon.pixmap(QSize(size, size))
        assert not pixmap.isNull()
        assert pixmap.width() >= size
        assert _ink(pixmap) > size  # something visible was drawn


@pytest.mark.parametrize("name", ICON_NAMES)
def test_the_sources_follow_the_house_style(name):
    root = ET.parse(icons.icon_path(name)).getroot()
    assert root.get("viewBox") == "0 0 24 24"
    if name not in icons.COLOUR_ICONS:
        assert root.get("stroke") == "currentColor"
        assert root.get("stroke-width") == "2"
        assert root.get("fill") == "none"


def test_high_dpi_pixmaps_are_drawn_at_twice_the_pixels(qapp):
    pixmap = render("search", 16, QColor("black"), 2.0)
    assert (pixmap.width(), pixmap.height()) == (32, 32)
    assert pixmap.devicePixelRatio() == 2.0
    sizes = icon("search").availableSizes()
    assert QSize(16, 16) in sizes and QSize(48, 48) in sizes


def test_tinting_changes_the_colour_of_line_icons(qapp):
    red = _colours(icon("contacts", QColor("#ff0000")).pixmap(32))
    blue = _colours(icon("contacts", QColor("#0000ff")).pixmap(32))
    assert (255, 0, 0) in red and (0, 0, 255) not in red
    assert (0, 0, 255) in blue and (255, 0, 0) not in blue


def test_the_app_icon_keeps_its_own_colours(qapp):
    red = _colours(render("afterword", 32, QColor("#ff0000")))
    blue = _colours(render("afterword", 32, QColor("#0000ff")))
    assert red == blue
    assert len(red) > 5  # a colour picture, not one ink


def test_the_default_tint_is_the_palette_text_colour(qapp):
    from PySide6.QtGui import QPalette

    text = qapp.palette().color(QPalette.ColorRole.WindowText)
    colours = _colours(icon("add").pixmap(32))
    assert (text.red(), text.green(), text.blue()) in colours


def test_icons_are_cached_and_unknown_names_refused(qapp):
    assert icon("edit").cacheKey() == icon("edit").cacheKey()
    icons.clear_cache()
    assert isinstance(icon("edit"), QIcon)
    with pytest.raises(ValueError, match="no icon named 'nope'"):
        icon("nope")


def test_sheet_of_all_icons_light_and_dark(qapp, tmp_path):
    """Set AFTERWORD_SCREENSHOTS=DIR to keep the sheet for a look."""
    from PySide6.QtGui import QPainter

    out = os.environ.get("AFTERWORD_SCREENSHOTS") or str(tmp_path)
    cell = 64
    sheet = QImage(cell * len(ICON_NAMES), cell * 2, QImage.Format.Format_RGB32)
    painter = QPainter(sheet)
    for row, (bg, fg) in enumerate((("#ffffff", "#1d1d1f"), ("#2b2b2b", "#e8e8e8"))):
        painter.fillRect(0, row * cell, sheet.width(), cell, QColor(bg))
        for i, name in enumerate(ICON_NAMES):
            painter.drawPixmap(i * cell + 8, row * cell + 8, render(name, 48, QColor(fg)))
    painter.end()
    path = os.path.join(out, "icons-48.png")
    assert sheet.save(path)
