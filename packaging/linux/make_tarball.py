"""Pack the Linux bundle as dist/afterword-<version>-linux-<machine>.tar.gz.

The archive unpacks to one folder, Afterword/, holding the bundle, the desktop entry,
the icons and install.sh (which puts Afterword in the user's applications menu).
"""

from __future__ import annotations

import platform
import sys
import tarfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def tarball_path(dist: Path) -> Path:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    machine = platform.machine().lower() or "unknown"
    return dist / f"{project['name']}-{project['version']}-linux-{machine}.tar.gz"


def make_tarball(bundle: Path, icons: Path, dist: Path) -> Path:
    """Write the tarball; a missing bundle or icon folder is an error naming the path."""
    for needed in (bundle / "Afterword", icons / "hicolor"):
        if not needed.exists():
            raise FileNotFoundError(f"{needed} is missing; run make bundle")
    target = tarball_path(dist)
    partial = target.with_name(target.name + ".partial")
    # Level 6: nearly the size of 9 at half the time on a 130 MB folder.
    with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname="Afterword")
        tar.add(HERE / "afterword.desktop", arcname="Afterword/afterword.desktop")
        tar.add(HERE / "install.sh", arcname="Afterword/install.sh")
        tar.add(icons / "hicolor", arcname="Afterword/icons/hicolor")
    partial.replace(target)
    return target


def main() -> int:
    dist = ROOT / "dist"
    try:
        target = make_tarball(dist / "Afterword", ROOT / "build" / "icons", dist)
    except FileNotFoundError as exc:
        print(f"make_tarball: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {target} ({target.stat().st_size / 1024 / 1024:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
