"""Process start to the Today view painted, on a large database, beside a bare Qt window."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASELINE = """
import sqlalchemy  # the baseline pays for SQLAlchemy too, as the issue asks
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
class Watcher(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False
watcher = Watcher()
window.installEventFilter(watcher)
window.resize(1100, 700)
window.show()
app.exec()
"""


def _once(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=120)
    return (time.perf_counter() - start) * 1000


def _paired(
    app: list[str], base: list[str], env: dict[str, str], runs: int = 9
) -> tuple[float, float]:
    """Medians of alternating runs, so a busy moment of the machine hits both sides."""
    _once(app, env), _once(base, env)  # warm the file cache
    app_ms, base_ms = [], []
    for _ in range(runs):
        app_ms.append(_once(app, env))
        base_ms.append(_once(base, env))
    return statistics.median(app_ms), statistics.median(base_ms)


def bench() -> list[tuple[str, str, str, str]]:
    from desktop.storage.followups import due_followups  # noqa: F401  (warm the import cache)
    from tests.benchmarks.large_database import build_large_database

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        store = build_large_database(data / "afterword.sqlite3", interviewers_per_interview=5)
        from sqlalchemy import func, select

        from desktop.storage.models import Application, Contact, FollowUp, Interview

        with store.read() as s:
            counts = [
                s.scalar(select(func.count()).select_from(m))
                for m in (Application, Contact, Interview, FollowUp)
            ]
        store.close()
        env = dict(
            os.environ,
            QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            AFTERWORD_QUIT_AFTER_PAINT="1",
        )
        # An installed app starts from compiled bytecode (the bundle ships it; pip writes it):
        # a shell that forbids writing it would charge every start for compiling the source.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        app_ms, base_ms = _paired(
            [sys.executable, "-m", "desktop", "--data-dir", str(data)],
            [sys.executable, "-c", BASELINE],
            env,
        )
    size = "{:,} applications, {:,} contacts, {:,} interviews, {:,} follow-ups".format(*counts)
    return [
        ("bare QMainWindow + SQLAlchemy (baseline)", f"{base_ms:.0f} ms", "1.00", ""),
        (
            "start to Today painted",
            f"{app_ms:.0f} ms",
            f"{app_ms / base_ms:.2f}",
            f"target <= 1.5 (issue 3); {size}",
        ),
    ]


if __name__ == "__main__":
    for row in bench():
        print(*row, sep="  ")
