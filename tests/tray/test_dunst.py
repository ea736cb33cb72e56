"""Reminders through a real notification daemon: dunst under Xvfb on a private bus.

One tray, four reminders a few seconds apart, each acted on as a person would: a click on
the first opens the composer on it, Write note on an overdue one does the same, Mark sent
and Snooze 1 hour change the database (and tell the window, whose Today follows). dunst
reports what it made of each notice: buttons, icon, desktop entry, urgency and expiry.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop.platform import ipc
from tests.conftest import REPO, child_env
from tests.helpers.bus import SessionBus, log_text, start_tray, stop, wait_for_log
from tests.helpers.dunst import Dunst
from tests.helpers.tray_helpers import StandIn, import_document, thank_you_document

pytestmark = pytest.mark.system


@pytest.fixture
def dunst(tmp_path: Path) -> Iterator[tuple[Dunst, SessionBus]]:
    bus = SessionBus()
    daemon = Dunst(tmp_path, bus)
    yield daemon, bus
    daemon.close()
    bus.close()


def reminders_apart(now: datetime) -> dict[str, Any]:
    """Three more thank-yous for Margaret's interview: Tom's reminder comes in 6 s, when
    it is already overdue; Ann's in 11 s and Lee's in 16 s (due tomorrow)."""
    people = [("Tom Pierce", 6), ("Ann Lee", 11), ("Lee Park", 16)]
    document = thank_you_document(now, [(name, timedelta(seconds=s)) for name, s in people])
    document["followups"][0]["due_at"] = (now + timedelta(seconds=3)).isoformat()
    return document


def thank_you_ids(data_dir: Path) -> dict[str, int]:
    """Each person's thank-you follow-up, by name (imports add check-ins too)."""
    conn = sqlite3.connect(data_dir / "afterword.sqlite3")
    rows = conn.execute(
        "SELECT c.name, f.id FROM followups f JOIN contacts c ON c.id = f.contact_id"
        " WHERE f.kind = 'thank_you'"
    ).fetchall()
    conn.close()
    return dict(rows)


def due_ids(data_dir: Path) -> list[int]:
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "due", "--json"],
        capture_output=True, text=True, env=child_env(), cwd=REPO, timeout=60, check=True,
    )  # fmt: skip
    return [item["id"] for item in json.loads(done.stdout)]


def test_reminders_in_dunst_have_buttons_that_work(
    data_dir: Path, dunst: tuple[Dunst, SessionBus]
) -> None:
    daemon, bus = dunst
    now = datetime.now(UTC)
    import_document(data_dir, thank_you_document(now, [("Margaret Hale", -timedelta(minutes=1))]))
    window = StandIn(data_dir, ipc.WINDOW)
    tray = start_tray(data_dir, bus.env())
    try:
        # 1. Margaret: a normal reminder. A click on it opens the composer on her note.
        [margaret] = daemon.wait_for(1)
        # The others are imported now, and the command tells the tray.
        import_document(data_dir, reminders_apart(datetime.now(UTC)))
        ids = thank_you_ids(data_dir)
        margaret_id, tom_id, ann_id, lee_id = (
            ids[name] for name in ("Margaret Hale", "Tom Pierce", "Ann Lee", "Lee Park")
        )
        assert margaret["DUNST_SUMMARY"].startswith("Thank Margaret Hale (Hale & Pierce) — due")
        assert margaret["DUNST_URGENCY"] == "NORMAL"
        assert margaret["DUNST_TIMEOUT"] == "10000"  # ms: it goes by itself after 10 s
        assert margaret["DUNST_ICON_PATH"] == str(REPO / "desktop/resources/icons/afterword.svg")
        assert margaret["DUNST_DESKTOP_ENTRY"] == "afterword"
        assert daemon.ctl("action", "0").returncode == 0
        assert window.wait_for({"v": 1, "cmd": "open", "followup": margaret_id}), window.got

        # 2. Tom: overdue when it comes; critical, and it stays until dismissed. Its
        # menu has the three buttons; Write note opens the composer on his note.
        tom = daemon.wait_for(2)[1]
        assert tom["DUNST_SUMMARY"].startswith("Thank Tom Pierce (Hale & Pierce) — overdue")
        assert (tom["DUNST_URGENCY"], tom["DUNST_TIMEOUT"]) == ("CRITICAL", "0")
        menu = daemon.choose("Write note (Thank Tom")
        for button in (
            "#Write note (Thank Tom",
            "#Mark sent (Thank Tom",
            "#Snooze 1 hour (Thank Tom",
        ):
            assert button in menu
        assert window.wait_for({"v": 1, "cmd": "open", "followup": tom_id}), window.got

        # 3. Ann: Mark sent. The follow-up is sent, and the window is told (Today).
        daemon.wait_for(3)
        window.got.clear()
        daemon.choose("Mark sent (Thank Ann")
        assert window.wait_for({"v": 1, "cmd": "refresh"}), window.got
        # 4. Lee: Snooze 1 hour. It waits an hour, and is not due now.
        daemon.wait_for(4)
        window.got.clear()
        daemon.choose("Snooze 1 hour (Thank Lee")
        assert window.wait_for({"v": 1, "cmd": "refresh"}), window.got
        snoozing = f"`afterword followup {lee_id} --snooze 60` done"
        assert wait_for_log(data_dir, snoozing), log_text(data_dir)
    finally:
        status, err = stop(tray)
        window.close()
    assert status == 0, err
    conn = sqlite3.connect(data_dir / "afterword.sqlite3")
    status_of = dict(conn.execute("SELECT id, status FROM followups").fetchall())
    snoozed = conn.execute("SELECT snoozed_until FROM followups WHERE id = ?", (lee_id,))
    snoozed = snoozed.fetchone()[0]
    shown = conn.execute("SELECT followup_id, backend FROM notification_log ORDER BY id")
    order = [margaret_id, tom_id, ann_id, lee_id]
    assert shown.fetchall() == [(fid, "desktop") for fid in order]
    conn.close()
    assert (status_of[ann_id], status_of[lee_id]) == ("sent", "pending")
    until = datetime.fromisoformat(snoozed).replace(tzinfo=UTC)
    assert now + timedelta(minutes=59) < until < datetime.now(UTC) + timedelta(minutes=61)
    # Today (what `due` lists): Ann's is done, Lee's waits an hour; Margaret's and Tom's remain.
    assert due_ids(data_dir) == [tom_id, margaret_id]
    assert len(daemon.seen()) == 4  # nothing said twice
