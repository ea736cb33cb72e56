"""What must and must not be inside the bundle (keyrings.alt, test tools, unused Qt)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Top-level modules and distributions that must never ship (ARCHITECTURE §6: a bundled
# keyrings.alt would become the default keyring and store the SMTP password in plain text).
FORBIDDEN_MODULES = frozenset(
    {"keyrings", "pytest", "_pytest", "pytestqt", "hypothesis", "aiosmtpd", "tkinter"}
)
FORBIDDEN_DISTRIBUTIONS = ("keyrings.alt", "pytest", "pytest_qt", "hypothesis", "aiosmtpd")
# Qt libraries the app does not use (the spec leaves them out; their return would add MBs).
UNUSED_QT = re.compile(
    r"qt6?(qml|quick|pdf|webengine|multimedia|3d|designer|virtualkeyboard|sql|test)", re.IGNORECASE
)


def bundled_modules(executable: Path) -> set[str]:
    """The top-level names of the Python modules archived inside the executable."""
    try:
        from PyInstaller.archive.readers import CArchiveReader
    except ImportError:
        return set()
    archive = CArchiveReader(str(executable))
    names: set[str] = set()
    for name in archive.toc:
        if name.endswith(".pyz") or name == "PYZ.pyz" or name.startswith("PYZ"):
            pyz = archive.open_embedded_archive(name)
            names.update(module.split(".")[0] for module in pyz.toc)
    return names


def forbidden_parts(bundle: Path, modules: Iterable[str]) -> list[str]:
    """Paths and archived modules of the bundle that must not ship."""
    found = sorted(f"module {name}" for name in set(modules) & FORBIDDEN_MODULES)
    for path in bundle.rglob("*"):
        if _forbidden(path):
            found.append(str(path.relative_to(bundle)))
    return found


def _forbidden(path: Path) -> bool:
    lowered = path.name.lower().replace("-", "_")
    is_module = path.is_dir() and path.name in FORBIDDEN_MODULES
    is_distribution = lowered.endswith(".dist_info") and any(
        lowered.startswith(dist.replace("-", "_") + "_") for dist in FORBIDDEN_DISTRIBUTIONS
    )
    return is_module or is_distribution or bool(UNUSED_QT.search(path.name))


def required_parts(bundle: Path) -> list[str]:
    """Data the app reads from the bundle at run time, as glob patterns under the bundle."""
    parts = [
        "**/desktop/resources/icons/afterword.svg",
        "**/desktop/storage/migrations/env.py",
        "**/desktop/storage/migrations/versions/0001_initial.py",
        "**/spellchecker/resources/en.json.gz",
        "**/fontpkg_caveat/metadata.json",
        "**/fontpkg_eb_garamond/metadata.json",
    ]
    parts += [
        f"**/{path.relative_to(ROOT).as_posix()}"
        for path in (ROOT / "desktop" / "resources" / "templates").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    ]
    return [pattern for pattern in parts if next(bundle.glob(pattern), None) is None]
