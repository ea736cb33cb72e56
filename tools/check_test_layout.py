"""Check that tests/ keeps the layout tests/README.md describes; run by `make lint`.

A folder under tests/ is a layer of desktop/ or one of the named cross-layer suites, and
holds only test files: a helper left beside the tests is found by no one looking in
tests/helpers/, and a new folder nobody named is a layout nobody wrote down.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TESTS = REPO / "tests"
# Not tests: shared code, data, and the benchmarks (figures, run by `make bench`).
OTHER = {"helpers", "data", "benchmarks", "__pycache__"}
CROSS_LAYER = {"cli", "fuzz", "reliability", "privacy", "packaging"}
ALLOWED_FILES = {"__init__.py", "conftest.py"}
NOT_A_LAYER = "not a layer of desktop/ nor a suite named in tests/README.md"
NOT_A_TEST = "not a test; helpers and child programs go in tests/helpers/"


def problems() -> list[str]:
    layers = {p.name for p in (REPO / "desktop").iterdir() if (p / "__init__.py").is_file()}
    found = []
    for folder in sorted(p for p in TESTS.iterdir() if p.is_dir() and p.name not in OTHER):
        if folder.name not in layers | CROSS_LAYER:
            found.append(f"tests/{folder.name}/: {NOT_A_LAYER}")
        for path in sorted(folder.rglob("*")):
            if "__pycache__" in path.parts or path.is_dir():
                continue
            if path.name in ALLOWED_FILES or (
                path.name.startswith("test_") and path.suffix == ".py"
            ):
                continue
            found.append(f"{path.relative_to(REPO)}: {NOT_A_TEST}")
    return found


def main() -> int:
    found = problems()
    for line in found:
        print(line, file=sys.stderr)
    if not found:
        print("tests/ layout: ok")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
