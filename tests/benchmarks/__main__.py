"""`make bench`: one table of figures, each beside a baseline measured in the same run.

Each bench adds its rows; one that fails (a missing X server, a bundle not built) prints
a row saying why and the others still run. The targets of the issues close the table.
"""

from __future__ import annotations

import importlib
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from tests.benchmarks.timing import median_ms

Row = tuple[str, str, str, str]


def _rules_rows() -> list[Row]:
    """The rules over every application of the large database built by the rules."""
    from desktop.core.followups import reconcile
    from desktop.core.settings import RuleSettings
    from desktop.storage.followups import application_facts
    from tests.benchmarks.large_database import build_large_database

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        store = build_large_database(Path(tmp) / "large.sqlite3")
        build_s = time.perf_counter() - start
        with store.read() as s:
            facts = application_facts(s)
            # Baseline: reading the facts the rules need; the ratio is the rules' own cost.
            read_ms = median_ms(lambda: application_facts(s), repeat=3)
            rules_ms = median_ms(
                lambda: [reconcile(f, RuleSettings(), UTC) for f in facts], repeat=3
            )
        store.close()
    return [
        (f"build large database ({len(facts):,} applications)", f"{build_s:.1f} s", "", ""),
        ("read rule facts (baseline)", f"{read_ms:.1f} ms", "1.00", ""),
        ("reconcile every application", f"{rules_ms:.1f} ms", f"{rules_ms / read_ms:.2f}", ""),
    ]


def _module_bench(name: str) -> Callable[[], list[Row]]:
    def run() -> list[Row]:
        bench: Callable[[], list[Row]] = importlib.import_module(name).bench
        return bench()

    return run


def _bundle_rows() -> list[Row]:
    from tests.benchmarks.targets import bundle_rows

    return bundle_rows()


BENCHES: tuple[tuple[str, Callable[[], list[Row]]], ...] = (
    ("rules on the large database", _rules_rows),
    ("next-due, Today and search at 100k/50k", _module_bench("tests.benchmarks.bulk_bench")),
    ("proofreading", _module_bench("tests.benchmarks.proofread_bench")),
    ("composer", _module_bench("tests.benchmarks.composer_bench")),
    ("window start", _module_bench("tests.benchmarks.window_start")),
    ("board and progress", _module_bench("tests.benchmarks.board_bench")),
    ("cards", _module_bench("tests.benchmarks.card_bench")),
    ("tray", _module_bench("tests.benchmarks.tray_bench")),
    ("import", _module_bench("tests.benchmarks.import_bench")),
    ("due --json", _module_bench("tests.benchmarks.cli_bench")),
    ("bundle", _bundle_rows),
)


def run_bench(label: str, bench: Callable[[], list[Row]]) -> list[Row]:
    """The bench's rows, or one row saying why it could not measure."""
    start = time.perf_counter()
    try:
        rows = bench()
    except Exception as exc:
        traceback.print_exc(file=sys.stderr)
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:140]
        rows = [(f"{label}: not measured", "failed", "", reason)]
    print(f"  {label}: {time.perf_counter() - start:.0f} s", file=sys.stderr)
    return rows


def main() -> None:
    from tests.benchmarks.targets import summary

    print(f"make bench, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC", file=sys.stderr)
    rows: list[Row] = []
    for label, bench in BENCHES:
        rows.extend(run_bench(label, bench))
    width = max(len(r[0]) for r in rows)
    print(f"{'benchmark':<{width}}  {'value':>10}  {'ratio':>6}  note")
    for name, value, ratio, note in rows:
        print(f"{name:<{width}}  {value:>10}  {ratio:>6}  {note}")
    print()
    print("targets")
    print("\n".join(summary(rows)))
    print()
    try:
        from tests.benchmarks.bundle_bench import bundle_lines

        print("\n".join(bundle_lines()))
    except Exception as exc:  # the breakdown is a courtesy; the table is printed
        print(f"bundle breakdown: not available ({type(exc).__name__}: {exc})")


if __name__ == "__main__":
    main()
