"""Under a real X server with the trayer host: the icon docks and its menu lists what is due."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.helpers.bus import SessionBus
from tests.helpers.display import TrayDisplay
from tests.helpers.tray_helpers import import_document, thank_you_document

pytestmark = pytest.mark.system
CHECK = REPO / "tests" / "helpers" / "tray_menu_check.py"


@pytest.fixture
def tray_display(session_bus: SessionBus) -> Iterator[TrayDisplay]:
    display = TrayDisplay()
    display.start_tray_host(session_bus.env())
    yield display
    display.close()


def test_icon_docks_in_the_tray_and_the_menu_lists_the_due_follow_up(
    data_dir: Path, tmp_path: Path, session_bus: SessionBus, tray_display: TrayDisplay
) -> None:
    now = datetime.now(UTC)
    import_document(
        data_dir,
        thank_you_document(
            now, [("Margaret Hale", -timedelta(minutes=30)), ("Tom Pierce", timedelta(hours=3))]
        ),
    )
    shot = tmp_path / "tray-menu.png"
    done = subprocess.run(
        [sys.executable, str(CHECK), str(data_dir), str(shot)],
        capture_output=True,
        text=True,
        env=tray_display.env(session_bus.env()),
        cwd=REPO,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["available"] is True
    _x, _y, width, height = report["docked"]
    assert width > 0 and height > 0  # trayer took the icon in
    menu = report["menu"]
    assert menu[0] == "1 follow-up is due"
    assert menu[1].startswith("Thank Margaret Hale (Hale & Pierce) — due by ")
    assert not any("Tom Pierce" in entry for entry in menu)  # not due for three hours
    assert report["due_ids"] == [1]
    for entry in (
        "Open Afterword",
        "Snooze all for 1 hour",
        "Pause notifications until tomorrow",
        "Quit",
    ):
        assert entry in menu
    assert report["tooltip"] == "Afterword — 1 follow-up is due"
    assert shot.stat().st_size > 1000
    # Clicking it asks the running window to open that follow-up.
    assert report["window_got"] == [{"v": 1, "cmd": "open", "followup": 1}]
    # "Snooze all for 1 hour" empties the list (and the badge) for an hour.
    assert report["after_snooze"] == "Nothing is due"
    conn = sqlite3.connect(data_dir / "afterword.sqlite3")
    snoozed = conn.execute("SELECT snoozed_until FROM followups WHERE id = 1").fetchone()[0]
    conn.close()
    assert datetime.fromisoformat(snoozed).replace(tzinfo=UTC) > now + timedelta(minutes=59)


def test_a_tray_started_before_the_panel_docks_when_the_panel_comes(
    data_dir: Path, session_bus: SessionBus
) -> None:
    from tests.helpers.bus import log_text, start_tray, stop, wait_for_log

    import_document(
        data_dir, thank_you_document(datetime.now(UTC), [("Margaret Hale", timedelta(hours=3))])
    )
    display = TrayDisplay()  # an X server, but no tray host yet (as at login)
    try:
        tray = start_tray(data_dir, display.env(session_bus.env()))
        try:
            assert wait_for_log(data_dir, "no system tray yet"), log_text(data_dir)
            assert display.docked() == []
            display.start_tray_host(session_bus.env())
            assert wait_for_log(data_dir, "the icon is in the system tray", timeout=10)
            deadline = time.monotonic() + 10
            while "Afterword" not in display.docked() and time.monotonic() < deadline:
                time.sleep(0.1)
            assert "Afterword" in display.docked()  # trayer took the icon in
        finally:
            status, err = stop(tray)
    finally:
        display.close()
    assert status == 0, err
    assert log_text(data_dir).count("the icon is in the system tray") == 1
