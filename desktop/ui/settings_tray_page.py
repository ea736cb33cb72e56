"""The Settings page for reminders: start the tray at login."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QDialog, QLabel, QMessageBox, QVBoxLayout, QWidget

from desktop.platform.autostart import Autostart, AutostartError, autostart_for, tray_command

log = logging.getLogger(__name__)


class LoginPage(QWidget):
    """ "Start reminders at login": switched on or off when the dialog is saved."""

    def __init__(self, autostart: Autostart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.autostart = autostart
        self.login_check = QCheckBox(self.tr("Start reminders at login"))
        self.login_check.setAccessibleName(self.tr("Start reminders at login"))
        self.login_check.setChecked(autostart.is_enabled())
        note = QLabel(
            self.tr(
                "A small reminders process sits in the system tray and tells you when a "
                "thank-you note or a check-in is due, even while this window is closed."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.login_check)
        layout.addWidget(note)
        layout.addStretch(1)

    def apply(self) -> bool:
        """Make the login item match the check box; False (and a message) if it cannot."""
        wanted = self.login_check.isChecked()
        if wanted == self.autostart.is_enabled():
            return True
        try:
            self.autostart.enable() if wanted else self.autostart.disable()
        except AutostartError as exc:
            log.warning("start at login: %s", exc)
            QMessageBox.warning(self, self.tr("Start reminders at login"), str(exc))
            return False
        return True


def add_login_page(
    dialog: QDialog, data_dir: Path, autostart: Autostart | None = None
) -> LoginPage:
    """Add the page to the Settings dialog; its choice is applied when the dialog is saved."""
    page = LoginPage(autostart or autostart_for(tray_command(data_dir)))
    dialog.add_page(QCoreApplication.translate("settings_tray_page", "Reminders"), page)  # type: ignore[attr-defined]
    dialog.accepted.connect(page.apply)
    return page
