"""The real `afterword tray` process on a real session bus: each reminder shown exactly once."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import REPO
from tests.tray.bus import NotificationRecorder, SessionBus, log_text, start_tray, stop
from tests.tray.helpers import import_document, thank_you_document

pytestmark = pytest.mark.system
NY = ZoneInfo("America/New_York")  # tests/conftest.py sets TZ, and the tray inherits it


def expected_title(name: str, due_at: datetime) -> str:
    local = due_at.astimezone(NY)
    day = "today" if local.date() == datetime.now(NY).date() else "tomorrow"
    return f"Thank {name} (Hale & Pierce) — due by {local:%H:%M} {day}"


def test_each_reminder_is_shown_once_across_restarts(
    data_dir: Path, session_bus: SessionBus, notifications: NotificationRecorder, tmp_path: Path
) -> None:
    now = datetime.now(UTC)
    due_in = timedelta(hours=20)
    import_document(
        data_dir,
        thank_you_document(
            now,
            [("Margaret Hale", timedelta(seconds=5)), ("Tom Pierce", timedelta(seconds=13))],
            due_in,
        ),
    )
    env = session_bus.env()
    tray = start_tray(data_dir, env, stats=tmp_path / "stats.json")
    try:
        got = notifications.wait_for(1, timeout=15)
        assert [n["summary"] for n in got] == [expected_title("Margaret Hale", now + due_in)]
        assert got[0]["app"] == "Afterword"
        assert got[0]["body"] == "Associate at Hale & Pierce · handwritten card"
        # A second start tells the first one to look again, and leaves.
        second = subprocess.run(
            [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "tray"],
            env=env,
            cwd=REPO,
            capture_output=True,
            timeout=20,
        )
        assert second.returncode == 0
    finally:
        status, err = stop(tray)
    assert status == 0, err
    # It slept between the reminder and the stop: the timer fired for the reminder only.
    stats = json.loads((tmp_path / "stats.json").read_text())
    assert stats["wakeups"] <= 2

    # A restart does not repeat Margaret's reminder; Tom's, due after it, comes once.
    tray = start_tray(data_dir, env)
    try:
        got = notifications.wait_for(2, timeout=20)
        time.sleep(1.5)  # room for a wrong repeat to arrive
        got = notifications.received()
    finally:
        status, err = stop(tray)
    assert status == 0, err
    assert [n["summary"] for n in got] == [
        expected_title("Margaret Hale", now + due_in),
        expected_title("Tom Pierce", now + due_in),
    ]
    conn = sqlite3.connect(data_dir / "afterword.sqlite3")
    logged = conn.execute(
        "SELECT followup_id, backend FROM notification_log ORDER BY id"
    ).fetchall()
    assert [backend for _, backend in logged] == ["system", "system"]
    assert "Traceback" not in log_text(data_dir)


def test_without_a_notification_service_the_tray_falls_back_and_says_so_once(
    data_dir: Path, session_bus: SessionBus
) -> None:
    now = datetime.now(UTC)
    import_document(
        data_dir,
        thank_you_document(
            now, [("Margaret Hale", -timedelta(minutes=5)), ("Ann Lee", -timedelta(minutes=1))]
        ),
    )
    # A bus, but nothing owns org.freedesktop.Notifications, and no tray (offscreen).
    tray = start_tray(data_dir, session_bus.env())
    deadline = time.monotonic() + 15
    while "announced" not in log_text(data_dir) and time.monotonic() < deadline:
        time.sleep(0.1)
    status, err = stop(tray)
    assert status == 0, err
    text = log_text(data_dir)
    assert text.count("system backend failed") == 1
    assert text.count("tray backend failed") == 1
    assert "announced (1, 2) via list" in text  # two missed reminders, one summary


def test_a_change_signalled_over_the_socket_is_announced_at_once(
    data_dir: Path, session_bus: SessionBus, notifications: NotificationRecorder
) -> None:
    now = datetime.now(UTC)
    import_document(data_dir, thank_you_document(now, [("Margaret Hale", timedelta(hours=1))]))
    env = session_bus.env()
    tray = start_tray(data_dir, env)
    try:
        deadline = time.monotonic() + 15
        while "tray starting" not in log_text(data_dir) and time.monotonic() < deadline:
            time.sleep(0.1)
        # Another process adds a follow-up whose reminder has already come …
        import_document(data_dir, thank_you_document(now, [("Ann Lee", -timedelta(minutes=1))]))
        time.sleep(2)
        assert notifications.received() == []  # … the idle tray does not poll for it;
        # … until it is told, as the window tells it after every save.
        told = subprocess.run(
            [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "tray"],
            env=env,
            cwd=REPO,
            capture_output=True,
            timeout=20,
        )
        assert told.returncode == 0
        got = notifications.wait_for(1, timeout=5)
    finally:
        status, err = stop(tray)
    assert status == 0, err
    assert [n["summary"].split(" — ")[0] for n in got] == ["Thank Ann Lee (Hale & Pierce)"]


def test_inside_quiet_hours_the_tray_says_nothing_until_they_end(
    data_dir: Path, session_bus: SessionBus, notifications: NotificationRecorder
) -> None:
    now = datetime.now(UTC)
    local = now.astimezone(NY)
    quiet = (
        (local - timedelta(hours=1)).strftime("%H:%M"),
        (local + timedelta(hours=1)).strftime("%H:%M"),
    )
    import_document(
        data_dir, thank_you_document(now, [("Margaret Hale", -timedelta(minutes=5))]), quiet=quiet
    )
    tray = start_tray(data_dir, session_bus.env())
    try:
        deadline = time.monotonic() + 15
        while "wait until" not in log_text(data_dir) and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1)
    finally:
        status, err = stop(tray)
    assert status == 0, err
    assert notifications.received() == []
    end = (local + timedelta(hours=1)).replace(second=0, microsecond=0)
    assert f"1 reminder(s) wait until {end}" in log_text(data_dir)  # the end of quiet hours
