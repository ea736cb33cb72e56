"""The composer where the story stumbled: envelopes without an address, marking a note
with problems sent, spelling fixes on the word itself, a clean check-in, British English."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from desktop.storage.records import CompanyInput
from desktop.ui.main_window import MainWindow
from tests.helpers.job_search_helpers import at, build

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:pyspellchecker")


@pytest.fixture
def law_window(qtbot, workspace):
    """A law firm's interview with Margaret Hale and Tom Pierce: two thank-you cards, and
    no mailing address anywhere (nor the user's name: drafts are signed "[your name]")."""
    clock = lambda: at(16, 14)  # noqa: E731
    window = MainWindow(workspace, clock=clock)
    window.search.clock = clock
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.story = build(window.search)
    window.refresh_all()
    return window


def open_note(window, qtbot, name: str):
    item = next(i for i in window.today.items if i.contact == name)
    composer = window.open_composer(item.id)  # closed with the window at the end
    qtbot.waitExposed(composer)
    page = next(p for p in composer.pages if p.target.recipient_name == name)
    composer.tabs.setCurrentWidget(page)
    return composer, page


def rendered(qtbot, preview) -> None:
    qtbot.waitUntil(lambda: not preview.pending() and preview.fit() is not None, timeout=5000)


def test_a_card_without_an_address_still_exports_and_the_envelope_says_what_it_needs(
    law_window, qtbot, tmp_path
):
    composer, page = open_note(law_window, qtbot, "Margaret Hale")
    preview = page.card_preview
    preview.set_envelope_size("a2")
    rendered(qtbot, preview)
    needs = "add a mailing address to Margaret Hale (Contacts ▸ Edit), or to Hale & Pierce LLP"
    assert needs in preview.status_text()
    assert preview.export_button.isEnabled() and preview.print_button.isEnabled()
    assert not preview.print_envelope_button.isEnabled()
    assert needs in preview.print_envelope_button.toolTip()

    composer.delivery.file_dialog = lambda title, start, kind: str(tmp_path / "hale.pdf")
    qtbot.mouseClick(preview.export_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "hale.pdf").exists()
    assert not (tmp_path / "hale-envelope.pdf").exists()
    status = preview.status_text()
    assert status.startswith(f"Saved hale.pdf in {tmp_path}") and needs in status
    # The card is done, and says so: nothing turned red, nothing was switched off.
    assert preview.export_button.isEnabled() and preview.print_button.isEnabled()
    composer.close()

    # The firm's address feeds the envelope of everyone there without one of their own.
    search = law_window.search
    firm = search.company(law_window.story.company)
    fields = {f.name: getattr(firm, f.name) for f in dataclasses.fields(CompanyInput)}
    search.save_company(
        CompanyInput(**{**fields, "mailing_address": "1 Court St\nBoston, MA 02108"}), firm.id
    )
    composer, page = open_note(law_window, qtbot, "Tom Pierce")
    preview = page.card_preview
    preview.set_envelope_size("a2")
    rendered(qtbot, preview)
    assert [f.name for f in preview.canvas.faces()] == ["Card", "Envelope"]
    assert preview.print_envelope_button.isEnabled()
    composer.delivery.file_dialog = lambda title, start, kind: str(tmp_path / "tom.pdf")
    qtbot.mouseClick(preview.export_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "tom-envelope.pdf").exists()


def test_mark_sent_asks_while_the_checklist_shows_errors(law_window, qtbot):
    composer, page = open_note(law_window, qtbot, "Margaret Hale")
    assert "[your name]" in page.plain_text()  # nobody told Afterword the user's name
    asked: list[str] = []
    composer.delivery.confirm = lambda title, text: asked.append(text) or False
    qtbot.mouseClick(page.buttons["sent"], Qt.MouseButton.LeftButton)
    assert asked and "[your name]" in asked[0] and "Mark it as sent anyway?" in asked[0]
    assert law_window.search.followup_state(page.target.followup_id).status != "sent"
    assert not page.sent_banner.isVisible()

    composer.delivery.confirm = lambda title, text: True
    qtbot.mouseClick(page.buttons["sent"], Qt.MouseButton.LeftButton)
    assert law_window.search.followup_state(page.target.followup_id).status == "sent"


def test_right_click_on_a_misspelt_word_offers_corrections(law_window, qtbot):
    composer, page = open_note(law_window, qtbot, "Margaret Hale")
    qtbot.waitUntil(lambda: composer.proofreader.ready, timeout=20_000)
    editor = page.editor
    editor.setPlainText("Thnak you for the converstion about your clerkship story.")
    qtbot.waitUntil(lambda: "spelling" in page.findings_panel.codes(), timeout=3000)
    cursor = QTextCursor(editor.document())
    cursor.setPosition(2)  # inside "Thnak"
    point = editor.cursorRect(cursor).center()
    menu = editor.menu_at(point)
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[0] == "Thank"
    assert "Add “Thnak” to the dictionary" in texts
    menu.actions()[0].trigger()
    assert editor.toPlainText().startswith("Thank you for the converstion")
    # Elsewhere the menu is the editor's own: no suggestions on a correct word.
    plain = editor.menu_at(QPoint(2, editor.viewport().height() - 3))
    assert "Thank" not in [a.text() for a in plain.actions()]


def test_a_clean_check_in_says_so_and_its_subject_has_a_label(law_window, qtbot):
    search = law_window.search
    search.mark_sent(1, at(16, 15))
    search.mark_sent(2, at(16, 15))
    check_in = next(i for i in search.today(at(27, 10)) if i.kind == "check_in")
    composer = law_window.open_composer(check_in.id)
    page = composer.current_page()
    assert page.subject_label.text() == "&Subject:" and page.subject_label.buddy() is page.subject
    assert page.subject_label.isVisible()
    page.editor.setPlainText(
        "Dear Hiring Team,\n\nI hope you are well. Thank you again for the interview for the "
        "Associate role; I enjoyed learning about your clerkship story. I remain very interested and "
        "would be glad of any update.\n\nKind regards,\nAda Byron"
    )
    composer.check(page)
    rows = [page.findings_panel.item(i).text() for i in range(page.findings_panel.count())]
    assert rows[0] == "Nothing to fix — it reads well.", rows


def test_british_english_passes_programme_and_flags_color(law_window, qtbot):
    workspace = law_window.workspace
    rules = dataclasses.replace(workspace.rules, spelling_variant="en-GB")
    workspace.save_settings(workspace.profile, rules)
    composer, page = open_note(law_window, qtbot, "Margaret Hale")
    qtbot.waitUntil(lambda: composer.proofreader.ready, timeout=20_000)
    page.editor.setPlainText(
        "Thank you for telling me about the pro bono programme; its candour and color stayed "
        "with me."
    )
    composer.check(page)
    flagged = [page.plain_text()[f.start : f.end] for f in page.findings if f.code == "spelling"]
    assert flagged == ["color"]
    assert composer.proofreader.suggestions("color")[0] == "colour"


def test_templates_are_edited_as_fields_and_previewed_on_the_real_interview(law_window, qtbot):
    from desktop.ui.composer.template_editor import TemplateEditor

    composer, page = open_note(law_window, qtbot, "Margaret Hale")
    seen = {}

    def drive(dialog: TemplateEditor) -> int:
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.choice.setCurrentIndex(dialog.choice.findText("Thank you (formal)"))
        friendly = dialog.fields.toPlainText()
        # The person reads named fields, not Jinja2; the source is one tab away.
        assert "{Talking point}" in friendly and "{{" not in friendly
        assert not friendly.startswith("{#")  # the template's own notes stay in the source
        assert "{{ talking_point }}" in dialog.text.toPlainText()
        assert dialog.preview_label.text() == (
            "Preview for Margaret Hale — Hale & Pierce LLP, Associate"
        )
        assert "your clerkship story" in dialog.preview.toPlainText()
        dialog.ask_name = lambda suggested: "warm_thanks"
        dialog.copy()
        dialog.fields.setFocus()
        cursor = dialog.fields.textCursor()
        cursor.setPosition(dialog.fields.toPlainText().index("{% block body %}") + 16)
        dialog.fields.setTextCursor(cursor)
        qtbot.keyClicks(dialog.fields, "<p>Dear ")
        dialog.insert_field("First name")
        qtbot.keyClicks(dialog.fields, ", it was a joy. {Firstname}</p>")
        qtbot.waitUntil(
            lambda: "Dear Margaret, it was a joy." in dialog.preview.toPlainText(), timeout=3000
        )
        seen["typo"] = dialog.problem.text()
        for _ in "{Firstname}</p>":  # the mistyped field goes
            qtbot.keyClick(dialog.fields, Qt.Key.Key_Backspace)
        qtbot.keyClicks(dialog.fields, "</p>")
        assert dialog.save()
        return 0

    composer.exec_dialog = drive
    qtbot.mouseClick(page.edit_templates, Qt.MouseButton.LeftButton)
    assert seen["typo"] == "No field called {Firstname} — see Insert field"
    saved = (law_window.workspace.paths.user_templates / "warm_thanks.j2").read_text()
    assert "<p>Dear {{ first_name }}, it was a joy. </p>" in saved
    assert page.template.findData("warm_thanks") >= 0
