# Over 400 lines on purpose: the composer's tests share one costly demo database.
"""The composer driven through its real widgets on a real database with the demo job search."""

from __future__ import annotations

import email
import email.policy
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:pyspellchecker")


def select_today(window, text: str) -> None:
    tree = window.today.tree
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        for j in range(group.childCount()):
            if group.child(j).text(0) == text:
                tree.setCurrentItem(group.child(j))
                return
    raise AssertionError(f"{text!r} is not in Today")


def open_hale(window, qtbot):
    select_today(window, "Thank Margaret Hale")
    qtbot.mouseClick(window.today.write_button, Qt.MouseButton.LeftButton)
    assert window.composers, "Write… opened no composer"
    composer = window.composers[-1]
    qtbot.waitExposed(composer)
    return composer


def page_for(composer, name: str):
    return next(p for p in composer.pages if p.target.recipient_name == name)


def type_at_end(qtbot, page, text: str) -> None:
    editor = page.editor
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, text)


def test_write_opens_one_personal_draft_per_interviewer(demo_window, qtbot):
    composer = open_hale(demo_window, qtbot)
    labels = [composer.tabs.tabText(i).split(" (")[0] for i in range(composer.tabs.count())]
    assert labels == ["Margaret Hale", "Daniel Okafor"]
    hale, okafor = page_for(composer, "Margaret Hale"), page_for(composer, "Daniel Okafor")
    for page in (hale, okafor):
        text = page.plain_text()
        assert page.target.company in text or page.target.role in text
        # the draft is stored at once, before any typing
        stored = demo_window.search.draft(page.target.followup_id)
        assert stored is not None and stored.body_html
    assert hale.plain_text() != okafor.plain_text()
    # each note refers to what was discussed with that interviewer, not the other one
    assert "clerkship" in hale.target.talking_points
    assert "clinic" in okafor.target.talking_points
    assert "clerkship" in hale.plain_text() and "clerkship" not in okafor.plain_text()
    assert "clinic" in okafor.plain_text() and "clinic" not in hale.plain_text()
    # Write… again brings the same window forward rather than opening a second one
    select_today(demo_window, "Thank Daniel Okafor")
    demo_window.today.write()
    assert len(demo_window.composers) == 1
    assert composer.tabs.currentWidget() is okafor


def test_typing_shows_findings_and_the_draft_survives_closing(demo_window, qtbot):
    composer = open_hale(demo_window, qtbot)
    page = composer.current_page()
    type_at_end(qtbot, page, " Wow!!! Cant wait ")
    page.editor.insertPlainText("😀")  # QTest cannot type a character outside the BMP
    qtbot.waitUntil(lambda: {"exclamations", "emoji"} <= page.findings_panel.codes(), timeout=3000)
    assert page.editor.extraSelections(), "findings are not underlined in the text"
    rows = [page.findings_panel.item(i).text() for i in range(page.findings_panel.count())]
    assert any("exclamation" in row.lower() for row in rows)
    # autosave writes within a couple of seconds of typing, without closing anything
    qtbot.waitUntil(
        lambda: "Cant wait" in demo_window.search.draft(page.target.followup_id).body_html,
        timeout=3000,
    )
    assert page.save_state.text().startswith("Saved")
    followup_id = page.target.followup_id
    composer.close()
    qtbot.waitUntil(lambda: not demo_window.composers)
    reopened = demo_window.open_composer(followup_id)
    qtbot.addWidget(reopened)
    assert "Wow!!! Cant wait 😀" in reopened.current_page().plain_text()


def test_paste_keeps_simple_formatting_and_fetches_nothing(demo_window, qtbot):
    composer = open_hale(demo_window, qtbot)
    page = composer.current_page()
    page.editor.clear()
    data = QMimeData()
    data.setHtml(
        '<p style="color:red;font-size:40px">Kept <b>bold</b> and <i>italic</i>'
        '<script>alert(1)</script><img src="https://tracker.example/pixel.png">'
        '<a href="javascript:alert(2)">bad link</a> <a href="https://firm.example">site</a></p>'
    )
    page.editor.insertFromMimeData(data)
    html = page.body_html()
    assert "bold" in page.plain_text() and "alert" not in page.plain_text()
    for banned in ("script", "img", "tracker.example", "javascript:", "color:red", "40px"):
        assert banned not in html, banned
    assert "https://firm.example" in html
    assert "<b>" in html or "<strong>" in html


