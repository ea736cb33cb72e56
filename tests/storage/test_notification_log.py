"""Exactly once, on a real SQLite file: the tray claims a reminder before showing it."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.storage import notification_log as nlog
from desktop.tray.schedule import MENU_ITEMS, NOTICE_ITEMS
from tests.helpers.tray_helpers import import_document, thank_you_document

NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture
def database(data_dir: Path) -> Path:
    document = thank_you_document(
        NOW,
        [
            ("Margaret Hale", timedelta(minutes=-10)),
            ("Tom Pierce", timedelta(minutes=-5)),
            ("Ann Lee", timedelta(hours=2)),
        ],
    )
    import_document(data_dir, document)
    return data_dir / "afterword.sqlite3"


def test_due_reminders_are_claimed_once_and_the_next_one_is_known(database: Path) -> None:
    conn = nlog.connect(database)
    looked = nlog.look(conn, NOW, MENU_ITEMS, NOTICE_ITEMS)
    assert looked.count == 2
    assert [item.contact for item in looked.first] == ["Margaret Hale", "Tom Pierce"]
    assert [item.contact for item in looked.unannounced.first] == ["Margaret Hale", "Tom Pierce"]
    assert nlog.next_remind_at(conn, NOW) == NOW + timedelta(hours=2)
    claimed = nlog.claim_due(conn, NOW, NOTICE_ITEMS)
    assert [item.contact for item in claimed.first] == ["Margaret Hale", "Tom Pierce"]
    nlog.record_claim_backend(conn, claimed, "freedesktop")
    # A restart (a new connection) finds them announced, though still due.
    again = nlog.connect(database)
    looked = nlog.look(again, NOW, MENU_ITEMS, NOTICE_ITEMS)
    assert (looked.count, looked.unannounced.count) == (2, 0)
    assert nlog.claim_due(again, NOW, NOTICE_ITEMS).count == 0
    rows = again.execute("SELECT count(*), min(backend) FROM notification_log").fetchone()
    assert rows == (2, "freedesktop")


def test_two_trays_racing_for_the_same_reminders_show_each_once(database: Path) -> None:
    results: list[list[int]] = [[], []]
    barrier = threading.Barrier(2)

    def tray(n: int) -> None:  # each tray its own connection, as two processes would
        conn = nlog.connect(database)
        looked = nlog.look(conn, NOW, MENU_ITEMS, NOTICE_ITEMS)
        assert looked.unannounced.count == 2  # both see them as not yet announced …
        barrier.wait()
        results[n] = [item.id for item in nlog.claim_due(conn, NOW, NOTICE_ITEMS).first]
        conn.close()

    threads = [threading.Thread(target=tray, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    # … but both reminders went to exactly one of them.
    assert sorted(results[0] + results[1]) == [1, 2]
    assert [] in results


def test_snooze_all_makes_a_new_reminder_an_hour_later(database: Path) -> None:
    conn = nlog.connect(database)
    nlog.claim_due(conn, NOW, NOTICE_ITEMS)
    later = NOW + timedelta(hours=1)
    assert nlog.snooze_due(conn, NOW, later) == 2
    assert nlog.look(conn, NOW, MENU_ITEMS, NOTICE_ITEMS).count == 0
    assert nlog.next_remind_at(conn, NOW) == later
    # At the new time both speak again, once.
    again = nlog.claim_due(conn, later, NOTICE_ITEMS)
    assert [i.contact for i in again.first] == ["Margaret Hale", "Tom Pierce"]
    assert nlog.claim_due(conn, later, NOTICE_ITEMS).count == 0
    # Ann Lee's reminder (two hours off) was not due, so it did not move.
    assert nlog.next_remind_at(conn, later) == NOW + timedelta(hours=2)


def test_another_connection_commit_changes_the_data_version(database: Path) -> None:
    tray = nlog.connect(database)
    before = nlog.data_version(tray)
    assert nlog.data_version(tray) == before
    window = sqlite3.connect(database)
    window.execute("UPDATE followups SET title = 'x' WHERE id = 3")
    window.commit()
    window.close()
    assert nlog.data_version(tray) != before


def test_a_missing_or_unmigrated_database_is_not_ready(tmp_path: Path, database: Path) -> None:
    assert nlog.database_ready(database)
    assert not nlog.database_ready(tmp_path / "missing.sqlite3")
    (tmp_path / "empty.sqlite3").write_bytes(b"")
    assert not nlog.database_ready(tmp_path / "empty.sqlite3")
    (tmp_path / "junk.sqlite3").write_bytes(b"not a database at all" * 100)
    assert not nlog.database_ready(tmp_path / "junk.sqlite3")
