"""How big the built bundle is, and which parts make it so.

    python packaging/bundle_size.py [dist/Afterword] [--top 15]

Sizes are the files' own sizes (symbolic links count nothing), in MB of 1024 x 1024 bytes.
A part is one package or library: `cryptography`, `libpython3.11.so.1.0`, and inside
PySide6 each Qt library and plugin folder, since that is where the weight is.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BUNDLE = ROOT / "dist" / "Afterword"
MB = 1024 * 1024
# Where PyInstaller puts the Python side of a one-folder bundle (6.x) and of a macOS .app.
CONTENT_DIRS = ("_internal", "Contents/Frameworks", "Contents/Resources", "Contents/MacOS")


@dataclass(frozen=True)
class BundleSize:
    total_bytes: int
    files: int
    parts: list[tuple[str, int]]  # largest first

    @property
    def total_mb(self) -> float:
        return self.total_bytes / MB


def part_of(relative: Path) -> str:
    """The part a file belongs to, named by its path inside the bundle's content folder."""
    parts = relative.parts
    for content in CONTENT_DIRS:
        depth = len(Path(content).parts)
        if parts[:depth] == Path(content).parts and len(parts) > depth:
            parts = parts[depth:]
            break
    if parts[:1] == ("PySide6",):
        if parts[1:3] in (("Qt", "lib"), ("Qt", "plugins")):
            return "/".join(parts[:4])
        return "/".join(parts[:2])
    return parts[0]


def measure(bundle: Path) -> BundleSize:
    """The bundle's total size and its parts, largest first."""
    sizes: Counter[str] = Counter()
    total = files = 0
    for directory, _, names in os.walk(bundle):
        for name in names:
            path = Path(directory, name)
            if path.is_symlink():
                continue
            size = path.stat().st_size
            total += size
            files += 1
            sizes[part_of(path.relative_to(bundle))] += size
    return BundleSize(total, files, sizes.most_common())


def report(bundle: Path, top: int = 15) -> list[str]:
    """Lines saying the total and the `top` largest parts."""
    size = measure(bundle)
    lines = [f"{bundle}: {size.total_mb:.1f} MB in {size.files} files; largest parts:"]
    for name, part_bytes in size.parts[:top]:
        lines.append(f"  {part_bytes / MB:7.1f} MB  {name}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", type=Path, default=DEFAULT_BUNDLE)
    parser.add_argument("--top", type=int, default=15, help="how many parts to list")
    parser.add_argument(
        "--limit-mb", type=float, help="exit with status 1 when the bundle is larger than this"
    )
    args = parser.parse_args(argv)
    if not args.bundle.is_dir():
        print(f"bundle_size: no bundle at {args.bundle}; run make bundle", file=sys.stderr)
        return 1
    print("\n".join(report(args.bundle, args.top)))
    if args.limit_mb is not None and measure(args.bundle).total_mb > args.limit_mb:
        print(f"bundle_size: larger than {args.limit_mb:g} MB", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