def test_bold_shortcut_and_lists_are_stored(demo_window, qtbot):
    composer = open_hale(demo_window, qtbot)
    # Shortcuts reach the active window only.
    composer.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is composer, timeout=2000)
    page = composer.current_page()
    page.editor.clear()
    page.editor.setFocus()
    qtbot.keyClick(page.editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.editor, "Important")
    assert page.format_bar.bold.isChecked()
    page.format_bar.bullets.trigger()
    composer.save_now()
    stored = demo_window.search.draft(page.target.followup_id).body_html
    assert ("<b>Important</b>" in stored) or ("<strong>Important</strong>" in stored)
    assert "<ul>" in stored and "<li>" in stored
    page.editor.undo()
    assert page.format_bar.undo.isEnabled() or page.format_bar.redo.isEnabled()


def test_add_to_dictionary_silences_the_word_and_is_remembered(demo_window, qtbot):
    composer = open_hale(demo_window, qtbot)
    qtbot.waitUntil(lambda: composer.proofreader.ready, timeout=15000)
    page = composer.current_page()
    type_at_end(qtbot, page, " Zorblaxian insight.")
    qtbot.waitUntil(lambda: "spelling" in page.findings_panel.codes(), timeout=3000)
    spelling = next(f for f in page.findings if f.code == "spelling")
    assert page.plain_text()[spelling.start : spelling.end] == "Zorblaxian"
    page.findings_panel.add_to_dictionary.emit("Zorblaxian")
    qtbot.waitUntil(lambda: "spelling" not in page.findings_panel.codes(), timeout=3000)
    assert "Zorblaxian" in demo_window.search.user_words()


def test_the_same_text_to_two_interviewers_is_flagged(demo_window, qtbot):
    composer = open_hale(demo_window, qtbot)
    hale, okafor = page_for(composer, "Margaret Hale"), page_for(composer, "Daniel Okafor")
    okafor.editor.setHtml(hale.editor.toHtml())
    qtbot.waitUntil(lambda: "duplicate_note" in okafor.findings_panel.codes(), timeout=3000)


def test_mark_sent_records_it_and_today_drops_it(demo_window, qtbot):
    composer = open_hale(demo_window, qtbot)
    page = page_for(composer, "Margaret Hale")
    composer.tabs.setCurrentWidget(page)
    with qtbot.waitSignal(composer.data_changed):
        qtbot.mouseClick(page.buttons["sent"], Qt.MouseButton.LeftButton)
    assert page.sent_banner.isVisible() and "Sent" in page.sent_banner.text()
    texts = [
        demo_window.today.tree.topLevelItem(i).child(j).text(0)
        for i in range(demo_window.today.tree.topLevelItemCount())
        for j in range(demo_window.today.tree.topLevelItem(i).childCount())
    ]
    assert "Thank Margaret Hale" not in texts


def today_texts(window) -> list[str]:
    tree = window.today.tree
    return [
        tree.topLevelItem(i).child(j).text(0)
        for i in range(tree.topLevelItemCount())
        for j in range(tree.topLevelItem(i).childCount())
    ]


def test_undo_on_the_sent_banner_puts_the_note_back_in_today(demo_window, qtbot):
    composer = open_hale(demo_window, qtbot)
    page = page_for(composer, "Margaret Hale")
    composer.tabs.setCurrentWidget(page)
    before = demo_window.search.followup_state(page.target.followup_id)
    with qtbot.waitSignal(composer.data_changed):
        qtbot.mouseClick(page.buttons["sent"], Qt.MouseButton.LeftButton)
    assert "Undo" in page.sent_banner.text()
    assert "Thank Margaret Hale" not in today_texts(demo_window)
    with qtbot.waitSignal(composer.data_changed):
        page.sent_banner.linkActivated.emit("undo")
    assert not page.sent_banner.isVisible()
    assert demo_window.search.followup_state(page.target.followup_id) == before
    assert "Thank Margaret Hale" in today_texts(demo_window)
    # Once taken back there is nothing more to undo; marking it again offers Undo again.
    page.sent_banner.linkActivated.emit("undo")
    qtbot.mouseClick(page.buttons["sent"], Qt.MouseButton.LeftButton)
    assert "Undo" in page.sent_banner.text()


