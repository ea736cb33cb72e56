"""`make bench`: one table of figures, each beside a baseline measured in the same run."""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from tests.benchmarks.timing import median_ms


def main() -> None:
    from sqlalchemy import func, select

    from desktop.core.followups import reconcile
    from desktop.core.settings import RuleSettings
    from desktop.storage.followups import application_facts, due_followups
    from desktop.storage.models import FollowUp
    from tests.benchmarks.large_database import build_large_database

    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        store = build_large_database(Path(tmp) / "large.sqlite3")
        build_s = time.perf_counter() - start
        now = datetime(2026, 11, 22, 12, tzinfo=UTC)
        with store.read() as s:
            total = s.scalar(select(func.count()).select_from(FollowUp))
            facts = application_facts(s)
            # Baseline: reading the facts the rules need; the ratio is the rules' own cost.
            read_ms = median_ms(lambda: application_facts(s), repeat=3)
            rules_ms = median_ms(
                lambda: [reconcile(f, RuleSettings(), UTC) for f in facts], repeat=3
            )
            count_ms = median_ms(lambda: s.scalar(select(func.count()).select_from(FollowUp)))
            due_ms = median_ms(lambda: due_followups(s, now))
            due_count = len(due_followups(s, now))
        store.close()
    rows.append((f"build large database ({total} follow-ups)", f"{build_s * 1000:.0f} ms", "", ""))
    rows.append(("read rule facts (baseline)", f"{read_ms:.1f} ms", "1.00", ""))
    rows.append(
        ("reconcile every application", f"{rules_ms:.1f} ms", f"{rules_ms / read_ms:.2f}", "")
    )
    rows.append(("count follow-ups (baseline)", f"{count_ms:.2f} ms", "1.00", ""))
    rows.append(
        (
            f"due query ({due_count} due)",
            f"{due_ms:.2f} ms",
            f"{due_ms / count_ms:.2f}",
            "target < 20 ms at 100k (issue 9)",
        )
    )
    from tests.benchmarks.proofread_bench import bench as proofread_bench

    rows.extend(proofread_bench())
    from tests.benchmarks.composer_bench import bench as composer_bench

    rows.extend(composer_bench())
    from tests.benchmarks.window_start import bench as window_bench

    rows.extend(window_bench())
    from tests.benchmarks.card_bench import bench as card_bench

    rows.extend(card_bench())
    from tests.benchmarks.tray_bench import bench as tray_bench

    rows.extend(tray_bench())
    width = max(len(r[0]) for r in rows)
    print(f"{'benchmark':<{width}}  {'time':>10}  {'ratio':>6}  note")
    for name, value, ratio, note in rows:
        print(f"{name:<{width}}  {value:>10}  {ratio:>6}  {note}")
    from tests.benchmarks.bundle_bench import bundle_lines

    print()
    print("\n".join(bundle_lines()))


if __name__ == "__main__":
    main()
