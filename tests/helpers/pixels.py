"""Reading cards as pixels: PDF pages through pdftoppm, preview images through QImage."""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.conftest import require_tool


@dataclass(frozen=True)
class Gray:
    """An 8-bit grey picture, row by row (0 black, 255 white)."""

    width: int
    height: int
    pixels: bytes

    def row(self, y: int) -> bytes:
        return self.pixels[y * self.width : (y + 1) * self.width]

    def crop(self, x: int, y: int, w: int, h: int) -> Gray:
        rows = [self.row(r)[x : x + w] for r in range(y, y + h)]
        return Gray(w, h, b"".join(rows))

    def blocks(self, size: int) -> Gray:
        """Averaged over `size`-pixel squares: compares layouts, not anti-aliasing."""
        cols, rows = self.width // size, self.height // size
        out = bytearray()
        for by in range(rows):
            lines = [self.row(by * size + dy) for dy in range(size)]
            for bx in range(cols):
                total = sum(sum(line[bx * size : (bx + 1) * size]) for line in lines)
                out.append(total // (size * size))
        return Gray(cols, rows, bytes(out))

    def turned_half_way(self) -> Gray:
        """Turned 180 degrees, as a panel is by folding a sheet top-to-back then left-to-back."""
        return Gray(self.width, self.height, self.pixels[::-1])


def pdf_gray(pdf: Path, dpi: int, page: int = 1) -> Gray:
    """Page `page` of `pdf`, rasterised by poppler at `dpi`."""
    tool = require_tool("pdftoppm")
    with tempfile.TemporaryDirectory() as tmp:
        stem = Path(tmp) / "page"
        subprocess.run([tool, "-r", str(dpi), "-gray", "-f", str(page), "-l", str(page),
                        str(pdf), str(stem)], check=True)  # fmt: skip
        data = next(Path(tmp).glob("page*.pgm")).read_bytes()
    magic, width, height, depth, pixels = data.split(maxsplit=4)
    assert magic == b"P5" and depth == b"255"
    return Gray(int(width), int(height), pixels[: int(width) * int(height)])


def image_gray(image: Any) -> Gray:
    """A QImage as grey pixels."""
    from PySide6.QtGui import QImage

    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    line = grey.bytesPerLine()
    data = bytes(grey.constBits())
    rows = [data[y * line : y * line + grey.width()] for y in range(grey.height())]
    return Gray(grey.width(), grey.height(), b"".join(rows))


def rule_rows(picture: Gray, share: float = 0.6) -> list[float]:
    """Centres (in pixels from the top) of horizontal lines in rule grey (not ink, not paper)
    running across at least `share` of the width."""
    hits = []
    for y in range(picture.height):
        light = sum(1 for v in picture.row(y) if 150 <= v <= 240)
        hits.append(light >= share * picture.width)
    centres, start = [], None
    for y, hit in enumerate([*hits, False]):
        if hit and start is None:
            start = y
        elif not hit and start is not None:
            centres.append((start + y - 1) / 2)
            start = None
    return centres


def mean_difference(a: Gray, b: Gray) -> float:
    """Mean absolute grey difference of two pictures of the same size."""
    assert (a.width, a.height) == (b.width, b.height), ((a.width, a.height), (b.width, b.height))
    return sum(abs(x - y) for x, y in zip(a.pixels, b.pixels, strict=True)) / len(a.pixels)


def ink(picture: Gray) -> int:
    """How many pixels are inked (clearly darker than the rules)."""
    return sum(1 for v in picture.pixels if v < 140)