def email_page(demo_window, qtbot):
    """A demo follow-up that goes by email (the Hale notes are cards: a formal firm)."""
    from datetime import UTC, datetime, timedelta

    for item in demo_window.search.today(datetime.now(UTC) + timedelta(days=30)):
        if item.channel == "email" and item.contact and item.kind == "thank_you":
            composer = demo_window.open_composer(item.id)
            qtbot.addWidget(composer)
            return composer, composer.current_page()
    raise AssertionError(f"the demo has no email thank-you due: {demo_window.today.items}")


def test_eml_draft_opens_in_mail_programs(demo_window, qtbot, tmp_path):
    composer, page = email_page(demo_window, qtbot)
    target = tmp_path / "note.eml"
    composer.delivery.ask_save_path = lambda title, suggested: str(target)
    qtbot.mouseClick(page.buttons["eml"], Qt.MouseButton.LeftButton)
    message = email.message_from_bytes(target.read_bytes(), policy=email.policy.default)
    assert page.target.email in message["To"]
    assert message["Subject"] == page.subject.text() and message["Subject"]
    assert message["X-Unsent"] == "1"
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert page.target.company in plain or page.target.role in plain
    assert "<p>" in html


def test_open_in_mail_app_hands_over_subject_and_body(demo_window, qtbot):
    composer, page = email_page(demo_window, qtbot)
    opened = []
    composer.delivery.open_url = lambda url: opened.append(url.toString()) or True
    qtbot.mouseClick(page.buttons["mail_app"], Qt.MouseButton.LeftButton)
    (url,) = opened
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and unquote(parts.path) == page.target.email
    query = parse_qs(parts.query)
    assert query["subject"] == [page.subject.text()]
    assert page.target.role in query["body"][0] or page.target.company in query["body"][0]


def test_copy_puts_rich_and_plain_text_on_the_clipboard(demo_window, qtbot):
    composer, page = email_page(demo_window, qtbot)
    clipboard = QApplication.clipboard()
    try:
        composer.delivery.copy(page, rich=True)
        data = clipboard.mimeData()
        assert data.hasHtml() and "<p>" in data.html()
        assert " ".join(data.text().split()) == " ".join(page.plain_text().split())
        composer.delivery.copy(page, rich=False)
        assert not clipboard.mimeData().hasHtml()
    finally:
        # The offscreen platform's clipboard crashes the process at exit (SIGSEGV) if it
        # still holds a QMimeData given with setMimeData; xcb does not. Empty it here.
        clipboard.clear()


def test_every_composer_control_has_an_accessible_name(demo_window, qtbot):
    from tests.helpers.window_helpers import unnamed_controls

    assert unnamed_controls(open_hale(demo_window, qtbot)) == []


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    from tests.helpers.smtp_server import make_certificate

    return make_certificate(tmp_path_factory.mktemp("tls"))


def test_send_goes_through_the_mail_server_and_records_sent(demo_window, qtbot, certificate):
    from desktop.compose.mail_settings import save_account
    from desktop.compose.smtp import SmtpAccount
    from desktop.platform import secrets
    from tests.helpers.memory_keyring import keyring_backend
    from tests.helpers.smtp_server import PASSWORD, USER, client_context, smtp_server

    cert, key = certificate
    with keyring_backend(), smtp_server("starttls", cert, key) as (port, inbox):
        account = SmtpAccount("127.0.0.1", port, "starttls", USER, "alex@example.com", "Alex")
        save_account(demo_window.workspace.store, account)
        secrets.set_password(account.keyring_key, PASSWORD)
        composer, page = email_page(demo_window, qtbot)
        composer.delivery.ssl_context = client_context(cert)
        composer.delivery.ask_password = lambda prompt: pytest.fail("asked for a stored password")
        with qtbot.waitSignal(composer.data_changed, timeout=20000):
            qtbot.mouseClick(page.buttons["send"], Qt.MouseButton.LeftButton)
        (received,) = inbox.messages
        assert received.rcpt_tos == [page.target.email]
        message = email.message_from_bytes(received.content, policy=email.policy.default)
        assert message["Subject"] == page.subject.text()
        assert page.target.role in message.get_body(("plain",)).get_content()
        assert "<p>" in message.get_body(("html",)).get_content()
    assert page.sent_banner.isVisible()
    pending = demo_window.search.today(_far())
    assert page.target.followup_id not in [i.id for i in pending]


