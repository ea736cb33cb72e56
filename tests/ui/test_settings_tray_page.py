"""Settings, Reminders page: "Start reminders at login" writes and removes the login item."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.settings import RuleSettings, UserProfile
from desktop.platform.autostart import XdgAutostart, tray_command
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.settings_tray_page import LoginPage, add_login_page


def open_settings(qtbot: QtBot, login: XdgAutostart) -> tuple[SettingsDialog, LoginPage]:
    dialog = SettingsDialog(None, UserProfile(), RuleSettings(), timezones=["UTC"])
    qtbot.addWidget(dialog)
    page = add_login_page(dialog, Path("/unused"), autostart=login)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog, page


def test_start_at_login_is_switched_on_and_off_by_saving_settings(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    login = XdgAutostart(tray_command(data_dir), tmp_path / "config")
    dialog, page = open_settings(qtbot, login)
    titles = [dialog.pages.item(i).text() for i in range(dialog.pages.count())]
    assert titles[-1] == "Reminders"
    dialog.pages.setCurrentRow(len(titles) - 1)
    assert not page.login_check.isChecked()
    qtbot.mouseClick(page.login_check, Qt.MouseButton.LeftButton)
    # Cancel changes nothing.
    dialog.reject()
    assert not login.path.exists()

    dialog, page = open_settings(qtbot, login)
    page.login_check.setChecked(True)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert login.is_enabled()
    assert f"--data-dir {data_dir} tray" in login.path.read_text(encoding="utf-8")

    dialog, page = open_settings(qtbot, login)
    assert page.login_check.isChecked()
    page.login_check.setChecked(False)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not login.path.exists()
