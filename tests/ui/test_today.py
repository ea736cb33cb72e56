"""Today keeps itself current and says what comes next, through the real window."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from desktop.ui.main_window import MainWindow
from tests.helpers.job_search_helpers import at, build
from tests.helpers.window_helpers import NOW

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample.json"


class Clock:
    """A clock the test moves by hand, or lets run from a fixed start."""

    def __init__(self, start=NOW, running=False):
        self.start, self.running, self.shift = start, running, timedelta(0)
        self._t0 = time.monotonic()

    def __call__(self):
        run = timedelta(seconds=time.monotonic() - self._t0) if self.running else timedelta(0)
        return self.start + self.shift + run


@pytest.fixture
def make_window(qtbot, workspace):
    def make(clock):
        win = MainWindow(workspace, clock=clock)
        win.search.clock = clock
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        win.activateWindow()  # its shortcuts (Ctrl+Z) answer only while it is active
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
        return win

    return make


def rows(today):
    return [row.text(0) for row in today._rows()]


def test_today_shows_what_another_process_wrote_without_f5(make_window, afterword, qtbot):
    window = make_window(Clock())
    assert window.today.items == []
    # The command line in its own process; nobody sends this window a `refresh`.
    data = window.workspace.paths.data
    done = afterword("--data-dir", str(data), "import", str(SAMPLE))
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: "Thank Margaret Hale" in rows(window.today), timeout=10_000)
    assert window.today.heading.text() == "Today — 1 overdue, 2 due today"


def test_a_reminder_appears_the_moment_it_comes_due(make_window, qtbot):
    clock = Clock(start=at(16, 13), running=True)
    window = make_window(clock)
    s = build(window.search)
    window.refresh_all()
    first = window.today.items[0]
    window.search.snooze(first.id, clock() + timedelta(seconds=1.5))
    window.refresh_all()
    assert first.id not in [i.id for i in window.today.items]
    assert window.today.next_due_timer.isActive()
    # Well before the minute's tick: the timer set for the reminder brings it back.
    qtbot.waitUntil(lambda: first.id in [i.id for i in window.today.items], timeout=5_000)
    assert s.interview == first.interview_id


def test_relative_times_move_on_every_minute(make_window, qtbot):
    clock = Clock(start=at(17, 10, 30))
    window = make_window(clock)
    build(window.search)
    window.refresh_all()
    today = window.today
    assert today.tick.isActive() and today.tick.interval() == 60_000
    assert {today._rows()[0].text(1)} == {"due by 11:00 today"}
    clock.shift = timedelta(minutes=31)
    today.tick.timeout.emit()
    assert today._rows()[0].text(1) == "overdue since 11:00 today"


def test_once_everything_is_sent_today_shows_what_comes_next(make_window, qtbot):
    from desktop.storage.records import InterviewInput, ParticipantInput

    clock = Clock(start=at(16, 14))
    window = make_window(clock)
    s = build(window.search)
    window.search.save_interview(
        InterviewInput(
            application_id=s.application,
            starts_at=at(19, 15),
            ends_at=at(19, 16),
            kind="onsite",
            participants=(ParticipantInput(s.margaret),),
        )
    )
    window.refresh_all()
    today = window.today
    for _ in range(len(today.items)):
        qtbot.mouseClick(today.sent_button, Qt.MouseButton.LeftButton)
    assert today.items == []
    assert today.pages.currentWidget() is today.list_page  # not the first-run page
    assert today.caught_up.isVisible() and not today.tree.isVisible()
    coming = [
        today.upcoming.topLevelItem(i).text(0) for i in range(today.upcoming.topLevelItemCount())
    ]
    assert coming[0] == "Interview: Hale & Pierce LLP — Associate (onsite)"
    when = today.upcoming.topLevelItem(0).text(1)
    assert when == "Thursday 15:00 (in 3 days)"
    # Activating the interview opens it.
    opened = []
    window.editor.exec_dialog = lambda dialog: opened.append(dialog.windowTitle()) or 0
    today.upcoming.itemActivated.emit(today.upcoming.topLevelItem(0), 0)
    assert opened == ["Edit interview — Associate at Hale & Pierce LLP"]


def test_selection_stays_in_place_after_skip_and_comes_back_with_undo(make_window, qtbot):
    window = make_window(Clock(start=at(16, 14)))
    s = build(window.search)
    window.refresh_all()
    today = window.today
    listed = today._rows()
    assert len(listed) == 2
    today.tree.setCurrentItem(listed[1])
    second = today.selected()
    today.tree.setCurrentItem(listed[0])
    skipped = today.selected()
    qtbot.mouseClick(today.skip_button, Qt.MouseButton.LeftButton)
    assert today.selected().id == second.id  # the one that took its place
    today.tree.setCurrentItem(today._rows()[0])
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert today.selected().id == skipped.id  # undone and selected again
    assert s.application == skipped.application_id


def test_a_reply_sets_the_status_shows_on_the_lists_and_ctrl_z_takes_it_back(make_window, qtbot):
    window = make_window(Clock(start=at(24, 10)))
    s = build(window.search)
    window.search.mark_sent(1, at(16, 13))
    window.search.mark_sent(2, at(16, 13))
    window.refresh_all()
    today = window.today
    assert [i.kind for i in today.items] == ["check_in"]

    def say_offer(dialog):
        qtbot.addWidget(dialog)
        dialog.show()
        offer = dialog.outcome_buttons["offer"]
        qtbot.mouseClick(offer, Qt.MouseButton.LeftButton, pos=QPoint(8, offer.height() // 2))
        qtbot.keyClicks(dialog.note, "offer by phone, letter to follow")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    window.editor.exec_dialog = say_offer
    qtbot.mouseClick(today.reply_button, Qt.MouseButton.LeftButton)
    assert window.search.application(s.application).status == "offer"
    assert today.items == []  # the check-in ended with the reply
    assert "is Offer" in window.statusBar().currentMessage()
    window.show_view("Applications")
    apps = window.applications
    assert apps.model.data(apps.model.index(0, 2)) == "Offer"
    column = [c.title for c in apps.model.columns].index("Last reply")
    assert apps.model.data(apps.model.index(0, column)) == "Offer · Tue, Nov 24, 2026"
    window.show_view("Interviews")
    window.interviews.choice.setCurrentIndex(window.interviews.choice.findData(None))
    views = window.interviews
    column = [c.title for c in views.model.columns].index("Reply")
    assert views.model.data(views.model.index(0, column)).startswith("Offer")

    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.search.application(s.application).status == "interviewing"
    assert window.search.replies(s.application) == []
    assert [i.kind for i in today.items] == ["check_in"]
