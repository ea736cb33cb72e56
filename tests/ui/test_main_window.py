"""The first window: today's follow-ups from the real database, and errors shown, not lost."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.cli import load_demo
from desktop.ui.main_window import MainWindow


def test_today_lists_what_is_due_on_the_demo_data(qtbot, workspace, tmp_path):
    load_demo(workspace)
    window = MainWindow(workspace, demo=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    count = window.today.count()
    assert count >= 4
    assert window.heading.text() == f"Today — {count} follow-ups due"
    texts = [window.today.item(i).text() for i in range(count)]
    assert any("Thank Margaret Hale" in t for t in texts)
    assert not any("Thank Priya Raman" in t for t in texts)  # that one was sent
    assert any("Consider closing" in t for t in texts)
    assert window.empty.isHidden()
    shot = tmp_path / "today.png"
    assert window.grab().save(str(shot)) and shot.stat().st_size > 5_000


def test_a_new_user_sees_what_to_do_first(qtbot, workspace):
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    assert window.today.isHidden()
    assert not window.empty.isHidden()
    assert "Add an interview" in window.empty.text()
    assert window.heading.text() == "Today — 0 follow-ups due"


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
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert list(temp.iterdir()) == []  # the throwaway database is gone
    # The user's own data directory was not touched by the demo.
    assert not (tmp_path / "data" / "afterword.sqlite3").exists()
