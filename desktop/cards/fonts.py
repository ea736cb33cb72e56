"""The card fonts: OFL families shipped as `fontpkg-*` packages, loaded into Qt once."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path

from desktop.cards.errors import CardError


@dataclass(frozen=True)
class CardFont:
    """One family the cards can be written in."""

    family: str
    package: str  # the import name; the PyPI name is the same with dashes
    handwriting: bool
    scale: float  # size relative to a typical hand, so every family reads about as large


FONTS: dict[str, CardFont] = {
    f.family.lower(): f
    for f in (
        CardFont("Caveat", "fontpkg_caveat", True, 1.18),
        CardFont("Kalam", "fontpkg_kalam", True, 0.92),
        CardFont("Indie Flower", "fontpkg_indie_flower", True, 0.98),
        CardFont("Dancing Script", "fontpkg_dancing_script", True, 1.08),
        CardFont("Shadows Into Light", "fontpkg_shadows_into_light", True, 1.02),
        CardFont("EB Garamond", "fontpkg_eb_garamond", False, 0.98),
        CardFont("Libre Baskerville", "fontpkg_libre_baskerville", False, 0.82),
    )
}
DEFAULT_FONT = "Caveat"
_loaded: dict[str, str] = {}


def card_font(name: str) -> CardFont:
    """The font called `name` (any case); a CardError listing the choices if unknown."""
    font = FONTS.get(name.strip().lower())
    if font is None:
        choices = ", ".join(f.family for f in FONTS.values())
        raise CardError(f"unknown card font {name!r}; choose one of: {choices}")
    return font


def font_file(font: CardFont) -> Path:
    """The regular upright file of a family, from its installed package."""
    spec = importlib.util.find_spec(font.package)
    pypi = font.package.replace("_", "-")
    if spec is None or spec.origin is None:
        raise CardError(
            f"the font {font.family!r} is not installed (install the Python package {pypi})"
        )
    root = Path(spec.origin).parent
    try:
        meta = json.loads((root / "metadata.json").read_text(encoding="utf-8"))
        files = [f for f in meta["files"] if f.get("style") == "normal"]
    except (OSError, ValueError, KeyError) as exc:
        raise CardError(f"the font {font.family!r} in {root} is damaged: {exc}") from exc
    # Prefer the regular weight (400) or a variable file; Kalam also ships Light and Bold.
    files.sort(key=lambda f: abs((f.get("weight") or 400) - 400))
    for entry in files:
        path: Path = root / entry["path"]
        if path.is_file():
            return path
    raise CardError(f"the font {font.family!r} has no regular font file in {root} ({pypi})")


def load_font(name: str) -> str:
    """Register a family with Qt (once per process) and return its Qt family name."""
    font = card_font(name)
    if font.family in _loaded:
        return _loaded[font.family]
    from PySide6.QtGui import QFontDatabase

    path = font_file(font)
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise CardError(f"Qt could not load the font {font.family!r} from {path}")
    family = font.family if font.family in families else families[0]
    _loaded[font.family] = family
    return family
