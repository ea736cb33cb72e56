"""Timings of the window's services on a large database: search as you type, list pages.

Run: .venv/bin/python -m tests.benchmarks.job_search_bench
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert

from desktop.core.settings import RuleSettings
from desktop.storage.job_search import JobSearch
from desktop.storage.models import Contact
from tests.benchmarks.large_database import build_large_database
from tests.benchmarks.timing import median_ms

WORDS = [
    "clerkship",
    "litigation",
    "sailing",
    "architecture",
    "pottery",
    "marathon",
    "startup",
    "compiler",
    "museum",
    "orchestra",
    "chess",
    "bakery",
    "volunteering",
    "hiking",
    "mentoring",
    "research",
    "kayak",
    "robotics",
    "garden",
    "podcast",
    "origami",
    "cycling",
    "fintech",
    "ledger",
    "harbour",
    "lighthouse",
    "violin",
    "tennis",
    "astronomy",
]


def p95_ms(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def main() -> None:
    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        store = build_large_database(Path(tmp) / "large.sqlite3")
        build_s = time.perf_counter() - start
        js = JobSearch(store, RuleSettings(), UTC)
        js.clock = lambda: datetime(2026, 11, 22, 12, tzinfo=UTC)
        print(f"database built in {build_s:.1f} s")
        figures = {
            "count_contacts()": lambda: js.count_contacts(),
            "contacts(0, 200)": lambda: js.contacts(0, 200),
            "contacts(9_800, 200)": lambda: js.contacts(9_800, 200),
            "count_contacts('person 12')": lambda: js.count_contacts("person 12"),
            "contacts(text='person 12')": lambda: js.contacts(text="person 12"),
            "count_companies()": lambda: js.count_companies(),
            "companies(0, 200)": lambda: js.companies(0, 200),
            "count_applications()": lambda: js.count_applications(),
            "applications(0, 200)": lambda: js.applications(0, 200),
            "interviews(upcoming)": lambda: js.interviews(0, 200, upcoming=True),
            "today(now)": lambda: js.today(datetime(2026, 11, 22, 12, tzinfo=UTC)),
        }
        print(f"{js.count_contacts()} contacts, {js.count_applications()} applications")
        for label, fn in figures.items():
            print(f"  {label:32} {median_ms(fn):7.1f} ms")
        # 40,000 more people with notes, so the index holds over 50,000 noted entries.
        with store.write() as s:
            s.execute(
                insert(Contact),
                [
                    {
                        "name": f"Noted Person {i}",
                        "notes": " ".join(rng.choice(WORDS) for _ in range(12)),
                    }
                    for i in range(40_000)
                ],
            )
        samples = []
        for word in rng.sample(WORDS, 10):
            for n in range(1, len(word) + 1):  # typing it, one letter at a time
                t = time.perf_counter()
                js.search(word[:n])
                samples.append((time.perf_counter() - t) * 1000)
        print(
            f"search as you type over ~58,000 entries: {len(samples)} queries, "
            f"median {statistics.median(samples):.1f} ms, p95 {p95_ms(samples):.1f} ms"
        )
        store.close()


if __name__ == "__main__":
    main()
