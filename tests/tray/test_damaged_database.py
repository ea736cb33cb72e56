"""The tray checks the database as the command line does (issue 14): on a damaged file it
writes nothing, and tells the user once, where it used to log "not ready" and go quiet."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.helpers.bus import NotificationRecorder, SessionBus, start_tray, stop

pytestmark = pytest.mark.system


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_truncated_database_is_told_once_and_never_written(
    afterword, data_dir: Path, session_bus: SessionBus, notifications: NotificationRecorder
) -> None:
    assert afterword("--data-dir", str(data_dir), "demo").returncode == 0
    db = data_dir / "afterword.sqlite3"
    whole = db.read_bytes()
    db.write_bytes(whole[: len(whole) // 3])
    before = _digest(db)
    env = session_bus.env()
    tray = start_tray(data_dir, env)
    try:
        got = notifications.wait_for(1, timeout=20)
        assert [n["summary"] for n in got] == ["Afterword cannot use its data"]
        assert "damaged" in got[0]["body"] and "restore" in got[0]["body"]
        # Asked to look again (a second start does that): still damaged, not said again.
        subprocess.run(
            [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "tray"],
            env=env, cwd=REPO, capture_output=True, timeout=20, check=True,
        )  # fmt: skip
        time.sleep(1.5)  # room for a wrong repeat to arrive
        assert len(notifications.received()) == 1
    finally:
        status, err = stop(tray)
    assert status == 0, err
    assert _digest(db) == before
    assert (
        not db.with_name(db.name + "-wal").exists()
        or db.with_name(db.name + "-wal").stat().st_size == 0
    )
