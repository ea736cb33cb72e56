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
from tests.helpers.bus import (
    NotificationRecorder,
    SessionBus,
    log_text,
    start_tray,
    stop,
    wait_for_log,
)
from tests.helpers.tray_helpers import (
    add_thank_you_behind_the_trays_back,
    import_document,
    thank_you_document,
)

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
        # Through desktop-notifier: the buttons, the app's icon and desktop entry, and an
        # expiry of ten seconds (not yet overdue: normal urgency).
        assert got[0]["actions"] == [
            "default", "", "write", "Write note", "sent", "Mark sent", "snooze", "Snooze 1 hour"
        ]  # fmt: skip
        assert got[0]["icon"] == (REPO / "desktop/resources/icons/afterword.svg").as_uri()
        assert (got[0]["desktop_entry"], got[0]["urgency"], got[0]["timeout"]) == (
            "afterword",
            1,
            10_000,
        )
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
    assert [backend for _, backend in logged] == ["desktop", "desktop"]
    assert "Traceback" not in log_text(data_dir)


def test_a_reminder_no_service_took_is_not_recorded_and_is_said_once_one_is_there(
    data_dir: Path, tmp_path: Path
) -> None:
    now = datetime.now(UTC)
    import_document(
        data_dir,
        thank_you_document(
            now, [("Margaret Hale", -timedelta(minutes=5)), ("Ann Lee", -timedelta(minutes=1))]
        ),
    )
    # The notification service is only activatable, and its start fails (as when the
    # daemon crashes at login); there is no tray either (offscreen).
    services = tmp_path / "services"
    services.mkdir()
    (services / "notifications.service").write_text(
        "[D-BUS Service]\nName=org.freedesktop.Notifications\nExec=/bin/false\n"
    )
    bus = SessionBus(services)
    tray = start_tray(data_dir, bus.env())
    recorder = None
    try:
        assert wait_for_log(data_dir, "not confirmed shown"), log_text(data_dir)
        conn = sqlite3.connect(data_dir / "afterword.sqlite3")
        assert conn.execute("SELECT count(*) FROM notification_log").fetchone() == (0,)
        conn.close()
        # A notification service comes; the next look (here: a second start, which asks
        # the running tray to look again) says both, once.
        recorder = NotificationRecorder(bus, tmp_path / "notifications.jsonl")
        told = subprocess.run(
            [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "tray"],
            env=bus.env(), cwd=REPO, capture_output=True, timeout=20,
        )  # fmt: skip
        assert told.returncode == 0
        got = recorder.wait_for(1, timeout=10)
        time.sleep(1)  # room for a wrong repeat
        got = recorder.received()
    finally:
        status, err = stop(tray)
        if recorder is not None:
            recorder.close()
        bus.close()
    assert status == 0, err
    assert [n["summary"] for n in got] == ["2 thank-you notes are due"]
    # Not yet overdue: normal urgency and ten seconds; a summary has only its click.
    assert (got[0]["urgency"], got[0]["timeout"], got[0]["actions"]) == (1, 10_000, ["default", ""])
    text = log_text(data_dir)
    # Each backend's failure said once, though each was tried again.
    assert text.count("desktop backend failed") == 1
    assert text.count("system backend failed") == 1
    assert text.count("tray backend failed") == 1
    assert "the desktop backend works again" in text
    assert "announced (1, 2) via desktop" in text
    conn = sqlite3.connect(data_dir / "afterword.sqlite3")
    logged = conn.execute("SELECT followup_id, backend FROM notification_log ORDER BY id")
    assert logged.fetchall() == [(1, "desktop"), (2, "desktop")]
    conn.close()


def test_a_change_signalled_over_the_socket_is_announced_at_once(
    data_dir: Path, session_bus: SessionBus, notifications: NotificationRecorder
) -> None:
    now = datetime.now(UTC)
    import_document(data_dir, thank_you_document(now, [("Margaret Hale", timedelta(hours=1))]))
    env = session_bus.env()
    tray = start_tray(data_dir, env)
    try:
        assert wait_for_log(data_dir, "tray: first look"), log_text(data_dir)
        # Another process adds a follow-up whose reminder has already come, without a
        # word to the tray (plain sqlite3) …
        add_thank_you_behind_the_trays_back(
            data_dir, "Ann Lee", now - timedelta(minutes=1), now + timedelta(hours=20)
        )
        time.sleep(2)
        assert notifications.received() == []  # … the idle tray does not poll for it;
        # … until it is told, as the window and every writing command tell it.
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


def test_a_follow_up_imported_while_the_tray_runs_is_announced_at_its_remind_time(
    data_dir: Path, session_bus: SessionBus, notifications: NotificationRecorder
) -> None:
    now = datetime.now(UTC)
    import_document(data_dir, thank_you_document(now, [("Margaret Hale", timedelta(hours=1))]))
    tray = start_tray(data_dir, session_bus.env())
    try:
        # Its first look is done: asleep until Margaret, an hour away.
        assert wait_for_log(data_dir, "tray: first look"), log_text(data_dir)
        # `afterword import` of a thank-you whose reminder comes in a few seconds: the
        # command tells the running tray, which wakes for it rather than at its hourly check.
        remind_at = datetime.now(UTC) + timedelta(seconds=8)
        document = thank_you_document(now, [("Ann Lee", remind_at - now)])
        import_document(data_dir, document, quiet=("00:00", "00:00"))
        got = notifications.wait_for(1, timeout=15)
        heard = datetime.now(UTC)
    finally:
        status, err = stop(tray)
    assert status == 0, err
    assert [n["summary"].split(" — ")[0] for n in got] == ["Thank Ann Lee (Hale & Pierce)"]
    assert remind_at <= heard < remind_at + timedelta(seconds=5)


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
