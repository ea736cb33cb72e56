"""The `make bench` table: a failing bench reports why, and every target gets a verdict."""

from __future__ import annotations

import sqlite3

from tests.benchmarks.__main__ import run_bench
from tests.benchmarks.bulk_database import build_bulk_database
from tests.benchmarks.targets import TARGETS, bundle_rows, summary


def test_a_bench_that_fails_prints_one_row_saying_why():
    def no_display() -> list[tuple[str, str, str, str]]:
        raise RuntimeError("Xvfb: cannot open display :99\n(is it installed?)")

    assert run_bench("tray", no_display) == [
        ("tray: not measured", "failed", "", "RuntimeError: Xvfb: cannot open display :99 (is it installed?)")
    ]  # fmt: skip


def test_every_target_is_met_missed_or_not_measured():
    rows = [
        ("next-due computation (tray: next_remind_at)", "0.15 ms", "27", ""),
        ("Today query (read_due_file, first 200)", "25.00 ms", "900", ""),
        ("search as you type, p95", "13.5 ms", "64.9", ""),
        ("tray: not measured", "failed", "", "RuntimeError: no display"),
    ]
    lines = summary(rows)
    assert len(lines) == len(TARGETS)
    verdict = {t.row: line for t, line in zip(TARGETS, lines, strict=True)}
    assert "  met  " in verdict["next-due computation"]
    assert "MISSED" in verdict["Today query"]
    assert "  met  " in verdict["search as you type, p95"]
    assert "NOT MEASURED" in verdict["tray RSS"]


def test_no_bundle_is_a_row_not_a_crash(tmp_path):
    assert bundle_rows(tmp_path) == [
        ("bundle size", "not built", "", f"no bundle in {tmp_path}; run make bundle")
    ]


def test_the_bulk_database_has_the_sizes_asked_for(tmp_path):
    db = build_bulk_database(tmp_path / "a.sqlite3", followups=1_000, notes=200)
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT count(*) FROM followups").fetchone()[0] == 1_000
        assert conn.execute("SELECT count(*) FROM search_index").fetchone()[0] == 200
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        open_due = conn.execute(
            "SELECT count(*) FROM followups WHERE status IN ('pending', 'drafted')"
        ).fetchone()[0]
        assert 0 < open_due < 1_000
    finally:
        conn.close()
