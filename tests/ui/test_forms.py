# Over 400 lines on purpose: the dialogs' shared behaviours against one fixture of records.
"""The add/edit dialogs, driven through their real widgets: inline messages, Save gating,
formality suggestions, interviewers with talking points, and the service's messages."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desktop.storage.records import (
    ApplicationRecord,
    CompanyRecord,
    ContactInput,
    ContactRecord,
    InterviewRecord,
    ParticipantInput,
    ParticipantRecord,
)
from desktop.ui.forms.application import ApplicationDialog
from desktop.ui.forms.company import CompanyDialog
from desktop.ui.forms.contact import ContactDialog
from desktop.ui.forms.interview import InterviewDialog
from desktop.ui.forms.reply import ReplyDialog

TZ = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 19, 15, 20, tzinfo=TZ)
HALE = CompanyRecord(1, "Hale & Pierce LLP", "law", "formal", "https://halepierce.example", "")
LOOP = CompanyRecord(2, "Brightloop", "software startup", "casual", "", "")
MARGARET = ContactRecord(
    1, "Margaret Hale", "", "Partner", 1, "Hale & Pierce LLP", "mhale@example.com", "", "", ""
)
PRIYA = ContactRecord(
    2, "Priya Raman", "", "Engineering Manager", 2, "Brightloop", "priya@example.com", "", "", ""
)
ASSOCIATE = ApplicationRecord(
    7, 1, "Hale & Pierce LLP", "Associate", "interviewing", "referral", "", None, None, None, ""
)


def shown(qtbot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    # Shortcuts such as Ctrl+Return reach the active window only.
    dialog.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
    return dialog


def interview_dialog(qtbot, record: InterviewRecord | None = None) -> InterviewDialog:
    dialog = InterviewDialog(None, record, [ASSOCIATE], [MARGARET, PRIYA], TZ, now=NOW)
    return shown(qtbot, dialog)


def pick_application(qtbot, dialog: InterviewDialog) -> None:
    qtbot.keyClicks(dialog.application.lineEdit(), "Associate at Hale & Pierce LLP")


def step_down(qtbot, edit: QDateTimeEdit, section: QDateTimeEdit.Section, times: int = 1) -> None:
    """Press Down on one section of a date/time field, as a person would."""
    edit.setFocus()
    edit.setCurrentSection(section)
    for _ in range(times):
        qtbot.keyClick(edit, Qt.Key.Key_Down)


# --- company ---


def test_a_company_needs_a_name_before_it_can_be_saved(qtbot):
    dialog = shown(qtbot, CompanyDialog(None, None))
    assert dialog.windowTitle() == "New company"
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.name, "Hale & Pierce LLP")
    assert dialog.save_button.isEnabled()
    dialog.name.selectAll()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Backspace)
    assert not dialog.save_button.isEnabled()
    assert dialog.message_for("name") == "Name is required"
    assert dialog.name.accessibleDescription() == "Name is required"


def test_formality_follows_the_industry_until_chosen_by_hand(qtbot):
    dialog = shown(qtbot, CompanyDialog(None, None))
    qtbot.keyClicks(dialog.name, "Hale & Pierce LLP")
    assert dialog.formality.currentData() == "neutral"
    qtbot.keyClicks(dialog.industry, "law")
    assert dialog.formality.currentData() == "formal"
    dialog.industry.selectAll()
    qtbot.keyClicks(dialog.industry, "software")
    assert dialog.formality.currentData() == "casual"
    # The user picks one: from then on the industry no longer changes it.
    dialog.formality.setFocus()
    qtbot.keyClick(dialog.formality, Qt.Key.Key_Up)
    assert dialog.formality.currentData() == "neutral"
    assert "by hand" in dialog.formality_hint.text()
    dialog.industry.selectAll()
    qtbot.keyClicks(dialog.industry, "banking")
    assert dialog.formality.currentData() == "neutral"
    value = dialog.value()
    assert (value.name, value.industry, value.formality) == (
        "Hale & Pierce LLP",
        "banking",
        "neutral",
    )


def test_editing_a_company_keeps_a_formality_chosen_by_hand(qtbot):
    record = CompanyRecord(3, "Orbit", "software", "formal", "", "")
    dialog = shown(qtbot, CompanyDialog(None, record))
    assert dialog.windowTitle() == "Edit Orbit"
    qtbot.keyClicks(dialog.industry, " games")
    assert dialog.formality.currentData() == "formal"


# --- contact ---


def test_a_bad_email_shows_a_message_and_keeps_save_disabled(qtbot):
    dialog = shown(qtbot, ContactDialog(None, None, [HALE, LOOP]))
    qtbot.keyClicks(dialog.name, "Margaret Hale")
    assert dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.email, "mhale@")
    assert not dialog.save_button.isEnabled()
    assert "not an email address" in dialog.message_for("email")
    assert "not an email address" in dialog.email.accessibleDescription()
    qtbot.keyClicks(dialog.email, "example.com")
    assert dialog.save_button.isEnabled()
    assert dialog.message_for("email") == ""
    qtbot.keyClicks(dialog.company.lineEdit(), "Hale & Pierce LLP")
    qtbot.keyClicks(dialog.mailing_address, "1 Court St")
    qtbot.keyClick(dialog.mailing_address, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.mailing_address, "Boston, MA 02108")
    assert dialog.value() == ContactInput(
        name="Margaret Hale",
        surname="Hale",  # taken from the name as it was typed
        company_id=1,
        email="mhale@example.com",
        mailing_address="1 Court St\nBoston, MA 02108",
    )


def test_a_salutation_typed_with_the_name_is_chosen_and_the_surname_follows(qtbot):
    dialog = shown(qtbot, ContactDialog(None, None, [HALE]))
    qtbot.keyClicks(dialog.name, "Dr. Alan van der Chu")
    assert dialog.salutation.currentData() == "Dr."
    assert dialog.surname.text() == "van der Chu"
    # A surname typed by hand stays, whatever the name becomes.
    dialog.surname.selectAll()
    qtbot.keyClicks(dialog.surname, "Chu")
    qtbot.keyClicks(dialog.name, "-Li")
    assert dialog.surname.text() == "Chu"
    value = dialog.value()
    assert (value.salutation, value.name, value.surname) == (
        "Dr.",
        "Dr. Alan van der Chu-Li",
        "Chu",
    )


def test_a_company_that_is_not_in_the_list_is_named_in_the_message(qtbot):
    dialog = shown(qtbot, ContactDialog(None, MARGARET, [HALE, LOOP]))
    assert dialog.windowTitle() == "Edit Margaret Hale"
    assert dialog.value().company_id == 1
    dialog.company.lineEdit().selectAll()
    qtbot.keyClicks(dialog.company.lineEdit(), "Acme")
    assert "No company called 'Acme'" in dialog.message_for("company_id")
    assert not dialog.save_button.isEnabled()


def test_show_problems_puts_the_service_message_on_its_field(qtbot):
    dialog = shown(qtbot, ContactDialog(None, MARGARET, [HALE, LOOP]))
    assert dialog.save_button.isEnabled()
    dialog.show_problems({"email": "Priya Raman already uses this address", "other": "Disk full"})
    assert dialog.isVisible()
    assert dialog.message_for("email") == "Priya Raman already uses this address"
    assert dialog.message_for("name") == ""
    assert dialog.general_error.text() == "Disk full"
    assert not dialog.save_button.isEnabled()
    assert dialog.focusWidget() is dialog.email
    qtbot.keyClicks(dialog.email, "m")
    assert dialog.message_for("email") == ""
    assert dialog.save_button.isEnabled()


def test_ctrl_return_saves_and_escape_cancels(qtbot):
    dialog = shown(qtbot, ContactDialog(None, None, []))
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()  # invalid: nothing saved, and now the message shows
    assert dialog.message_for("name") == "Name is required"
    qtbot.keyClicks(dialog.name, "Priya Raman")
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    other = shown(qtbot, ContactDialog(None, None, []))
    qtbot.keyClick(other.name, Qt.Key.Key_Escape)
    assert other.result() == QDialog.DialogCode.Rejected
    assert not other.isVisible()


# --- application ---


def test_an_application_needs_a_company_and_a_role(qtbot):
    dialog = shown(qtbot, ApplicationDialog(None, None, [HALE, LOOP], [MARGARET, PRIYA]))
    assert dialog.windowTitle() == "New application"
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.company.lineEdit(), "Brightloop")
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.role, "Backend Engineer")
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.applied_on.check, Qt.MouseButton.LeftButton)
    dialog.applied_on.edit.setDate(dialog.applied_on.edit.date().addDays(-3))
    qtbot.keyClicks(dialog.primary_contact.lineEdit(), "Priya Raman (Brightloop)")
    value = dialog.value()
    assert (value.company_id, value.role, value.status) == (2, "Backend Engineer", "applied")
    assert value.primary_contact_id == 2
    assert value.applied_on is not None and value.applied_on < date.today()
    dialog.role.clear()
    assert dialog.message_for("role") == "Role is required"


# --- interview ---


def test_an_end_before_the_start_keeps_save_disabled(qtbot):
    dialog = interview_dialog(qtbot)
    assert dialog.windowTitle() == "New interview"
    pick_application(qtbot, dialog)
    assert dialog.save_button.isEnabled()
    assert dialog.start() == datetime(2026, 11, 19, 16, 0, tzinfo=TZ)
    step_down(qtbot, dialog.ends_at, QDateTimeEdit.Section.HourSection, 2)
    assert dialog.end() == datetime(2026, 11, 19, 15, 0, tzinfo=TZ)
    assert dialog.message_for("ends_at") == "The interview must end after it starts"
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.has_end, Qt.MouseButton.LeftButton)  # no end time: fine
    assert dialog.save_button.isEnabled()
    assert dialog.value().interview.ends_at is None


def test_a_promised_date_before_the_interview_keeps_save_disabled(qtbot):
    dialog = interview_dialog(qtbot)
    pick_application(qtbot, dialog)
    assert dialog.promised_by() is None
    qtbot.mouseClick(dialog.promised.check, Qt.MouseButton.LeftButton)
    assert dialog.promised_by() == date(2026, 11, 19)
    step_down(qtbot, dialog.promised.edit, QDateTimeEdit.Section.DaySection)
    assert dialog.message_for("promised_response_by") == (
        "The promised answer date is before the interview"
    )
    assert not dialog.save_button.isEnabled()


def test_two_interviewers_one_new_each_with_talking_points(qtbot):
    dialog = interview_dialog(qtbot)
    pick_application(qtbot, dialog)
    qtbot.mouseClick(dialog.interviewers.add_button, Qt.MouseButton.LeftButton)
    first = dialog.interviewers.rows[0]
    assert not dialog.save_button.isEnabled()  # a row with nobody picked
    qtbot.keyClicks(first.contact.lineEdit(), "Margaret Hale (Hale & Pierce LLP)")
    qtbot.keyClicks(first.talking_points, "her clerkship story")
    assert dialog.save_button.isEnabled()

    qtbot.mouseClick(dialog.interviewers.new_button, Qt.MouseButton.LeftButton)
    second = dialog.interviewers.rows[1]
    assert second.heading.text() == "New interviewer 2"
    qtbot.keyClicks(second.name, "Daniel Okafor")
    qtbot.keyClicks(second.email, "dokafor@")
    assert "not an email address" in second.error.text()
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(second.email, "halepierce.example")
    qtbot.keyClicks(second.title, "Senior Associate")
    qtbot.keyClicks(second.talking_points, "we both rowed in college")
    assert dialog.save_button.isEnabled()

    draft = dialog.value()
    assert draft.interview.application_id == 7
    assert draft.interview.participants == (
        ParticipantInput(contact_id=1, talking_points="her clerkship story"),
    )
    assert draft.new_contacts == (
        (
            ContactInput(
                name="Daniel Okafor",
                title="Senior Associate",
                email="dokafor@halepierce.example",
                company_id=1,
            ),
            ParticipantInput(contact_id=0, talking_points="we both rowed in college"),
        ),
    )
    assert [p.contact_id for p in draft.complete([42]).participants] == [1, 42]

    # Move the new one up: the order is kept once its contact exists.
    qtbot.mouseClick(second.up_button, Qt.MouseButton.LeftButton)
    assert dialog.interviewers.rows == [second, first]
    assert second.heading.text() == "New interviewer 1"
    everyone = dialog.value().complete([42]).participants
    assert [(p.contact_id, p.talking_points) for p in everyone] == [
        (42, "we both rowed in college"),
        (1, "her clerkship story"),
    ]
    qtbot.mouseClick(first.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.interviewers.rows == [second]


def test_the_same_person_cannot_be_listed_twice(qtbot):
    dialog = interview_dialog(qtbot)
    pick_application(qtbot, dialog)
    for _ in range(2):
        qtbot.mouseClick(dialog.interviewers.add_button, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.interviewers.rows[-1].contact.lineEdit(), "Priya Raman (Brightloop)")
    assert dialog.interviewers.rows[1].error.text() == "This person is already listed"
    assert not dialog.save_button.isEnabled()


def test_editing_an_interview_shows_its_times_in_the_users_zone(qtbot):
    record = InterviewRecord(
        3,
        7,
        "Hale & Pierce LLP",
        "Associate",
        datetime(2026, 11, 20, 15, 0, tzinfo=ZoneInfo("UTC")),
        datetime(2026, 11, 20, 16, 0, tzinfo=ZoneInfo("UTC")),
        "onsite",
        "1 Court St",
        date(2026, 11, 25),
        "",
        False,
        (ParticipantRecord(1, "Margaret Hale", talking_points="the pro bono program"),),
    )
    dialog = interview_dialog(qtbot, record)
    assert dialog.windowTitle() == "Edit interview — Associate at Hale & Pierce LLP"
    draft = dialog.value()
    assert draft.interview.starts_at == datetime(2026, 11, 20, 10, 0, tzinfo=TZ)
    assert draft.interview.starts_at.tzinfo is TZ
    assert draft.interview.promised_response_by == date(2026, 11, 25)
    assert draft.interview.participants == (
        ParticipantInput(1, talking_points="the pro bono program"),
    )
    dialog.show_problems({"participants": "Margaret Hale was deleted meanwhile"})
    assert dialog.message_for("participants") == "Margaret Hale was deleted meanwhile"


# --- reply ---


def test_a_reply_returns_an_aware_time_and_cannot_be_in_the_future(qtbot):
    dialog = shown(qtbot, ReplyDialog(None, ASSOCIATE, TZ, now=NOW))
    assert dialog.windowTitle() == "Record a reply — Associate at Hale & Pierce LLP"
    qtbot.keyClicks(dialog.note, "invited to round two")
    assert not dialog.save_button.isEnabled()  # what they said is not chosen yet
    offer = dialog.outcome_buttons["offer"]
    # On its circle, where a person clicks (the row is wider than what it hits).
    qtbot.mouseClick(offer, Qt.MouseButton.LeftButton, pos=QPoint(8, offer.height() // 2))
    assert dialog.save_button.isEnabled()
    assert dialog.effect.text() == "The application becomes “Offer”."
    assert dialog.value() == (
        datetime(2026, 11, 19, 15, 20, tzinfo=TZ),
        "invited to round two",
        "offer",
    )
    dialog.received_at.setFocus()
    dialog.received_at.setCurrentSection(QDateTimeEdit.Section.DaySection)
    qtbot.keyClick(dialog.received_at, Qt.Key.Key_Up)
    assert dialog.message_for("received_at") == "A reply cannot arrive in the future"
    assert not dialog.save_button.isEnabled()


# --- every dialog ---


def every_dialog() -> list[tuple[str, QDialog]]:
    interview = InterviewDialog(None, None, [ASSOCIATE], [MARGARET, PRIYA], TZ, now=NOW)
    interview.interviewers.add_row(new=False, contact_id=1, talking_points="her clerkship story")
    interview.interviewers.add_row(new=True)
    return [
        ("company", CompanyDialog(None, HALE)),
        ("contact", ContactDialog(None, MARGARET, [HALE, LOOP])),
        ("application", ApplicationDialog(None, ASSOCIATE, [HALE, LOOP], [MARGARET])),
        ("interview", interview),
        ("reply", ReplyDialog(None, ASSOCIATE, TZ, now=NOW)),
    ]


def is_input(widget: QWidget) -> bool:
    # The line edit inside a combo box or date field belongs to it, and is named through it.
    if isinstance(widget.parentWidget(), QComboBox | QAbstractSpinBox):
        return False
    return isinstance(
        widget, QLineEdit | QPlainTextEdit | QComboBox | QAbstractSpinBox | QAbstractButton
    )


@pytest.mark.parametrize("index", range(5))
def test_every_input_and_button_has_an_accessible_name(qtbot, index, tmp_path):
    name, dialog = every_dialog()[index]
    shown(qtbot, dialog)
    unnamed = [
        f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
        for w in dialog.findChildren(QWidget)
        if is_input(w) and w.isVisibleTo(dialog) and not w.accessibleName()
    ]
    assert unnamed == []
    shot = tmp_path / f"{name}.png"
    assert dialog.grab().save(str(shot)) and shot.stat().st_size > 3_000


# --- typing goes into the form; Escape asks before it throws typing away ---


def _open_through_the_window(window, qtbot, open_dialog, check):
    """Open a dialog the way the menu does, then run `check` on it while it is up."""
    seen = []

    def run(dialog):
        qtbot.addWidget(dialog)
        seen.append(dialog)
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, lambda: check(dialog))
        return dialog.exec()

    window.editor.exec_dialog = run
    open_dialog()
    return seen


@pytest.mark.parametrize(
    ("opener", "first_field"),
    [
        ("new_company", "name"),
        ("new_contact", "name"),
        ("new_application", "company"),
        ("edit_application", "company"),
    ],
)
def test_every_form_opens_on_its_first_field_and_space_types_into_it(
    window, qtbot, opener, first_field
):
    from desktop.storage.records import ApplicationInput, CompanyInput

    hale = window.search.save_company(CompanyInput("Hale & Pierce LLP", industry="law"))
    app_id = window.search.save_application(ApplicationInput(hale, "Associate"))
    window.refresh_all()
    openers = {
        "new_company": window.editor.new_company,
        "new_contact": window.editor.new_contact,
        "new_application": window.editor.new_application,
        "edit_application": lambda: window.editor.edit(window.search.application(app_id)),
    }
    typed = {}

    def check(dialog):
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
        field = getattr(dialog, first_field)
        focus = QApplication.focusWidget()
        typed["focus"] = focus is field or focus is getattr(field, "lineEdit", lambda: None)()
        # Space and letters go into the field; the dialog stays open.
        edit = field.lineEdit() if hasattr(field, "lineEdit") else field
        edit.selectAll()
        qtbot.keyClicks(focus, "Hale & Pierce LLP" if first_field == "company" else "Ada Byron")
        typed["open"] = dialog.isVisible()
        typed["text"] = edit.text()
        typed["default"] = dialog.save_button.isDefault()
        dialog.reject()

    _open_through_the_window(window, qtbot, openers[opener], check)
    assert typed["focus"], f"{opener}: focus was not on the {first_field} field"
    assert typed["open"] and typed["default"]
    assert typed["text"] in ("Ada Byron", "Hale & Pierce LLP")


def test_return_saves_and_escape_asks_before_discarding(window, qtbot):
    asked = []

    def type_then_escape(dialog):
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
        dialog.confirm_discard = lambda: asked.append("asked") or False  # "Keep editing"
        qtbot.keyClicks(QApplication.focusWidget(), "Brightloop")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
        assert dialog.isVisible(), "Escape threw the typing away"
        # Return presses Save, the default button.
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    _open_through_the_window(window, qtbot, window.editor.new_company, type_then_escape)
    assert asked == ["asked"]
    assert [c.name for c in window.search.companies()] == ["Brightloop"]

    def escape_untouched(dialog):
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
        dialog.confirm_discard = lambda: asked.append("asked again") or False
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)

    seen = _open_through_the_window(window, qtbot, window.editor.new_company, escape_untouched)
    assert asked == ["asked"]  # nothing typed: nothing to ask about
    assert not seen[0].isVisible()


def test_the_company_name_is_not_scolded_before_anything_is_typed(qtbot):
    dialog = shown(qtbot, CompanyDialog(None, None))
    assert dialog.message_for("name") == ""
    assert not dialog.save_button.isEnabled()
