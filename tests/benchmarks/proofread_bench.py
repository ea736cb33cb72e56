"""Proofreading time for a 200-word note once the dictionary is loaded (issue 4: < 5 ms median)."""

from __future__ import annotations

import time
from dataclasses import replace

from desktop.core.proofread import count_words, proofread
from tests.benchmarks.timing import median_ms
from tests.helpers.notes import FORMAL, FORMAL_NOTE, SPELLING


def _note_of_200_words() -> str:
    filler = (
        "During the afternoon we also compared how the appellate group prepares a brief, "
        "who reviews each draft, and how junior associates present their research to partners. "
    )
    body = FORMAL_NOTE.replace("Sincerely,", filler * 6 + "\n\nSincerely,")
    words = body.split(" ")
    while count_words(" ".join(words)) > 200:
        words.pop(-3)
    return " ".join(words)


def bench() -> list[tuple[str, str, str, str]]:
    """Rows of (name, value, ratio, note) for the `make bench` table."""
    note = _note_of_200_words()
    others = (note.replace("Ms. Hale", "Mr. Bennett"), note.replace("Ms. Hale", "Dr. Chen"))
    start = time.perf_counter()
    SPELLING.load()
    load_ms = (time.perf_counter() - start) * 1000
    context = replace(FORMAL, channel="email", other_notes=others)
    without = replace(context, spell_checker=None, other_notes=())
    base_ms = median_ms(lambda: proofread(note, without), 201)
    full_ms = median_ms(lambda: proofread(note, context), 201)
    words = count_words(note)
    return [
        ("spell-check dictionary load (once)", f"{load_ms:.0f} ms", "", ""),
        (f"proofread {words}-word note, no spelling (baseline)", f"{base_ms:.2f} ms", "1.00", ""),
        (
            f"proofread {words}-word note, spelling + 2 other notes",
            f"{full_ms:.2f} ms",
            f"{full_ms / base_ms:.2f}",
            "target < 5 ms median (issue 4)",
        ),
    ]


if __name__ == "__main__":
    for row in bench():
        print(" | ".join(row))
