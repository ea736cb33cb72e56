"""Make the app icons from the one SVG source: PNGs, a Windows .ico and a macOS .icns.

    python packaging/make_icons.py [--svg desktop/resources/icons/afterword.svg] [--out build/icons]

Qt renders the SVG at each size (offscreen, no display needed); the .ico and .icns
containers are written here with PNG-compressed entries, which Windows (Vista on) and
macOS (10.7 on) read, so no hand-made binary is ever committed.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SVG = ROOT / "desktop" / "resources" / "icons" / "afterword.svg"
DEFAULT_OUT = ROOT / "build" / "icons"

ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
# icns entry types holding PNG data, and the pixel size each one holds.
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),  # 512 pt at 2x
    (b"ic11", 32),  # 16 pt at 2x
    (b"ic12", 64),  # 32 pt at 2x
    (b"ic13", 256),  # 128 pt at 2x
    (b"ic14", 512),  # 256 pt at 2x
)
# The sizes a Linux desktop looks for in the hicolor theme.
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


class IconError(Exception):
    """The SVG cannot be turned into icons; the message says which file and why."""


def render_pngs(svg: Path, sizes: Iterable[int]) -> dict[int, bytes]:
    """The SVG drawn into square transparent PNGs, one per size."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    try:
        source = svg.read_bytes()
    except OSError as exc:
        raise IconError(f"{svg}: cannot read the icon source: {exc.strerror or exc}") from exc
    renderer = QSvgRenderer(QByteArray(source))
    if not renderer.isValid():
        raise IconError(f"{svg}: not a valid SVG")
    pngs: dict[int, bytes] = {}
    for size in sorted(set(sizes)):
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        # The stubs ask for bytes, but PySide6 6.11 only accepts str for the format here.
        if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
            raise IconError(f"{svg}: Qt could not encode a {size}px PNG")
        buffer.close()
        pngs[size] = bytes(data.data())
    return pngs


def ico_bytes(pngs: Mapping[int, bytes]) -> bytes:
    """A Windows .ico holding each PNG as one entry (sizes up to 256)."""
    sizes = sorted(pngs)
    if not sizes or sizes[-1] > 256:
        raise IconError(f"an .ico holds sizes 1 to 256, not {sizes}")
    header = struct.pack("<HHH", 0, 1, len(sizes))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(sizes)
    directory, images = b"", b""
    for size in sizes:
        data = pngs[size]
        side = 0 if size == 256 else size  # 0 means 256 in the one-byte fields
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + directory + images


def icns_bytes(pngs: Mapping[int, bytes]) -> bytes:
    """A macOS .icns with a PNG entry for every type whose size is in `pngs`."""
    body = b""
    for kind, size in ICNS_TYPES:
        data = pngs.get(size)
        if data is None:
            continue
        body += kind + struct.pack(">I", 8 + len(data)) + data
    if not body:
        raise IconError(f"no .icns entry fits the sizes {sorted(pngs)}")
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def make_icons(svg: Path = DEFAULT_SVG, out: Path = DEFAULT_OUT) -> list[Path]:
    """Write afterword.ico, afterword.icns, afterword.png (256) and hicolor PNGs to `out`."""
    sizes = {*ICO_SIZES, *PNG_SIZES, *(size for _, size in ICNS_TYPES)}
    pngs = render_pngs(svg, sizes)
    out.mkdir(parents=True, exist_ok=True)
    written = {
        out / "afterword.ico": ico_bytes({s: pngs[s] for s in ICO_SIZES}),
        out / "afterword.icns": icns_bytes(pngs),
        out / "afterword.png": pngs[256],
    }
    for size in PNG_SIZES:
        written[out / "hicolor" / f"{size}x{size}" / "apps" / "afterword.png"] = pngs[size]
    for path, data in written.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return list(written)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=DEFAULT_SVG, help="the icon's SVG source")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the icons")
    args = parser.parse_args(argv)
    try:
        written = make_icons(args.svg, args.out)
    except IconError as exc:
        print(f"make_icons: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {len(written)} icon files to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
