"""The files Afterword ships beside its code: icons, the British spelling list, the
built-in note templates (ARCHITECTURE §2).

They are package data (pyproject.toml), found with importlib.resources from this package,
so a source tree, an installed wheel and the PyInstaller bundle (which collects them under
the same package path, packaging/afterword.spec) find them the same way. Walking up from a
source file found them only in a source tree.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """The file or folder `parts` below desktop/resources, as a path on disk.

    A path, not a Traversable: Jinja2's loader, Qt and a notification's icon need a real
    file. pip and the bundle install Afterword unpacked, so it always is one.
    """
    path = files(__name__).joinpath(*parts)
    if not isinstance(path, Path):
        raise RuntimeError(f"Afterword's resources are not files on disk ({path!r})")
    return path
