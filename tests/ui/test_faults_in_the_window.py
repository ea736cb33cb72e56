"""The window under real faults (issue 14): restore from a backup through the real dialog
(from File ▸ Restore from backup…, from the "damaged" dialog, and at start-up), a problem
the user can act on shown as such (never "Something went wrong"), and a day's backup that
cannot be written said once. A real database file, damaged or made unwritable for real.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop.interchange.demo import load_demo
from desktop.storage.backups import copy_database, timestamped_name
from desktop.ui.problems import RESTORE_BUTTON
from desktop.ui.restore_dialog import RestoreDialog
from tests.helpers.faults import not_writable
from tests.helpers.window_helpers import accept_with, when_modal


def _company_names(db: Path) -> list[str]:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return sorted(r[0] for r in conn.execute("SELECT name FROM companies"))
    finally:
        conn.close()


def _daily_backup_of(workspace, days_ago: int) -> Path:  # type: ignore[no-untyped-def]
    made = datetime.now(UTC) - timedelta(days=days_ago)
    folder = workspace.paths.backups
    folder.mkdir(exist_ok=True)
    return copy_database(
        workspace.paths.database, folder / timestamped_name("daily-", made), workspace.paths.data
    )


def _damage(db: Path) -> None:
    """Garbage over every page but the first: SQLite reads the header, then finds the
    file malformed (as after a disk fault or a half-copied file)."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    whole = bytearray(db.read_bytes())
    whole[page:] = b"\x5a" * (len(whole) - page)
    db.write_bytes(bytes(whole))


def _choose_and_restore(qtbot, backup: Path, seen: list):  # type: ignore[no-untyped-def]
    """Play the person at the restore dialog: pick `backup` in the list, press Restore."""

    def answer(dialog: RestoreDialog) -> None:
        seen.append(
            [dialog.table.topLevelItem(i).text(2) for i in range(dialog.table.topLevelItemCount())]
        )
        assert dialog.select(backup)
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    return answer


def test_file_restore_from_backup_lists_the_backups_and_brings_one_back(demo_window, qtbot):
    ws = demo_window.workspace
    backup = _daily_backup_of(ws, days_ago=1)
    before = _company_names(ws.paths.database)
    demo_window.search.delete_company(
        demo_window.search.companies()[0].id
    )  # a change since the backup
    demo_window.show_view("Companies")
    demo_window.refresh_all()
    assert demo_window.companies.model.total == len(before) - 1
    rows: list = []

    def run(dialog: QDialog) -> int:
        qtbot.addWidget(dialog)
        dialog.show()
        _choose_and_restore(qtbot, backup, rows)(dialog)
        return dialog.result()

    demo_window.files.exec_dialog = run
    demo_window.restore_action.trigger()

    # The dialog listed the backup with what it holds; the window now shows it restored.
    assert rows == [["9 applications · 7 interviews · 11 contacts"]]
    assert _company_names(ws.paths.database) == before
    assert demo_window.companies.model.total == len(before)
    [kept] = list(ws.paths.backups.glob("pre-restore-*.sqlite3"))
    assert len(_company_names(kept)) == len(before) - 1  # what it replaced, kept aside
    assert demo_window.statusBar().currentMessage() == (
        f"Restored {backup.name}; what was there before was kept as {kept.name}"
    )


def test_a_damaged_database_offers_restore_from_its_dialog(demo_window, qtbot):
    from desktop.ui.launch import _daily_backup

    ws = demo_window.workspace
    backup = _daily_backup_of(ws, days_ago=2)
    names = _company_names(ws.paths.database)
    demo_window.show_view("Companies")
    ws.store.close()
    _damage(ws.paths.database)
    seen_boxes = when_modal(
        QMessageBox,
        lambda box: next(b for b in box.buttons() if b.text() == RESTORE_BUTTON).click(),
    )
    rows: list = []
    demo_window.files.exec_dialog = lambda dialog: (
        dialog.show(),
        _choose_and_restore(qtbot, backup, rows)(dialog),
        dialog.result(),
    )[-1]

    _daily_backup(ws.paths, demo_window)  # the start-up's integrity check finds the damage

    [box] = seen_boxes
    assert box.windowTitle() == "Afterword found a problem in its data"
    assert "the database is damaged" in box.text()
    assert _company_names(ws.paths.database) == names
    [kept] = list(ws.paths.backups.glob("damaged-*.sqlite3"))  # set aside whole, not deleted
    assert kept.stat().st_size > 0
    assert demo_window.companies.model.total == len(names)  # the window reads the new file
    assert "the damaged file was kept as" in demo_window.statusBar().currentMessage()


