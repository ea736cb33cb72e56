"""The Mail page of the Settings dialog, driven through its real widgets."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QWidget,
)

from desktop.compose.mail_settings import load_account, save_account
from desktop.compose.smtp import SmtpAccount
from desktop.core.settings import RuleSettings, UserProfile
from desktop.ui.mail_settings_page import add_mail_page, save_mail_page
from desktop.ui.settings_dialog import SettingsDialog
from tests.helpers.memory_keyring import MemoryKeyring, keyring_backend

ZONES = ["America/New_York", "UTC"]


@pytest.fixture
def memory_keyring():
    with keyring_backend():
        yield MemoryKeyring.store


def _dialog(qtbot, store):
    dialog = SettingsDialog(None, UserProfile(name="Ada"), RuleSettings(), timezones=ZONES)
    qtbot.addWidget(dialog)
    page = add_mail_page(dialog, store)
    dialog.pages.setCurrentRow(dialog.pages.count() - 1)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog, page


def _fill(qtbot, page, **values: str) -> None:
    for name, text in values.items():
        edit = getattr(page, name)
        edit.clear()
        if text.isascii():
            qtbot.keyClicks(edit, text)
        else:  # QTest types ASCII only; insert() is what an input method does
            edit.insert(text)


def test_setting_up_mail_keeps_the_password_in_the_keyring_only(qtbot, workspace, memory_keyring):
    store = workspace.store
    dialog, page = _dialog(qtbot, store)
    assert dialog.pages.currentItem().text() == "Mail"
    assert dialog.ok_button.isEnabled(), "no mail server is a valid choice"
    assert "Afterword never writes it to its own files" in page.keyring_label.text()
    _fill(
        qtbot,
        page,
        host_edit="smtp.example.com",
        username_edit="ada@example.com",
        name_edit="Ada Lovelace",
        address_edit="ada@example.com",
        password_edit="pässword 123",
    )
    page.security_combo.setCurrentIndex(page.security_combo.findData("ssl"))
    assert page.port_spin.value() == 465, "the usual port follows the security choice"
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    message = save_mail_page(page, store)
    assert message == "Mail settings saved; the password is kept in the system keyring"
    account = load_account(store)
    assert account == SmtpAccount(
        "smtp.example.com", 465, "ssl", "ada@example.com", "ada@example.com", "Ada Lovelace"
    )
    assert memory_keyring == {
        ("Afterword", "smtp:ada@example.com@smtp.example.com"): "pässword 123"
    }
    workspace.store.close()
    for path in workspace.paths.data.rglob("*"):
        if path.is_file():
            assert "pässword 123".encode() not in path.read_bytes(), path


def test_a_bad_field_is_named_and_ok_waits(qtbot, workspace, memory_keyring):
    dialog, page = _dialog(qtbot, workspace.store)
    _fill(qtbot, page, host_edit="smtp.example.com", address_edit="ada@")
    assert not dialog.ok_button.isEnabled()
    assert dialog.problem_label.isVisible()
    assert dialog.problem_label.text() == (
        "Your address: 'ada@' is not an email address (like name@example.com)"
    )
    assert page.address_edit.accessibleDescription() == dialog.problem_label.text()
    assert page.host_edit.accessibleDescription() == ""
    _fill(qtbot, page, address_edit="ada@example.com")
    assert dialog.ok_button.isEnabled()
    assert page.address_edit.accessibleDescription() == ""
    _fill(qtbot, page, host_edit="smtp.example.com:587")
    assert dialog.problem_label.text().startswith("Mail server: give the port in the Port field")
    assert not dialog.ok_button.isEnabled()


def test_changing_the_account_moves_the_password_and_an_empty_field_keeps_it(
    qtbot, workspace, memory_keyring
):
    store = workspace.store
    old = SmtpAccount("smtp.example.com", 587, "starttls", "ada", "ada@example.com")
    save_account(store, old)
    memory_keyring[("Afterword", old.keyring_key)] = "old-pw"
    _, page = _dialog(qtbot, store)
    assert page.host_edit.text() == "smtp.example.com"
    assert page.password_edit.placeholderText() == "Leave empty to keep the stored password"
    assert save_mail_page(page, store) == "", "nothing changed, nothing said"
    _fill(qtbot, page, username_edit="ada.lovelace", password_edit="new-pw")
    save_mail_page(page, store)
    assert memory_keyring == {("Afterword", "smtp:ada.lovelace@smtp.example.com"): "new-pw"}


def test_without_a_keyring_the_page_says_the_password_is_asked_each_time(qtbot, workspace):
    with keyring_backend("keyring.backends.fail.Keyring"):
        _, page = _dialog(qtbot, workspace.store)
        text = page.keyring_label.text()
        assert text.startswith("No password store (keyring) was found on this computer")
        assert text.endswith("You'll be asked for the password each time you send.")
        assert not page.password_edit.isEnabled()
        _fill(qtbot, page, host_edit="smtp.example.com", address_edit="ada@example.com")
        assert save_mail_page(page, workspace.store) == (
            "Mail settings saved. You'll be asked for the password each time you send."
        )
    assert load_account(workspace.store) is not None


def test_unreadable_stored_settings_are_said_and_can_be_replaced(qtbot, workspace, memory_keyring):
    from desktop.storage.settings_store import save_mail

    with workspace.store.write() as s:
        save_mail(s, {"host": "smtp.example.com", "port": "five"})
    _, page = _dialog(qtbot, workspace.store)
    assert page.note_label.isVisible()
    assert "could not be read" in page.note_label.text()
    assert page.host_edit.text() == ""


def test_every_control_has_an_accessible_name(qtbot, workspace, memory_keyring):
    _, page = _dialog(qtbot, workspace.store)
    kinds = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit)
    unnamed = [
        w
        for w in page.findChildren(QWidget)
        if isinstance(w, kinds)
        and not w.accessibleName()
        and not (isinstance(w, QLineEdit) and isinstance(w.parent(), (QComboBox, QAbstractSpinBox)))
    ]
    assert unnamed == []
    assert page.accessibleName() == "Mail settings"


def test_screenshot_of_the_mail_page(qtbot, workspace, memory_keyring, tmp_path):
    """Set AFTERWORD_SCREENSHOTS=DIR to keep it for a look."""
    shots = Path(os.environ.get("AFTERWORD_SCREENSHOTS") or tmp_path) / "settings"
    shots.mkdir(parents=True, exist_ok=True)
    dialog, page = _dialog(qtbot, workspace.store)
    _fill(
        qtbot,
        page,
        host_edit="smtp.example.com",
        username_edit="ada@example.com",
        name_edit="Ada Lovelace",
        address_edit="ada@example.com",
        password_edit="secret",
    )
    path = shots / "mail.png"
    assert dialog.grab().save(str(path))
    assert path.stat().st_size > 3_000
    _fill(qtbot, page, address_edit="ada@")
    assert dialog.grab().save(str(shots / "mail-invalid.png"))


def test_the_window_settings_command_saves_mail_too(qtbot, workspace, memory_keyring):
    from PySide6.QtWidgets import QDialog

    from desktop.ui.main_window import MainWindow
    from tests.helpers.window_helpers import NOW

    win = MainWindow(workspace, clock=lambda: NOW)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    seen: list[str] = []

    def fill_mail_page(dialog: SettingsDialog) -> QDialog.DialogCode:
        dialog.show()
        titles = [dialog.pages.item(i).text() for i in range(dialog.pages.count())]
        seen.extend(titles)
        dialog.pages.setCurrentRow(titles.index("Mail"))
        page = dialog.stack.currentWidget()
        _fill(
            qtbot,
            page,
            host_edit="smtp.example.com",
            username_edit="ada",
            address_edit="ada@example.com",
            password_edit="from-the-window",
        )
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return QDialog.DialogCode(dialog.result())

    win.editor.exec_dialog = fill_mail_page
    win.editor.settings()
    assert "Mail" in seen
    assert load_account(workspace.store) == SmtpAccount(
        "smtp.example.com", 587, "starttls", "ada", "ada@example.com"
    )
    assert memory_keyring == {("Afterword", "smtp:ada@smtp.example.com"): "from-the-window"}
    assert "the password is kept in the system keyring" in win.statusBar().currentMessage()
