"""The issue's whole story through the real window and dialogs, on a real database file:
a company, an application, an interview with two interviewers and talking points; two
thank-yous in Today; one marked sent; a reply that ends the check-ins; bad input refused."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog

from desktop.ui.main_window import MainWindow

NOW = datetime(2026, 11, 21, 14, 0, tzinfo=UTC)  # Saturday 09:00 in New York


class Driver:
    """Plays the person at the keyboard: each dialog the window opens is filled by the
    next function in the queue, then saved with its own Save button."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.queue: list = []
        self.seen: list[QDialog] = []

    def __call__(self, dialog: QDialog) -> int:
        self.qtbot.addWidget(dialog)
        dialog.show()
        self.qtbot.waitExposed(dialog)
        self.seen.append(dialog)
        fill = self.queue.pop(0)
        fill(dialog)
        self.qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result() or QDialog.DialogCode.Rejected


@pytest.fixture
def window(qtbot, workspace):
    win = MainWindow(workspace, clock=lambda: NOW)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    driver = Driver(qtbot)
    win.editor.exec_dialog = driver
    win.driver = driver
    return win


def test_from_a_new_company_to_a_reply(window, qtbot):
    keys = qtbot.keyClicks
    drive = window.driver

    def company(d):
        keys(d.name, "Hale & Pierce LLP")
        keys(d.industry, "law")

    def application(d):
        assert d.company.text() == "Hale & Pierce LLP"  # the company just saved
        keys(d.role, "Litigation Associate")

    def interview(d):
        assert d.application.text() == "Litigation Associate at Hale & Pierce LLP"
        from zoneinfo import ZoneInfo

        from desktop.ui.forms.base import set_wall_time

        set_wall_time(
            d.starts_at, datetime(2026, 11, 20, 10, 0, tzinfo=ZoneInfo("America/New_York")), d.tz
        )
        qtbot.mouseClick(d.interviewers.new_button, Qt.MouseButton.LeftButton)
        first = d.interviewers.rows[0]
        keys(first.name, "Margaret Hale")
        keys(first.email, "mhale@halepierce.example")
        keys(first.talking_points, "her clerkship with Judge Alvarez")
        qtbot.mouseClick(d.interviewers.new_button, Qt.MouseButton.LeftButton)
        second = d.interviewers.rows[1]
        keys(second.name, "Daniel Okafor")
        keys(second.talking_points, "the pro bono clinic")

    drive.queue = [company]
    window.editor.new_company()
    assert window.companies.model.total == 1
    assert window.companies.current().formality == "formal"  # suggested from "law"

    drive.queue = [application]
    window.editor.new_application()
    assert window.applications.model.total == 1

    drive.queue = [interview]
    window.editor.new_interview()
    assert window.interviews.model.total == 1
    saved = window.search.interviews(upcoming=None)[0]
    assert [(p.name, p.talking_points) for p in saved.participants] == [
        ("Margaret Hale", "her clerkship with Judge Alvarez"),
        ("Daniel Okafor", "the pro bono clinic"),
    ]

    # Today: one thank-you per interviewer, as cards (a law firm is formal).
    window.show_view("Today")
    today = window.today
    thanks = [(i.kind, i.contact, i.channel) for i in today.items]
    assert sorted(thanks) == [
        ("thank_you", "Daniel Okafor", "card"),
        ("thank_you", "Margaret Hale", "card"),
    ]

    # Mark one sent.
    tree = today.tree
    group = tree.topLevelItem(0)
    target = next(
        group.child(i) for i in range(group.childCount()) if "Margaret" in group.child(i).text(0)
    )
    tree.setCurrentItem(target)
    qtbot.mouseClick(today.sent_button, Qt.MouseButton.LeftButton)
    assert [i.contact for i in today.items] == ["Daniel Okafor"]

    # A week later the check-in is due; a reply ends it.
    later = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)
    window.clock = today.clock = lambda: later
    today.refresh()
    assert "check_in" in [i.kind for i in today.items]

    def reply(d):
        again = d.outcome_buttons["next_round"]
        qtbot.mouseClick(again, Qt.MouseButton.LeftButton, pos=QPoint(8, again.height() // 2))
        keys(d.note, "They invited me to a second round")

    drive.queue = [reply]
    app_id = window.search.applications()[0].id
    window.editor.record_reply_for(app_id)
    assert "check_in" not in [i.kind for i in today.items]
    assert "no more check-ins" in window.statusBar().currentMessage()
    assert window.search.application(app_id).status == "interviewing"


def test_invalid_input_keeps_the_dialog_open_and_writes_nothing(window, qtbot):
    drive = window.driver

    def bad_contact(d):
        qtbot.keyClicks(d.name, "Priya Raman")
        qtbot.keyClicks(d.email, "priya@")
        assert "not an email address" in d.message_for("email")
        assert not d.save_button.isEnabled()

    drive.queue = [bad_contact]
    window.editor.new_contact()
    dialog = drive.seen[-1]
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert window.search.count_contacts() == 0
    assert window.contacts.model.total == 0


def test_a_service_side_problem_is_shown_on_its_field(window, qtbot, monkeypatch):
    from desktop.storage.records import ValidationError

    drive = window.driver
    calls = []

    def refuse_once(data, company_id=None):
        calls.append(data)
        if len(calls) == 1:
            raise ValidationError({"name": "A company with this name already exists"})
        return original(data, company_id)

    original = window.search.save_company
    monkeypatch.setattr(window.search, "save_company", refuse_once)

    def first(d):
        qtbot.keyClicks(d.name, "Brightloop")

    def second(d):
        assert d.message_for("name") == "A company with this name already exists"
        d.name.end(False)  # the field was focused with its text selected
        qtbot.keyClicks(d.name, " Labs")

    drive.queue = [first, second]
    window.editor.new_company()
    assert [c.name for c in window.search.companies()] == ["Brightloop Labs"]
    assert drive.seen[0] is drive.seen[1]  # the same dialog stayed open
    QApplication.processEvents()


def test_what_was_just_made_carries_into_the_next_step(window, qtbot):
    """New interview on an empty search asks for the company, then the application, then
    the interview: each opens with what the step before made, and a typed name that is
    nobody yet is offered as a new contact."""
    drive = window.driver
    keys = qtbot.keyClicks

    def company(d):
        keys(d.name, "Vance & Co")
        keys(d.industry, "law")

    def application(d):
        assert d.company.current_id() is not None, "the company just made is not chosen"
        assert d.company.text() == "Vance & Co"
        assert d.focusWidget() is d.role  # typing goes on from the next field
        keys(d.role, "Counsel")

    def interview(d):
        assert d.application.text() == "Counsel at Vance & Co"
        qtbot.mouseClick(d.interviewers.add_button, Qt.MouseButton.LeftButton)
        row = d.interviewers.rows[0]
        keys(row.contact.lineEdit(), "Jane Roe")
        assert row.create_button.isVisible()
        assert row.create_button.text() == "Create “Jane Roe”"
        qtbot.mouseClick(row.create_button, Qt.MouseButton.LeftButton)
        made = d.interviewers.rows[0]
        assert made.is_new and made.name.text() == "Jane Roe"
        keys(made.talking_points, "the arbitration she won in Geneva")
        # New interviewer… reuses a typed name the same way.
        qtbot.mouseClick(d.interviewers.add_button, Qt.MouseButton.LeftButton)
        keys(d.interviewers.rows[1].contact.lineEdit(), "Ravi Shah")
        qtbot.mouseClick(d.interviewers.new_button, Qt.MouseButton.LeftButton)
        assert len(d.interviewers.rows) == 2
        assert d.interviewers.rows[1].name.text() == "Ravi Shah"

    drive.queue = [company, application, interview]
    window.editor.new_interview()
    saved = window.search.interviews(upcoming=None)
    assert len(saved) == 1
    assert [(p.name, p.talking_points) for p in saved[0].participants] == [
        ("Jane Roe", "the arbitration she won in Geneva"),
        ("Ravi Shah", ""),
    ]
    people = {c.name: c for c in window.search.contacts()}
    assert people["Jane Roe"].company == "Vance & Co"
