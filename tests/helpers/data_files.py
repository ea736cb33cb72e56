"""Where the test data lives (tests/data; what each file is modelled on is said at its top)."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
# The JSON backup of ARCHITECTURE §5: a small job search in the document format.
SAMPLE = DATA / "sample.json"
