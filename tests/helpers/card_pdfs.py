"""A card note, and a card PDF read back as text and page sizes with poppler: shared by the
card tests (tests/cards) and the preview's (tests/ui/test_card_preview.py)."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

from tests.conftest import require_tool

SHORT = (
    "Dear Ms. Hale,\nThank you for taking the time to meet with me on Thursday. "
    "I enjoyed hearing your clerkship story, and I left even more excited about the "
    "associate role at Hale & Pierce.\nI look forward to hearing about next steps."
)
SIGNATURE = "With thanks,\nJane Doe"


def run(tool: str, *args: str) -> str:
    path = require_tool(tool)
    return subprocess.run([path, *args], capture_output=True, text=True, check=True).stdout


def words(text: str) -> list[str]:
    return unicodedata.normalize("NFKC", text).split()


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    out = run("pdfinfo", "-f", "1", "-l", "999", str(pdf))
    found = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", out)
    return [(float(w), float(h)) for w, h in found]
