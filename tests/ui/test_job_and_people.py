"""The job itself in the application form, and contacts as people, through real widgets on
a real database: clear messages for a salary, link or tag that does not read, the posting
handed to the browser through QDesktopServices, the job kept and found by search, the
contacts' tag filter and a person's timeline."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog

from desktop.storage.records import JobDetails
from desktop.ui.forms.application import ApplicationDialog
from desktop.ui.forms.contact import ContactDialog
from tests.helpers.window_helpers import NOW, accept_with


class _Browser(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


@contextmanager
def browser():
    """What QDesktopServices hands to the browser for web links, recorded instead."""
    catcher = _Browser()
    for scheme in ("http", "https"):
        QDesktopServices.setUrlHandler(scheme, catcher, "open")
    try:
        yield catcher.opened
    finally:
        for scheme in ("http", "https"):
            QDesktopServices.unsetUrlHandler(scheme)


def edit_application(window, role: str, fill) -> QDialog:
    record = next(a for a in window.search.applications() if a.role == role)
    seen = []

    def run(dialog):
        seen.append(dialog)
        return accept_with(fill)(dialog)

    window.editor.exec_dialog = run
    window.editor.edit(record)
    return seen[0]


def test_the_job_fields_say_what_does_not_read_and_keep_save_off(pinned_demo_window, qtbot):
    window = pinned_demo_window

    def fill(dialog: ApplicationDialog) -> None:
        assert isinstance(dialog, ApplicationDialog)
        # What the demo holds is shown.
        assert dialog.source.currentText() == "LinkedIn"
        assert dialog.applied_on.value() is not None
        assert (dialog.salary_min.text(), dialog.salary_max.text()) == ("150,000", "175,000")
        assert dialog.work_mode.currentData() == "remote"
        assert dialog.tags.text() == "remote, react"
        assert "React component library" in dialog.description.toPlainText()
        problems = (
            (dialog.salary_min, "190k", "salary", "The top of the range is below its bottom"),
            (dialog.salary_min, "lots", "salary", "Type an amount such as 120000 or 120k"),
            (dialog.posting_url, "not a link", "posting_url", None),
            (dialog.tags, "x" * 41, "tags", "is too long for a tag (at most 40 letters)"),
        )
        for widget, typed, field, message in problems:
            before = widget.text()
            widget.clear()
            qtbot.keyClicks(widget, typed)
            shown = dialog.message_for(field)
            assert shown and (message is None or message in shown), (typed, shown)
            assert not dialog.save_button.isEnabled()
            widget.setText(before)
            assert dialog.message_for(field) == "" and dialog.save_button.isEnabled()
        dialog.currency.setEditText("dollars")
        assert dialog.message_for("salary") == "Currency is a three-letter code such as USD or EUR"
        dialog.currency.setEditText("eur")
        # The new values, typed as people type them.
        dialog.salary_min.setText("120k")
        dialog.salary_max.clear()
        qtbot.keyClicks(dialog.salary_max, "140,000")
        dialog.period.setCurrentIndex(dialog.period.findData("year"))
        dialog.location.setText("Lisbon")
        dialog.work_mode.setCurrentIndex(dialog.work_mode.findData("hybrid"))
        dialog.source.setEditText("Recruiter")
        dialog.tags.setText("#Remote, react, dream job, remote")
        dialog.description.setPlainText("Own the design system; quarterly offsites in Porto.")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    dialog = edit_application(window, "Senior Frontend Engineer", fill)
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = next(a for a in window.search.applications() if a.role == "Senior Frontend Engineer")
    assert saved.source == "Recruiter"
    assert saved.job == JobDetails(
        location="Lisbon",
        work_mode="hybrid",
        salary_min=120_000,
        salary_max=140_000,
        salary_currency="EUR",
        salary_period="year",
        description="Own the design system; quarterly offsites in Porto.",
    )
    assert saved.tags == ("Remote", "react", "dream job")
    # The description is searchable: a word found only there finds the application.
    hits = [(h.kind, h.title) for h in window.search.search("offsites porto")]
    assert hits == [("application", "Senior Frontend Engineer at Brightloop")]
    # The composer shows it beside a note to one of the interviewers.
    soon = window.search.agenda(NOW, NOW + timedelta(days=2))
    sam = next(e for e in soon if e.what == "due" and e.contact == "Sam Lee")
    composer = window.open_composer(sam.ref)
    pane = composer.current_page().job_description
    assert pane.isEnabled() and pane.isReadOnly()
    assert pane.toPlainText() == "Own the design system; quarterly offsites in Porto."
    composer.close()
    qtbot.waitUntil(lambda: not window.composers)


def test_the_posting_link_opens_in_the_browser(pinned_demo_window, qtbot):
    def fill(dialog: ApplicationDialog) -> None:
        dialog.posting_url.setText("brightloop.example/jobs/frontend")
        assert not dialog.open_posting.isEnabled()  # no scheme: not a link to open yet
        dialog.posting_url.setText("https://brightloop.example/jobs/frontend?ref=afterword")
        with browser() as opened:
            qtbot.mouseClick(dialog.open_posting, Qt.MouseButton.LeftButton)
        assert opened == ["https://brightloop.example/jobs/frontend?ref=afterword"]
        dialog.reject()

    edit_application(pinned_demo_window, "Senior Frontend Engineer", fill)


def test_contacts_filter_by_tag_and_show_a_persons_timeline(pinned_demo_window, qtbot):
    window = pinned_demo_window
    window.show_view("Contacts")
    view = window.contacts
    assert [view.choice.itemText(i) for i in range(view.choice.count())] == [
        "All contacts",
        "#partner",
        "#recruiter",
    ]
    view.choice.setCurrentIndex(view.choice.findData("recruiter"))
    model = view.table.model()
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names == ["Kim Nguyen", "Theo Park"]
    view.choice.setCurrentIndex(0)
    assert model.rowCount() == 11

    ines = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Ines Moreau")
    view.table.selectRow(ines)
    person = view.person
    assert person.name.text() == "Ines Moreau"
    assert "ines@ternfinch.example" in person.details.text()
    lines = [person.timeline.item(i).text() for i in range(person.timeline.count())]
    where = "UX Writer at Tern & Finch Design"
    assert lines == [
        f"Check-in to write by email, due by Fri, Dec 4, 23:59 — {where}",
        f"Thank-you to write by email, due by Sat, Nov 28, 11:30 — {where}",
        f"Fri, Nov 27 · On-site interview — {where}",
        f"Note to write by email, due by Monday 17:00 — {where}",
        f"Wed, Nov 11 · Reply: invited to a next round — {where}",
        f"Mon, Nov 9 · Thank-you sent by email — {where}",
        f"Mon, Nov 9 · Phone interview — {where}",
    ]
    opened = []
    window.editor.exec_dialog = lambda dialog: opened.append(dialog.windowTitle()) or 0
    person.timeline.setCurrentRow(6)
    qtbot.keyClick(person.timeline, Qt.Key.Key_Return)
    assert opened == ["Edit interview — UX Writer at Tern & Finch Design"]

    # Sam Lee's LinkedIn link goes to the browser.
    sam = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Sam Lee")
    view.table.selectRow(sam)
    assert "LinkedIn profile" in person.details.text()
    with browser() as opened_links:
        person.details.linkActivated.emit("https://www.linkedin.com/in/samlee-eng")
    assert opened_links == ["https://www.linkedin.com/in/samlee-eng"]


def test_a_linkedin_address_must_be_one(qtbot):
    dialog = ContactDialog(None, None, [])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Sam Lee")
    qtbot.keyClicks(dialog.linkedin_url, "twitter.com/samlee")
    assert dialog.message_for("linkedin_url") == (
        "Enter a LinkedIn address, e.g. https://www.linkedin.com/in/name"
    )
    assert not dialog.save_button.isEnabled()
    dialog.linkedin_url.setText("linkedin.com/in/samlee-eng")
    dialog.tags.setText("alumni, #Alumni, recruiter")
    assert dialog.save_button.isEnabled()
    value = dialog.value()
    assert value.tags == ("alumni", "recruiter")
