"""The window around the story: the first-run welcome, finding, settings, appearance, help."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from tests.helpers.job_search_helpers import at, build


def active(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def test_the_first_run_asks_who_you_are_and_drafts_are_signed(window, qtbot):
    seen = []

    def welcome(dialog):
        qtbot.addWidget(dialog)
        seen.append(dialog)
        dialog.show()
        qtbot.keyClicks(dialog.name, "Ada Lovelace")
        assert dialog.signature.toPlainText() == "Ada Lovelace"  # follows the name
        qtbot.keyClicks(dialog.emails, "ada@example.com")
        dialog.timezone.setCurrentText("Europe/London")
        dialog.quiet_start.setTime(dialog.quiet_start.time().fromString("22:00", "HH:mm"))
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    window.editor.exec_dialog = welcome
    window.offer_welcome()
    profile, rules = window.workspace.profile, window.workspace.rules
    assert (profile.name, profile.signature, profile.emails, profile.timezone) == (
        "Ada Lovelace",
        "Ada Lovelace",
        ("ada@example.com",),
        "Europe/London",
    )
    assert rules.quiet_start.strftime("%H:%M") == "22:00"
    assert "Welcome, Ada Lovelace" in window.statusBar().currentMessage()
    # Once: it is not offered again.
    window.offer_welcome()
    assert len(seen) == 1

    # The drafts are signed by her, not "[your name]".
    window.search.rules = window.workspace.rules
    build(window.search)
    item = next(i for i in window.search.today(at(16, 14)) if i.contact == "Margaret Hale")
    composer = window.open_composer(item.id)
    assert "Ada Lovelace" in composer.current_page().plain_text()
    assert "[your name]" not in composer.current_page().plain_text()


def test_skipping_the_welcome_is_remembered(window, qtbot):
    seen = []
    window.editor.exec_dialog = lambda dialog: seen.append(dialog) or QDialog.DialogCode.Rejected
    window.offer_welcome()
    window.offer_welcome()
    assert len(seen) == 1 and window.workspace.profile.name == ""


def test_your_name_is_asked_once_in_settings(window, qtbot):
    from desktop.ui.mail_settings_page import add_mail_page
    from desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(None, window.workspace.profile, window.workspace.rules, ["UTC"])
    qtbot.addWidget(dialog)
    add_mail_page(dialog, window.workspace.store)
    captions = [w.text().replace("&", "") for w in dialog.findChildren(QLabel)]
    assert captions.count("Name:") == 1  # Settings ▸ You
    assert "Your name:" not in captions and "Sender name:" in captions


def test_ctrl_return_saves_the_settings(window, qtbot):
    from desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(None, window.workspace.profile, window.workspace.rules, ["UTC"])
    qtbot.addWidget(dialog)
    dialog.show()
    active(qtbot, dialog)
    qtbot.keyClicks(dialog.name_edit, "Ada")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_ctrl_k_searches_everything_from_an_empty_box_and_ctrl_f_filters_the_list(
    demo_window, qtbot
):
    window = active(qtbot, demo_window)
    box = window.search_box
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, "okaf")
    qtbot.waitUntil(lambda: box.results.count() > 0)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.current_view_name() == "Contacts"
    assert box.text() == ""  # the old search does not wait in the box
    window.search_box.setText("stale")
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert box.hasFocus() and box.text() == ""
    # In Contacts, Ctrl+F goes to the list's own filter, not to the global search.
    window.contacts.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.contacts.filter.hasFocus()


def test_appearance_follows_the_choice_in_the_view_menu(window, qtbot):
    from desktop.ui.theme import saved_appearance

    app = QApplication.instance()
    try:
        window.appearance_actions["dark"].trigger()
        assert app.palette().window().color().lightness() < 128
        assert saved_appearance(window.workspace.paths.data) == "dark"
        window.appearance_actions["light"].trigger()
        assert app.palette().window().color().lightness() > 128
    finally:
        window.set_appearance("auto")


def test_help_says_where_the_data_lives_and_lists_the_shortcuts(window, qtbot):
    shown = []

    def look(dialog):
        qtbot.addWidget(dialog)
        shown.append(dialog)
        return QDialog.DialogCode.Rejected

    window.editor.exec_dialog = look
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    for action in help_menu.actions():
        if action.text():
            action.trigger()
    titles = [d.windowTitle() for d in shown]
    assert titles == ["Keyboard shortcuts", "Where your data lives", "About Afterword"]
    where = " ".join(label.text() for label in shown[1].findChildren(QLabel))
    assert str(window.workspace.paths.database) in where


def test_edit_and_delete_are_greyed_out_with_nothing_selected(window, qtbot):
    window.show_view("Contacts")
    assert not window.edit_selected_action.isEnabled()
    assert not window.delete_selected_action.isEnabled()
    build(window.search)
    window.refresh_all()
    assert window.contacts.current() is not None
    assert window.edit_selected_action.isEnabled()
    window.show_view("Today")
    assert not window.delete_selected_action.isEnabled()


def test_the_record_lists_buttons_need_a_selection(window, qtbot):
    window.show_view("Applications")
    buttons = window.applications.findChildren(type(window.applications.new_button))
    acting = [b for b in buttons if b.text() in ("Record reply…", "Close as no response")]
    assert len(acting) == 2 and not any(b.isEnabled() for b in acting)
    build(window.search)
    window.refresh_all()
    assert all(b.isEnabled() for b in acting)


def test_a_video_interview_can_be_joined_from_the_list_and_the_dialog(demo_window, qtbot):
    opened = []
    demo_window.open_url = lambda url: opened.append(url.toString()) or True
    demo_window.show_view("Interviews")
    view = demo_window.interviews
    view.choice.setCurrentIndex(view.choice.findData(None))
    brightloop = next(i for i in demo_window.search.interviews() if "meet.example" in i.location)
    view.select_id(brightloop.id)
    assert demo_window.join_button.isEnabled()
    qtbot.mouseClick(demo_window.join_button, Qt.MouseButton.LeftButton)
    assert opened == ["https://meet.example/brightloop-frontend"]
    onsite = next(i for i in demo_window.search.interviews() if i.location.startswith("1 Court"))
    view.select_id(onsite.id)
    assert not demo_window.join_button.isEnabled()


def test_columns_fit_their_text_the_role_takes_the_rest_and_cells_say_it_all(demo_window):

    demo_window.resize(1024, 640)
    demo_window.show_view("Applications")
    view = demo_window.applications
    header = view.table.horizontalHeader()
    role = [c.title for c in view.model.columns].index("Role")
    # The role is never squeezed below its text; the whole row fits the window's width.
    assert header.sectionSize(role) >= view.table.sizeHintForColumn(role)
    assert header.length() <= view.table.viewport().width() + 1
    assert not header.stretchLastSection()
    index = view.model.index(0, role)
    assert view.model.data(index, Qt.ItemDataRole.ToolTipRole) == view.model.data(index)
