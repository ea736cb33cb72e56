"""The app icon made from its SVG: Qt reads back every size of the .ico and the .icns."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from PySide6.QtGui import QImageReader

from tests.helpers.packaging_scripts import load

make_icons = load("make_icons.py")


def _sizes(path: Path) -> list[int]:
    reader = QImageReader(str(path))
    sizes = []
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        image = reader.read()
        assert not image.isNull(), f"{path.name} entry {index}: {reader.errorString()}"
        assert image.width() == image.height()
        sizes.append(image.width())
    return sizes


def test_icons_are_made_from_the_svg_and_read_back_at_every_size(qapp, tmp_path: Path) -> None:
    written = make_icons.make_icons(out=tmp_path)

    assert {p.name for p in written} >= {"afterword.ico", "afterword.icns", "afterword.png"}
    assert _sizes(tmp_path / "afterword.ico") == list(make_icons.ICO_SIZES)
    assert sorted(_sizes(tmp_path / "afterword.icns")) == sorted(
        size for _, size in make_icons.ICNS_TYPES
    )
    for size in make_icons.PNG_SIZES:
        png = tmp_path / "hicolor" / f"{size}x{size}" / "apps" / "afterword.png"
        assert _sizes(png) == [size]


def test_the_icon_is_drawn_not_blank(qapp, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    make_icons.make_icons(out=tmp_path)
    image = QImage(str(tmp_path / "afterword.png"))
    opaque = sum(
        1 for y in range(0, 256, 8) for x in range(0, 256, 8) if image.pixelColor(x, y).alpha()
    )
    assert opaque > 0.4 * 32 * 32, "the 256 px icon is mostly transparent"
    assert image.pixelColor(0, 0).alpha() == 0, "the corners stay transparent"


def test_the_containers_say_their_own_length() -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 20
    icns = make_icons.icns_bytes({16: png, 32: png})
    assert icns[:4] == b"icns"
    assert struct.unpack(">I", icns[4:8])[0] == len(icns)
    ico = make_icons.ico_bytes({16: png, 256: png})
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, 2)
    width_of_256 = ico[6 + 16]
    assert width_of_256 == 0  # 256 is written as 0 in the one-byte field


def test_an_ico_cannot_hold_more_than_256_pixels() -> None:
    with pytest.raises(make_icons.IconError, match="1 to 256"):
        make_icons.ico_bytes({512: b"png"})


def test_a_broken_svg_is_named_in_the_error(qapp, tmp_path: Path) -> None:
    svg = tmp_path / "broken.svg"
    svg.write_text("<svg", encoding="utf-8")
    with pytest.raises(make_icons.IconError, match=r"broken\.svg"):
        make_icons.make_icons(svg, tmp_path / "out")
