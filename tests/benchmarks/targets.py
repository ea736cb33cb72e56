"""The targets the issues set, checked against the rows of the `make bench` table."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

Row = tuple[str, str, str, str]
ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Target:
    row: str  # the start of the row's name
    goal: str
    met: Callable[[float, float | None], bool]  # (value, ratio) -> met
    source: str


TARGETS = (
    Target("start to Today painted", "<= 1.5 x bare window", lambda v, r: r is not None and r <= 1.5, "issue 3"),
    Target("next-due computation", "< 20 ms at 100k follow-ups", lambda v, r: v < 20, "issue 9"),
    Target("Today query", "< 20 ms at 100k follow-ups", lambda v, r: v < 20, "issue 9"),
    Target("search as you type, p95", "< 30 ms at 50k notes", lambda v, r: v < 30, "issue 9"),
    Target("proofread 200-word note, spelling", "< 5 ms median", lambda v, r: v < 5, "issue 4"),
    Target("composer check", "< 5 ms median", lambda v, r: v < 5, "issue 4"),
    Target("longest window pause while the dictionary", "< 100 ms", lambda v, r: v < 100, "issue 4"),
    Target("100 A2 cards, render_cards", "<= 2 x bare QPdfWriter", lambda v, r: r is not None and r <= 2, "issue 5"),
    Target("tray RSS", "<= 1.6 x bare tray icon", lambda v, r: r is not None and r <= 1.6, "issue 6"),
    Target("tray CPU per idle minute", "< 0.1 s", lambda v, r: v < 0.1, "issue 6"),
    Target("tray timer wake-ups while idle", "0", lambda v, r: v == 0, "issue 6"),
    Target("bundle size", "< 130 MB (Linux)", lambda v, r: v < 130, "issue 8"),
    Target("import invite dry run, 5,000 guests", "< 5 s", lambda v, r: v < 5, "issue 13"),
    Target("import invite dry run, 5,000 guests", "linear: ratio to 2,500 <= 2.5", lambda v, r: r is not None and r <= 2.5, "issue 13"),
    Target("board open to first paint", "<= 150 ms at 2,000 applications", lambda v, r: v <= 150, "issue 17"),
    Target("board scroll step, p95", "<= 16 ms", lambda v, r: v <= 16, "issue 17"),
    Target("Progress figures", "<= 100 ms on the large database", lambda v, r: v <= 100, "issue 17"),
    Target("due --json", "< 2 x import sqlalchemy", lambda v, r: r is not None and r < 2, "issue 18"),
    Target("import contacts CSV, 10,000 rows", "linear: ratio to 5,000 <= 2.5", lambda v, r: r is not None and r <= 2.5, "issue 13"),
)  # fmt: skip


def _number(text: str) -> float | None:
    try:
        return float(text.split()[0].replace(",", ""))
    except (IndexError, ValueError):
        return None


def summary(rows: list[Row]) -> list[str]:
    """One line per target: what was measured and whether it was met."""
    lines = []
    width = max(len(t.row) for t in TARGETS)
    for target in TARGETS:
        row = next((r for r in rows if r[0].startswith(target.row)), None)
        value = None if row is None else _number(row[1])
        if row is None or value is None:
            shown, verdict = "not measured", "NOT MEASURED"
            if row is not None:
                shown = f"{row[1]} {row[3]}"[:60]
        else:
            ratio = _number(row[2])
            shown = row[1] + (f" ({row[2]} x)" if ratio is not None else "")
            verdict = "met" if target.met(value, ratio) else "MISSED"
        lines.append(
            f"{target.row:<{width}}  {target.goal:<27} {shown:>20}  {verdict}  ({target.source})"
        )
    return lines


def _size_mb(path: Path) -> float:
    total = 0
    for folder, _dirs, files in os.walk(path):
        for name in files:
            file = Path(folder) / name
            if not file.is_symlink():
                total += file.stat().st_size
    return total / (1024 * 1024)  # MB as packaging/bundle_size.py counts them


def bundle_rows(dist: Path = ROOT / "dist") -> list[Row]:
    """The bundle's size beside the PySide6 it carries (what any PySide6 app ships)."""
    bundle = dist / "Afterword.app" if (dist / "Afterword.app").is_dir() else dist / "Afterword"
    if not bundle.is_dir():
        return [("bundle size", "not built", "", f"no bundle in {dist}; run make bundle")]
    qt = next(bundle.rglob("PySide6"), None)
    total = _size_mb(bundle)
    if qt is None:
        return [("bundle size", f"{total:.1f} MB", "", "target < 130 MB (issue 8)")]
    base = _size_mb(qt)
    return [
        ("PySide6 inside the bundle (baseline)", f"{base:.1f} MB", "1.00", ""),
        ("bundle size", f"{total:.1f} MB", f"{total / base:.2f}", "target < 130 MB (issue 8)"),
    ]
