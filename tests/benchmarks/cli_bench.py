"""`afterword due --json` on a long backlog (issue 18): 14,000 follow-ups due at once,
beside a bare `python -c "import sqlalchemy"` process measured in the same run.

The command reads through plain sqlite3 (storage/due_query) and never imports SQLAlchemy;
the baseline is what any command that did would pay before doing anything.

.venv/bin/python -m tests.benchmarks.cli_bench
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from tests.benchmarks.bulk_database import build_bulk_database
from tests.benchmarks.window_start import _paired

Row = tuple[str, str, str, str]
NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


def bench() -> list[Row]:
    """Rows of (name, value, ratio, note) for the `make bench` table."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        # A 13% backlog of never-answered follow-ups leaves ~14,000 due at NOW.
        build_bulk_database(data / "afterword.sqlite3", notes=20_000, backlog=0.13, now=NOW)
        env = {**os.environ, "AFTERWORD_DATA_DIR": str(data)}
        due = [sys.executable, "-m", "desktop", "due", "--json", "--at", NOW.isoformat()]
        listed = json.loads(subprocess.run(due, env=env, check=True, capture_output=True).stdout)
        base = [sys.executable, "-c", "import sqlalchemy"]
        due_ms, base_ms = _paired(due, base, env, runs=7)
    return [
        ("python -c 'import sqlalchemy' (baseline)", f"{base_ms:.0f} ms", "1.00", ""),
        (
            f"due --json, {len(listed):,} due",
            f"{due_ms:.0f} ms",
            f"{due_ms / base_ms:.2f}",
            "target < 2 x import sqlalchemy (issue 18); before: 2.85 s, 4.2 x",
        ),
    ]


if __name__ == "__main__":
    for row in bench():
        print(" | ".join(row))