def test_start_up_on_a_damaged_database_restores_a_backup_then_opens(qtbot, workspace):
    from desktop.ui.launch import _open

    load_demo(workspace)
    backup = _daily_backup_of(workspace, days_ago=1)
    names = _company_names(workspace.paths.database)
    workspace.close()
    _damage(workspace.paths.database)
    seen = when_modal(
        QMessageBox,
        lambda box: next(b for b in box.buttons() if b.text() == RESTORE_BUTTON).click(),
    )
    rows: list = []
    when_modal(RestoreDialog, _choose_and_restore(qtbot, backup, rows))

    opened = _open(workspace.paths, demo=False)

    assert opened is not None
    try:
        assert seen[0].windowTitle() == "Afterword cannot open its data"
        assert [c.name for c in _companies(opened)] == names
    finally:
        opened.close()


def _companies(ws):  # type: ignore[no-untyped-def]
    from desktop.storage.job_search import JobSearch

    return sorted(JobSearch(ws.store, ws.rules, ws.tz).companies(), key=lambda c: c.name)


@pytest.mark.qt_no_exception_capture
def test_a_read_only_database_is_told_as_such_not_as_a_bug(demo_window, qtbot, monkeypatch, caplog):
    from desktop.ui.launch import install_dialog_excepthook

    ws = demo_window.workspace
    bugs: list = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: bugs.append(exc))
    install_dialog_excepthook(ws.paths.logs / "afterword.log", ws.paths.database)
    demo_window.editor.exec_dialog = accept_with(
        lambda d: (qtbot.keyClicks(d.name, "Northwind Traders"), d.save_button.click())
    )
    boxes = when_modal(QMessageBox, lambda box: box.accept())
    # Nothing of ours holds the file open: SQLite hands a closed connection's descriptor,
    # kept while another connection (the window's change watch) holds locks, to the next
    # opener, and an open descriptor writes whatever the file's mode now says.
    demo_window.data_watch.timer.stop()
    demo_window.data_watch.close()
    ws.store.close()
    with caplog.at_level(logging.WARNING), not_writable(ws.paths.database):
        # File ▸ New ▸ Company…, through the menu's action, as a person would.
        action = next(
            a
            for a in demo_window.findChildren(type(demo_window.restore_action))
            if a.text().replace("&", "") == "Company…"
        )
        action.trigger()
    ws.store.close()

    assert bugs == []  # not handed on as an uncaught exception (a bug)
    [box] = boxes
    assert box.windowTitle() == "Afterword could not finish"
    assert "Afterword may not write here" in box.text()
    assert str(ws.paths.database) in box.text()
    assert "Something went wrong" not in box.text() and not box.detailedText()
    assert "Northwind" not in caplog.text and "Traceback" not in caplog.text
    assert "Northwind Traders" not in _company_names(ws.paths.database)


def test_a_failed_daily_backup_is_told_once_in_the_window(demo_window, qtbot):
    from desktop.ui.launch import _daily_backup

    ws = demo_window.workspace
    ws.paths.backups.write_text("a file where the folder of backups belongs")

    _daily_backup(ws.paths, demo_window)
    notice = demo_window.backup_notice
    qtbot.waitExposed(notice)
    _daily_backup(ws.paths, demo_window)  # a second failure in the same session: no second notice

    assert demo_window.backup_notice is notice
    assert notice.windowTitle() == "Today's backup was not made"
    assert str(ws.paths.backups) in notice.text() and "a file is in the way" in notice.text()
    assert not notice.isModal()  # it does not stop the user's work
