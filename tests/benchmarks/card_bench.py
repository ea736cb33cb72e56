"""100 A2 cards to one PDF, against a bare QPdfWriter loop writing the same text (issue 5: ≤ 2×)."""  # noqa: RUF002

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

NOTES = 100
RUNS = 5
TEXT = (
    "Dear {name},\nThank you for taking the time to meet with me on Thursday. I enjoyed "
    "hearing your clerkship story, and I left even more excited about the associate role at "
    "Hale & Pierce.\nI look forward to hearing about next steps."
)
PEOPLE = ["Ms. Hale", "Mr. Pierce", "Dr. Ruiz", "Ms. Chen", "Mr. Okafor"]


def _notes() -> list[object]:
    from desktop.cards import CardNote

    return [
        CardNote(TEXT.format(name=PEOPLE[i % 5]) + f" ({i})", PEOPLE[i % 5], "With thanks,\nJane")
        for i in range(NOTES)
    ]


def _ours(out: Path, notes: list[object]) -> float:
    from desktop.cards import render_cards

    start = time.perf_counter()
    report = render_cards(notes, out, size="a2")  # type: ignore[arg-type]
    elapsed = time.perf_counter() - start
    assert report.pages == len(notes)
    return elapsed


def _bare(out: Path, notes: list[object], size_pt: float) -> float:
    """What any program would do: one page per card, the text word-wrapped in one call."""
    from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

    from desktop.cards.fonts import load_font
    from desktop.cards.layouts import CARDS

    layout = CARDS["a2"]
    start = time.perf_counter()
    writer = QPdfWriter(str(out))
    writer.setResolution(1200)
    page = QPageSize(QSizeF(layout.page_width, layout.page_height), QPageSize.Unit.Point)
    writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF()))
    font = QFont(load_font("Caveat"))
    font.setPointSizeF(size_pt)
    painter = QPainter(writer)
    painter.setFont(font)
    unit = 1200 / 72
    box = QRectF(
        22 * unit, 22 * unit, (layout.page_width - 44) * unit, (layout.page_height - 44) * unit
    )
    for index, note in enumerate(notes):
        if index:
            writer.newPage()
        text = f"{note.text}\n\n{note.signature}"  # type: ignore[attr-defined]
        painter.drawText(box, int(Qt.TextFlag.TextWordWrap), text)
    painter.end()
    del writer
    return time.perf_counter() - start


def bench() -> list[tuple[str, str, str, str]]:
    """Rows of (name, value, ratio, note) for the `make bench` table."""
    from desktop.cards import check_fit
    from desktop.cards.render import _ensure_app

    _ensure_app()
    notes = _notes()
    size_pt = check_fit(notes[0].text).font_pt  # type: ignore[attr-defined]
    ours, bare = [], []
    with tempfile.TemporaryDirectory() as tmp:
        _ours(Path(tmp) / "warm.pdf", notes[:2])  # fonts loaded once, outside the timing
        _bare(Path(tmp) / "warm-bare.pdf", notes[:2], size_pt)
        for run in range(RUNS):  # paired: each run times both, alternating which goes first
            mine, plain = Path(tmp) / f"ours{run}.pdf", Path(tmp) / f"bare{run}.pdf"
            if run % 2:
                bare.append(_bare(plain, notes, size_pt))
                ours.append(_ours(mine, notes))
            else:
                ours.append(_ours(mine, notes))
                bare.append(_bare(plain, notes, size_pt))
    ours_ms, bare_ms = statistics.median(ours) * 1000, statistics.median(bare) * 1000
    ratio = statistics.median(o / b for o, b in zip(ours, bare, strict=True))
    return [
        (f"{NOTES} A2 cards, bare QPdfWriter loop (baseline)", f"{bare_ms:.0f} ms", "1.00", ""),
        (
            f"{NOTES} A2 cards, render_cards (fit + hand)",
            f"{ours_ms:.0f} ms",
            f"{ratio:.2f}",
            "target ≤ 2× baseline (issue 5)",  # noqa: RUF001
        ),
    ]


if __name__ == "__main__":
    for row in bench():
        print(" | ".join(row))