def _far():
    from datetime import UTC, datetime, timedelta

    return datetime.now(UTC) + timedelta(days=30)


def test_offline_send_waits_in_the_outbox_and_goes_later(demo_window, qtbot, certificate):
    from desktop.compose.mail_settings import save_account
    from desktop.compose.smtp import SmtpAccount
    from desktop.platform import secrets
    from desktop.ui.outbox_runner import deliver_waiting
    from tests.helpers.memory_keyring import keyring_backend
    from tests.helpers.smtp_server import PASSWORD, USER, client_context, free_port, smtp_server

    cert, key = certificate
    port = free_port()  # nothing listens yet: "offline"
    with keyring_backend():
        account = SmtpAccount("127.0.0.1", port, "starttls", USER, "alex@example.com", "Alex")
        save_account(demo_window.workspace.store, account)
        secrets.set_password(account.keyring_key, PASSWORD)
        composer, page = email_page(demo_window, qtbot)
        composer.delivery.ssl_context = client_context(cert)
        qtbot.mouseClick(page.buttons["send"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.buttons["send"].isEnabled(), timeout=20000)
        assert "outbox" in composer.problem.text()
        assert not page.sent_banner.isVisible()
        assert page.target.followup_id in [i.id for i in demo_window.search.today(_far())]
        with smtp_server("starttls", cert, key, port=port) as (_, inbox):
            said = deliver_waiting(demo_window.workspace.store, _now, client_context(cert))
            assert said == "1 note from the outbox went out"
            assert len(inbox.messages) == 1
    assert page.target.followup_id not in [i.id for i in demo_window.search.today(_far())]


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)


def test_own_template_is_tried_before_saving_and_then_offered(demo_window, qtbot):
    from desktop.ui.composer.template_editor import TemplateEditor

    composer = open_hale(demo_window, qtbot)
    seen = {}

    def drive(dialog: TemplateEditor) -> int:
        dialog.show()
        dialog.ask_name = lambda suggested: "short_thanks"
        dialog.choice.setCurrentIndex(dialog.choice.findText("Thank you (formal)"))
        assert dialog.text.isReadOnly()  # a built-in one is copied, not edited
        dialog.copy()
        assert dialog.choice.currentText() == "Short thanks (mine)"
        assert not dialog.text.isReadOnly()
        good = dialog.text.toPlainText()
        dialog.text.setPlainText(good.replace("{% block body %}", "{% block body %}{{ nope }}"))
        assert not dialog.save()
        seen["problem"] = dialog.problem.text()
        path = demo_window.workspace.paths.user_templates / "short_thanks.j2"
        seen["kept"] = "nope" not in path.read_text(encoding="utf-8")
        dialog.text.setPlainText(
            good.replace("{% block body %}", "{% block body %}<p>Short and sincere.</p>")
        )
        assert dialog.save()
        return 0

    composer.exec_dialog = drive
    page = composer.current_page()
    qtbot.mouseClick(page.edit_templates, Qt.MouseButton.LeftButton)
    assert "nope" in seen["problem"] and "line" in seen["problem"]
    assert seen["kept"], "a template that fails was written over the good one"
    index = page.template.findData("short_thanks")
    assert index >= 0
    page.template.setCurrentIndex(index)
    composer.delivery.confirm = lambda title, text: True
    page.editor.document().setModified(True)
    qtbot.mouseClick(page.use_template, Qt.MouseButton.LeftButton)
    assert page.plain_text().startswith("Short and sincere.")
    page.editor.undo()  # starting again from a template can be taken back
    assert not page.plain_text().startswith("Short and sincere.")


