"""Source files stay small, or say at their top why they are whole (ARCHITECTURE §9)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LIMIT = 400
REASON = "# Over 400 lines on purpose: "


def test_a_file_over_400_lines_says_why_at_its_top() -> None:
    unexplained = []
    for folder in ("desktop", "tests", "tools", "packaging"):
        for path in sorted((REPO / folder).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            if text.count("\n") > LIMIT and not text.startswith(REASON):
                unexplained.append(f"{path.relative_to(REPO)} ({text.count(chr(10))} lines)")
    assert not unexplained, (
        f"over {LIMIT} lines without a first line '{REASON}<why>.': split by responsibility "
        "or say why it stays whole: " + ", ".join(unexplained)
    )
