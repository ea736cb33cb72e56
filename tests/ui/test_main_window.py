"""The main window driven through its real widgets, on a real database file."""

from __future__ import annotations

import sys
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QMessageBox,
)

from desktop.core.wording import due_counts, today_heading
from desktop.ui.main_window import VIEWS, MainWindow
from tests.helpers.window_helpers import fixed_clock, unnamed_controls


def test_a_new_user_sees_what_to_do_in_every_view(window):
    assert window.today.pages.currentWidget() is window.today.empty
    assert "Add an interview" in window.today.empty_text.text()
    for name, view in window.record_views.items():
        window.show_view(name)
        assert view.pages.currentWidget() is view.empty, name
        assert view.empty.text(), name
        assert not view.edit_button.isEnabled() and not view.delete_button.isEnabled()


def test_demo_today_groups_by_interview_overdue_first(demo_window):
    tree = demo_window.today.tree
    groups = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert any(g.startswith("Hale & Pierce LLP — Litigation Associate") for g in groups)
    hale = next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(0).startswith("Hale & Pierce")
    )
    assert sorted(hale.child(i).text(0) for i in range(hale.childCount())) == [
        "Thank Daniel Okafor",
        "Thank Margaret Hale",
    ]
    items = demo_window.today.items
    dues = [i.due_at for i in items]
    assert dues == sorted(dues)  # soonest deadline (so the overdue ones) first
    now = demo_window.today.clock()
    expected = today_heading(due_counts(dues, now, demo_window.search.tz))
    assert demo_window.today.heading.text() == expected
    assert expected.startswith("Today — ") and "due" in expected


def test_every_control_has_an_accessible_name(demo_window):
    assert unnamed_controls(demo_window) == []


def test_keyboard_reaches_every_view_and_the_search(demo_window, qtbot):
    for number, name in enumerate(VIEWS, 1):
        qtbot.keyClick(
            demo_window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier
        )
        assert demo_window.current_view_name() == name
    qtbot.keyClick(demo_window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert demo_window.search_box.hasFocus()


def test_search_as_you_type_opens_the_record(demo_window, qtbot):
    box = demo_window.search_box
    qtbot.keyClicks(box, "clerk")
    qtbot.waitUntil(lambda: box.results.isVisible() and box.results.count() > 0)
    assert "Hale & Pierce" in box.results.item(0).text()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert demo_window.current_view_name() == "Interviews"
    assert demo_window.interviews.current().company == "Hale & Pierce LLP"


def test_search_for_a_person_selects_the_contact(demo_window, qtbot):
    box = demo_window.search_box
    qtbot.keyClicks(box, "okaf")
    qtbot.waitUntil(lambda: box.results.count() > 0)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert demo_window.current_view_name() == "Contacts"
    assert demo_window.contacts.current().name == "Daniel Okafor"


def test_delete_asks_first_and_ctrl_z_brings_everything_back(demo_window, qtbot):
    editor = demo_window.editor
    asked: list[str] = []
    editor.confirm = lambda title, text: asked.append(text) or False
    demo_window.show_view("Companies")
    view = demo_window.companies
    assert view.select_id(
        next(c.id for c in demo_window.search.companies() if c.name == "Hale & Pierce LLP")
    )
    view.delete_button.click()
    assert "Delete Hale & Pierce LLP" in asked[0] and "undo" in asked[0]
    assert view.model.total == 7  # "No" kept it

    editor.confirm = lambda title, text: True
    before = len(demo_window.today.items)
    view.delete_button.click()
    assert view.model.total == 6
    assert len(demo_window.today.items) == before - 2  # its two thank-yous went with it
    assert "Ctrl+Z" in demo_window.statusBar().currentMessage()
    qtbot.keyClick(demo_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.model.total == 7
    assert len(demo_window.today.items) == before


def test_mark_sent_from_today_removes_it_and_says_so(demo_window, qtbot):
    today = demo_window.today
    tree = today.tree
    hale = next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(0).startswith("Hale & Pierce")
    )
    tree.setCurrentItem(hale.child(0))
    name = hale.child(0).text(0)
    before = len(today.items)
    qtbot.mouseClick(today.sent_button, Qt.MouseButton.LeftButton)
    assert len(today.items) == before - 1
    assert name not in [today._label(i) for i in today.items]
    assert demo_window.statusBar().currentMessage() == f"Marked sent: {name}. Press Ctrl+Z to undo."


def _all_pending(window):
    from datetime import timedelta

    return {(i.id, i.kind) for i in window.search.today(window.clock() + timedelta(days=60))}


@pytest.mark.parametrize("action", ["sent", "skip", "snooze"])
def test_ctrl_z_takes_back_mark_sent_skip_and_snooze(demo_window, qtbot, action):
    today = demo_window.today
    check_in = next(i for i in today.items if i.kind == "check_in")
    pending_before = _all_pending(demo_window)
    for group in range(today.tree.topLevelItemCount()):
        parent = today.tree.topLevelItem(group)
        for row in range(parent.childCount()):
            if parent.child(row).text(0).startswith("Check in with"):
                today.tree.setCurrentItem(parent.child(row))
    if action == "sent":
        qtbot.mouseClick(today.sent_button, Qt.MouseButton.LeftButton)
        # the rules answer a sent check-in with a second one, later
        assert any(k == "second_check_in" for _, k in _all_pending(demo_window) - pending_before)
    elif action == "skip":
        qtbot.mouseClick(today.skip_button, Qt.MouseButton.LeftButton)
    else:
        today.snooze(timedelta(hours=1))
    assert check_in.id not in [i.id for i in today.items]
    assert demo_window.undo_action.isEnabled()
    demo_window.undo_action.trigger()
    assert check_in.id in [i.id for i in today.items], "Ctrl+Z did not bring it back"
    assert _all_pending(demo_window) == pending_before  # and what the rules made of it is gone
    assert not demo_window.undo_action.isEnabled()


def test_window_size_and_last_view_are_remembered(qtbot, workspace):
    first = MainWindow(workspace, clock=fixed_clock)
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 520)  # the offscreen screen is 800 x 600
    first.show_view("Contacts")
    size = (first.width(), first.height())
    assert size[1] == 520
    first.close()
    second = MainWindow(workspace, clock=fixed_clock)
    qtbot.addWidget(second)
    assert second.current_view_name() == "Contacts"
    assert (second.width(), second.height()) == size


