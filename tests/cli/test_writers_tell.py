"""Commands that change the data tell a running tray and window (`refresh` over the local
socket); commands that only read say nothing. `afterword followup` is what a reminder's
Mark sent and Snooze buttons run."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import pytest

from desktop.platform import ipc
from tests.helpers.tray_helpers import StandIn

REFRESH = {"v": 1, "cmd": "refresh"}
Run = Callable[..., CompletedProcess[str]]


@pytest.fixture
def running(data_dir: Path) -> Iterator[tuple[StandIn, StandIn]]:
    tray, window = StandIn(data_dir, ipc.TRAY), StandIn(data_dir, ipc.WINDOW)
    yield tray, window
    tray.close()
    window.close()


def told(running: tuple[StandIn, StandIn]) -> list[list[dict[str, Any]]]:
    got = [list(stand_in.got) for stand_in in running]
    for stand_in in running:
        stand_in.got.clear()
    return got


def test_writing_commands_tell_the_tray_and_the_window_and_readers_do_not(
    afterword: Run, data_dir: Path, tmp_path: Path, running: tuple[StandIn, StandIn]
) -> None:
    d = ("--data-dir", str(data_dir))
    assert afterword(*d, "demo").returncode == 0
    assert told(running) == [[REFRESH], [REFRESH]]
    for reader in (("due",), ("export", "--format", "json", "-o", str(tmp_path / "x.json"))):
        assert afterword(*d, *reader).returncode == 0
    assert told(running) == [[], []]
    backup = tmp_path / "backup.sqlite3"
    assert afterword(*d, "backup", "-o", str(backup)).returncode == 0
    assert afterword(*d, "import", str(tmp_path / "x.json"), "--dry-run").returncode == 0
    assert told(running) == [[], []]
    assert afterword(*d, "restore", str(backup)).returncode == 0
    assert told(running) == [[REFRESH], [REFRESH]]
    # A write that is refused changes nothing, and says nothing.
    assert afterword(*d, "followup", "999", "--sent").returncode == 1
    assert told(running) == [[], []]


def test_followup_marks_sent_and_snoozes_what_today_shows(
    afterword: Run, data_dir: Path, running: tuple[StandIn, StandIn]
) -> None:
    d = ("--data-dir", str(data_dir))
    assert afterword(*d, "demo").returncode == 0
    due = json.loads(afterword(*d, "due", "--json").stdout)
    first, second = due[0]["id"], due[1]["id"]
    told(running)

    sent = afterword(*d, "followup", str(first), "--sent")
    assert sent.returncode == 0, sent.stderr
    assert sent.stdout.strip() == f"Marked #{first} sent."
    snoozed = afterword(*d, "followup", str(second), "--snooze", "60")
    assert snoozed.returncode == 0, snoozed.stderr
    until = datetime.now(UTC) + timedelta(minutes=60)
    assert snoozed.stdout.startswith(f"Snoozed #{second} until ")
    assert told(running) == [[REFRESH, REFRESH], [REFRESH, REFRESH]]
    now_due = [item["id"] for item in json.loads(afterword(*d, "due", "--json").stdout)]
    assert first not in now_due and second not in now_due
    later = (until + timedelta(minutes=1)).isoformat()
    back = [item["id"] for item in json.loads(afterword(*d, "due", "--at", later, "--json").stdout)]
    assert second in back and first not in back

    again = afterword(*d, "followup", str(first), "--snooze", "60")
    assert again.returncode == 1
    assert again.stderr.strip() == "afterword followup: followup_id: This follow-up is already sent"
    bad = afterword(*d, "followup", str(second), "--snooze", "0")
    assert bad.returncode == 2 and "not a number of minutes from 1 to 10080" in bad.stderr