@pytest.mark.system
def test_all_cards_of_an_interview_go_into_one_pdf(
    demo_window, qtbot, tmp_path, no_unanswered_boxes
):
    import subprocess

    from tests.conftest import require_tool

    pdftotext = require_tool("pdftotext")
    composer = open_hale(demo_window, qtbot)
    target = tmp_path / "cards"  # the dialog adds the .pdf the filter asks for
    asked = []
    composer.delivery.file_dialog = lambda title, start, kind: (
        asked.append((start, kind)) or str(target)
    )
    page = composer.current_page()
    qtbot.mouseClick(page.buttons["all_cards"], Qt.MouseButton.LeftButton)
    target = tmp_path / "cards.pdf"
    # A PDF is offered (not an email draft), and the answer names where it went.
    [(start, kind)] = asked
    assert kind == "PDF (*.pdf)" and start.endswith("Hale & Pierce LLP - Litigation Associate.pdf")
    assert no_unanswered_boxes == [("Wrote 2 cards, one per interviewer, to", target)]
    # The next save opens in that folder.
    assert composer.delivery.last_folder() == tmp_path
    pages = subprocess.run(
        [pdftotext, "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) == 2
    assert "Dear Ms. Hale," in pages[0] and "clerkship" in pages[0]
    assert "Dear Mr. Okafor," in pages[1] and "clinic you run" in pages[1]


def test_a_refused_note_waits_in_the_outbox_until_tried_again(demo_window, qtbot, certificate):
    from desktop.compose.mail_settings import save_account
    from desktop.compose.smtp import SmtpAccount
    from desktop.platform import secrets
    from desktop.ui.outbox_dialog import OutboxDialog
    from desktop.ui.outbox_runner import deliver_waiting
    from tests.helpers.memory_keyring import keyring_backend
    from tests.helpers.smtp_server import PASSWORD, USER, client_context, smtp_server

    cert, key = certificate
    store = demo_window.workspace.store
    with keyring_backend(), smtp_server("starttls", cert, key) as (port, inbox):
        account = SmtpAccount("127.0.0.1", port, "starttls", USER, "alex@example.com", "Alex")
        save_account(store, account)
        secrets.set_password(account.keyring_key, "not the password")
        composer, page = email_page(demo_window, qtbot)
        composer.delivery.ssl_context = client_context(cert)
        qtbot.mouseClick(page.buttons["send"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.buttons["send"].isEnabled(), timeout=20000)
        assert "Not sent" in composer.problem.text() and not inbox.messages

        dialog = OutboxDialog(
            store,
            demo_window.workspace.tz,
            lambda: deliver_waiting(store, _now, client_context(cert)),
        )
        qtbot.addWidget(dialog)
        assert dialog.table.rowCount() == 1
        assert "Failed" in dialog.table.item(0, 2).text()
        assert "password" in dialog.table.item(0, 3).text().lower()
        assert not dialog.retry.isEnabled()  # nothing chosen yet
        dialog.table.selectRow(0)
        assert dialog.retry.isEnabled()
        secrets.set_password(account.keyring_key, PASSWORD)  # the person fixed it in Settings
        qtbot.mouseClick(dialog.retry, Qt.MouseButton.LeftButton)
        assert len(inbox.messages) == 1
        assert dialog.table.rowCount() == 0
        assert "empty" in dialog.summary.text()
    assert page.target.followup_id not in [i.id for i in demo_window.search.today(_far())]


def test_file_outbox_opens_with_an_empty_state(demo_window, qtbot):
    seen = {}

    def look(dialog) -> int:
        seen["summary"] = dialog.summary.text()
        seen["rows"] = dialog.table.rowCount()
        return 0

    demo_window.editor.exec_dialog = look
    demo_window.show_outbox()
    assert seen == {"summary": seen["summary"], "rows": 0}
    assert "The outbox is empty" in seen["summary"]
