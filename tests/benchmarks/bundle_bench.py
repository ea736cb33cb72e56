"""`make bench`: the size of the PyInstaller bundle (issue 8 target: Linux under 130 MB)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET_MB = 130


def bundle_lines(dist: Path = ROOT / "dist") -> list[str]:
    """The bundle's total and its 15 largest parts, or how to make the bundle."""
    bundle = dist / "Afterword.app" if (dist / "Afterword.app").is_dir() else dist / "Afterword"
    if not bundle.is_dir():
        return [f"bundle size: no bundle in {dist}; run make bundle"]
    # packaging/ is not an importable package (the name belongs to PyPI's `packaging`).
    spec = importlib.util.spec_from_file_location(
        "afterword_bundle_size", ROOT / "packaging" / "bundle_size.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    total = module.measure(bundle).total_mb
    verdict = "under" if total < TARGET_MB else "OVER"
    return [
        f"bundle size: {total:.1f} MB ({verdict} the {TARGET_MB} MB target)",
        *module.report(bundle, top=15),
    ]
