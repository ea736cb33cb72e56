"""Waking from sleep: the tray hears logind's PrepareForSleep(false) and looks at once.

The "system bus" is a private dbus-daemon of the test's own, named to the tray with
DBUS_SYSTEM_BUS_ADDRESS; a jeepney connection that owns org.freedesktop.login1 on it plays
logind. A sleep cannot be staged in a test, so its effect is: a reminder whose time has
passed while the tray's one timer waits for a later one (written with plain sqlite3, which
sends the tray no refresh). Only the hourly safety check would find it; waking must.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.platform.power import watch_for_wake
from tests.helpers.bus import (
    Logind,
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

WATCHING = "power: watching for wake from sleep"


@pytest.mark.system
def test_what_came_due_during_a_sleep_is_said_on_waking_in_one_summary(
    data_dir: Path,
    session_bus: SessionBus,
    system_bus: SessionBus,
    notifications: NotificationRecorder,
) -> None:
    now = datetime.now(UTC)
    import_document(data_dir, thank_you_document(now, [("Margaret Hale", timedelta(minutes=30))]))
    logind = Logind(system_bus)
    tray = start_tray(data_dir, session_bus.env(DBUS_SYSTEM_BUS_ADDRESS=system_bus.address))
    try:
        assert wait_for_log(data_dir, WATCHING), log_text(data_dir)
        # The first look is done; the timer waits 30 minutes for Margaret.
        assert wait_for_log(data_dir, "tray: first look"), log_text(data_dir)
        # While "asleep", two reminders came due.
        due = now + timedelta(hours=20)
        add_thank_you_behind_the_trays_back(data_dir, "Ann Lee", now - timedelta(minutes=3), due)
        add_thank_you_behind_the_trays_back(data_dir, "Tom Pierce", now - timedelta(minutes=1), due)
        time.sleep(2)
        assert notifications.received() == []  # the tray sleeps on: no polling
        logind.prepare_for_sleep(True)
        time.sleep(1)
        assert notifications.received() == []  # going to sleep says nothing
        logind.prepare_for_sleep(False)
        woke = time.monotonic()
        got = notifications.wait_for(1, timeout=10)
        heard_after = time.monotonic() - woke
        time.sleep(1.5)  # room for a wrong repeat or a burst
        got = notifications.received()
    finally:
        status, err = stop(tray)
        logind.close()
    assert status == 0, err
    assert [n["summary"] for n in got] == ["2 thank-you notes are due"]
    assert [line.split(" — ")[0] for line in got[0]["body"].splitlines()] == [
        "Thank Ann Lee (Hale & Pierce)",
        "Thank Tom Pierce (Hale & Pierce)",
    ]
    assert heard_after < 3, f"announced {heard_after:.1f} s after waking"
    text = log_text(data_dir)
    assert text.count("the computer woke from sleep") == 1
    assert "Traceback" not in text


@pytest.mark.system
def test_a_signal_from_anyone_but_logind_is_not_a_wake(
    data_dir: Path,
    session_bus: SessionBus,
    system_bus: SessionBus,
    notifications: NotificationRecorder,
) -> None:
    from jeepney import DBusAddress, new_signal
    from jeepney.io.blocking import open_dbus_connection

    now = datetime.now(UTC)
    import_document(data_dir, thank_you_document(now, [("Margaret Hale", timedelta(minutes=30))]))
    logind = Logind(system_bus)  # logind is there, but the signal comes from someone else
    tray = start_tray(data_dir, session_bus.env(DBUS_SYSTEM_BUS_ADDRESS=system_bus.address))
    stranger = open_dbus_connection(bus=system_bus.address)
    try:
        assert wait_for_log(data_dir, WATCHING), log_text(data_dir)
        time.sleep(1)
        due = now + timedelta(hours=20)
        add_thank_you_behind_the_trays_back(data_dir, "Ann Lee", now - timedelta(minutes=1), due)
        manager = DBusAddress("/org/freedesktop/login1", interface="org.freedesktop.login1.Manager")
        stranger.send(new_signal(manager, "PrepareForSleep", "b", (False,)))
        time.sleep(2)
        assert notifications.received() == []
        # The same signal from logind is heard: the watch was live all along.
        logind.prepare_for_sleep(False)
        got = notifications.wait_for(1, timeout=10)
    finally:
        status, err = stop(tray)
        stranger.close()
        logind.close()
    assert status == 0, err
    assert [n["summary"].split(" — ")[0] for n in got] == ["Thank Ann Lee (Hale & Pierce)"]


@pytest.mark.system
def test_without_a_system_bus_the_tray_says_so_once_at_debug_level_and_carries_on(
    data_dir: Path, session_bus: SessionBus, notifications: NotificationRecorder, tmp_path: Path
) -> None:
    now = datetime.now(UTC)
    import_document(data_dir, thank_you_document(now, [("Margaret Hale", -timedelta(minutes=1))]))
    nowhere = f"unix:path={tmp_path / 'no-system-bus'}"
    tray = start_tray(
        data_dir, session_bus.env(DBUS_SYSTEM_BUS_ADDRESS=nowhere), options=("--verbose",)
    )
    try:
        got = notifications.wait_for(1, timeout=15)
    finally:
        status, err = stop(tray)
    assert status == 0, err
    assert [n["summary"].split(" — ")[0] for n in got] == ["Thank Margaret Hale (Hale & Pierce)"]
    text = log_text(data_dir)
    said = [line for line in text.splitlines() if "not watching for wake from sleep" in line]
    assert len(said) == 1 and " DEBUG " in said[0], said
    assert WATCHING not in text
    assert "WARNING" not in text and "Traceback" not in text
    assert "QDBus" not in err  # no Qt warning about the missing bus either


@pytest.mark.parametrize("platform", ["darwin", "win32"])
def test_on_macos_and_windows_there_is_no_wake_watch_yet(
    monkeypatch: pytest.MonkeyPatch, platform: str
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    assert watch_for_wake(lambda: None) is None
