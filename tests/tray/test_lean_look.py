"""A long backlog: the tray reads a count and the first few, and still announces each once."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.platform.paths import resolve_paths
from desktop.storage import notification_log as nlog
from desktop.storage.due_query import read_due
from desktop.tray.app import Reminders
from desktop.tray.menu import TrayMenu
from desktop.tray.schedule import MENU_ITEMS, NOTICE_ITEMS
from tests.benchmarks.bulk_database import build_bulk_database
from tests.helpers.tray_helpers import Spoken, import_document, thank_you_document

BULK_NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


def test_a_look_counts_everything_due_but_reads_only_the_first_few(tmp_path: Path) -> None:
    db = build_bulk_database(tmp_path / "bulk.sqlite3", followups=3_000, notes=300, backlog=0.3)
    conn = nlog.connect(db)
    every = read_due(conn, BULK_NOW)  # the full read (Today's query), as the reference
    assert len(every) > NOTICE_ITEMS
    looked = nlog.look(conn, BULK_NOW, MENU_ITEMS, NOTICE_ITEMS)
    assert looked.count == len(every)
    assert looked.first == every[:MENU_ITEMS]
    assert looked.unannounced.count == len(every)
    assert list(looked.unannounced.first) == every[:NOTICE_ITEMS]
    assert looked.unannounced.kinds == {item.kind for item in every}

    # One claim records them all; a second tray (its own connection) finds none left.
    claim = nlog.claim_due(conn, BULK_NOW, NOTICE_ITEMS)
    assert claim.count == len(every) and list(claim.first) == every[:NOTICE_ITEMS]
    nlog.record_claim_backend(conn, claim, "system")
    other = nlog.connect(db)
    assert nlog.claim_due(other, BULK_NOW, NOTICE_ITEMS).count == 0
    assert nlog.look(other, BULK_NOW, MENU_ITEMS, NOTICE_ITEMS).unannounced.count == 0
    logged = other.execute("SELECT count(*), min(backend), max(backend) FROM notification_log")
    assert logged.fetchone() == (len(every), "system", "system")

    # "Snooze all" moves every due follow-up, not only those the menu lists.
    later = BULK_NOW + timedelta(hours=1)
    assert nlog.snooze_due(conn, BULK_NOW, later) == len(every)
    assert nlog.look(conn, BULK_NOW, MENU_ITEMS, NOTICE_ITEMS).count == 0
    again = nlog.look(conn, later, MENU_ITEMS, NOTICE_ITEMS)
    assert again.count >= len(every)  # at the snooze they speak again, unannounced
    assert again.unannounced.count >= len(every)
    conn.close()
    other.close()


def test_two_trays_racing_for_a_backlog_announce_it_once(tmp_path: Path) -> None:
    db = build_bulk_database(tmp_path / "bulk.sqlite3", followups=2_000, notes=200, backlog=0.3)
    counts = [-1, -1]
    barrier = threading.Barrier(2)

    def tray(n: int) -> None:  # each its own connection, as two processes would have
        conn = nlog.connect(db)
        looked = nlog.look(conn, BULK_NOW, MENU_ITEMS, NOTICE_ITEMS)
        assert looked.unannounced.count == looked.count > NOTICE_ITEMS  # both see them new …
        barrier.wait()
        counts[n] = nlog.claim_due(conn, BULK_NOW, NOTICE_ITEMS).count
        conn.close()

    threads = [threading.Thread(target=tray, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    conn = sqlite3.connect(db)
    logged = conn.execute("SELECT count(*) FROM notification_log").fetchone()[0]
    conn.close()
    # … but one of them announced them all, and the other none.
    assert sorted(counts) == [0, logged]


def test_sixty_missed_reminders_become_one_summary_and_the_menu_lists_ten(
    qtbot: QtBot, data_dir: Path
) -> None:
    now = datetime.now(UTC)
    people = [(f"Person {n:02}", -timedelta(minutes=90 - n)) for n in range(60)]
    import_document(data_dir, thank_you_document(now, people))
    shown = Spoken()
    reminders = Reminders(resolve_paths(data_dir), shown)
    reminders.start()
    assert [title for title, _ in shown] == ["60 thank-you notes are due"]
    lines = shown[0][1].splitlines()
    assert lines[0].startswith("Thank Person 00 (Hale & Pierce) — due by ")
    assert lines[-1] == "and 56 more"
    assert reminders.due_count == 60 and len(reminders.due) == MENU_ITEMS
    conn = sqlite3.connect(data_dir / "afterword.sqlite3")
    assert conn.execute("SELECT count(*) FROM notification_log").fetchone() == (60,)
    assert conn.execute("SELECT DISTINCT backend FROM notification_log").fetchall() == [("test",)]
    conn.close()

    menu = TrayMenu(
        open_followup=lambda _: None,
        open_window=lambda: None,
        snooze_all=lambda: None,
        pause=lambda: None,
        resume=lambda: None,
        quit=lambda: None,
    )
    menu.update(reminders.due, reminders.due_count, [], None, UTC)
    texts = [a.text() for a in menu.menu.actions()]
    assert texts[0] == "60 follow-ups are due"
    assert len(menu.due_actions()) == MENU_ITEMS
    assert "and 50 more in Afterword…" in texts
    menu.close()

    # A refresh repeats nothing; "Snooze all" moves all sixty, not the ten listed.
    reminders.refresh()
    assert len(shown) == 1
    assert reminders.snooze_all() == 60
    assert reminders.due_count == 0
    reminders.close()