def test_an_uncaught_exception_is_shown_in_a_dialog(qtbot, monkeypatch, tmp_path):
    from desktop.ui.launch import install_dialog_excepthook

    monkeypatch.setattr(sys, "excepthook", lambda *exc: None)
    install_dialog_excepthook(tmp_path / "afterword.log")
    seen: list[str] = []

    def close_dialog() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.accept()
        else:
            QTimer.singleShot(20, close_dialog)

    QTimer.singleShot(0, close_dialog)
    try:
        raise RuntimeError("the printer caught fire")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert len(seen) == 1
    assert "the printer caught fire" in seen[0]
    assert str(tmp_path / "afterword.log") in seen[0]


def test_demo_window_starts_on_sample_data_and_cleans_up_on_sigterm(tmp_path):
    import signal
    import subprocess
    import time

    from tests.conftest import REPO, child_env

    temp = tmp_path / "tmp"
    temp.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--data-dir", str(tmp_path / "data"), "--demo"],
        env=child_env(TMPDIR=str(temp), QT_QPA_PLATFORM="offscreen"),
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        demo_dirs = list(temp.glob("afterword-demo-*"))
        if demo_dirs and list(demo_dirs[0].glob("backups/daily-*")):
            break
        time.sleep(0.1)
    else:
        proc.kill()
        raise AssertionError(f"the demo window did not start: {proc.communicate()}")
    time.sleep(1.0)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert list(temp.iterdir()) == []
    assert not (tmp_path / "data" / "afterword.sqlite3").exists()


def test_a_second_launch_raises_the_first_window_and_exits(tmp_path):
    import signal
    import subprocess
    import time

    from tests.conftest import REPO, child_env

    data = tmp_path / "data"
    env = child_env(QT_QPA_PLATFORM="offscreen")
    cmd = [sys.executable, "-m", "desktop", "--data-dir", str(data)]
    first = subprocess.Popen(
        cmd, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 30
        while not list((data / "backups").glob("daily-*")) and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1.0)  # listening starts just after the daily backup
        second = subprocess.run(cmd, env=env, cwd=REPO, capture_output=True, text=True, timeout=30)
        assert second.returncode == 0, second.stderr
        assert first.poll() is None  # the first window is still there
        log = (data / "logs" / "afterword.log").read_text()
        assert "asked it to come forward" in log
        deadline = time.monotonic() + 10
        while "raised by another launch" not in log and time.monotonic() < deadline:
            time.sleep(0.1)
            log = (data / "logs" / "afterword.log").read_text()
        assert "raised by another launch" in log
    finally:
        first.send_signal(signal.SIGTERM)
        first.communicate(timeout=30)
    assert first.returncode == 0


def test_the_window_paints_today_before_loading_sqlalchemy(tmp_path, afterword):
    """Start-up is a feature: Today is read with plain sqlite3; SQLAlchemy loads after."""
    import subprocess

    from tests.conftest import REPO, child_env

    data = tmp_path / "data"
    assert afterword("--data-dir", str(data), "demo").returncode == 0
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "desktop", "--data-dir", str(data)],
        env=child_env(QT_QPA_PLATFORM="offscreen", AFTERWORD_QUIT_AFTER_PAINT="1"),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines() if "|" in line}
    assert "desktop.ui.main_window" in imported
    assert not {m for m in imported if m.startswith(("sqlalchemy", "alembic", "jinja2"))}


def test_today_counts_everything_due_even_beyond_the_rows_it_shows(demo_window, monkeypatch):
    from desktop.ui.views import today as today_module

    everything = len(demo_window.today.items)
    assert everything > 3
    whole = demo_window.today.heading.text()
    monkeypatch.setattr(today_module, "TODAY_LIMIT", 3)
    demo_window.today.refresh()
    assert len(demo_window.today.items) == 3
    assert demo_window.today.heading.text() == whole
    assert demo_window.today.summary.text().startswith("Showing the 3 with the soonest deadlines")
