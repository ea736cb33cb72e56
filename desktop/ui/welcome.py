"""The first-run welcome: who you are, in one page, before the first note is drafted.

Without it every draft was signed "[your name]" until Settings ▸ You was found. It writes
the same UserProfile the Settings dialog edits (name, signature, own email addresses, time
zone) and the quiet hours of the rules; Skip leaves everything as it is. It is offered once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.settings import RuleSettings, UserProfile
from desktop.core.validation import own_emails, timezone_problem
from desktop.storage.first_run import WELCOME_KEY, welcomed
from desktop.ui import theme
from desktop.ui.forms.base import zone_picker


class WelcomeDialog(QDialog):
    """Name, signature, own addresses, time zone and quiet hours; Save or Skip."""

    def __init__(
        self,
        parent: QWidget | None,
        profile: UserProfile,
        rules: RuleSettings,
        timezones: list[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Afterword"))
        self.setAccessibleName(self.tr("Welcome"))
        self.profile, self.rules = profile, rules
        if timezones is None:
            import zoneinfo

            timezones = sorted(zoneinfo.available_timezones())
        self._zones = set(timezones)

        heading = QLabel(self.tr("Welcome to Afterword"), self)
        heading.setObjectName("viewHeading")
        intro = QLabel(
            self.tr(
                "A few things about you, so every note is signed and every reminder comes at a "
                "good hour. You can change all of it later in Settings (Ctrl+,)."
            ),
            self,
        )
        intro.setWordWrap(True)

        self.name = QLineEdit(profile.name, self)
        self.name.setPlaceholderText(self.tr("Ada Lovelace"))
        self.name.setAccessibleName(self.tr("Your name"))
        self.signature = QPlainTextEdit(profile.signature, self)
        self.signature.setTabChangesFocus(True)
        self.signature.setAccessibleName(self.tr("Signature"))
        self.signature.setPlaceholderText(self.tr("Ada Lovelace\nada@example.com · +1 555 0100"))
        self.signature.setFixedHeight(self.signature.fontMetrics().lineSpacing() * 3 + 14)
        self.emails = QPlainTextEdit("\n".join(profile.emails), self)
        self.emails.setTabChangesFocus(True)
        self.emails.setAccessibleName(self.tr("Your email addresses, one per line"))
        self.emails.setPlaceholderText(self.tr("ada@example.com\nada.lovelace@work.example"))
        self.emails.setFixedHeight(self.emails.fontMetrics().lineSpacing() * 2 + 14)
        self.timezone = zone_picker(self, timezones, profile.timezone, "the computer's time zone")
        self.timezone.setAccessibleName(self.tr("Time zone, empty for the computer's"))
        quiet = QWidget(self)
        quiet_row = QHBoxLayout(quiet)
        quiet_row.setContentsMargins(0, 0, 0, 0)
        self.quiet_start, self.quiet_end = QTimeEdit(quiet), QTimeEdit(quiet)
        for edit, value, name in (
            (self.quiet_start, rules.quiet_start, "Quiet hours start"),
            (self.quiet_end, rules.quiet_end, "Quiet hours end"),
        ):
            edit.setDisplayFormat("HH:mm")
            edit.setTime(QTime(value.hour, value.minute))
            edit.setAccessibleName(name)
        quiet_row.addWidget(QLabel(self.tr("from"), quiet))
        quiet_row.addWidget(self.quiet_start)
        quiet_row.addWidget(QLabel(self.tr("to"), quiet))
        quiet_row.addWidget(self.quiet_end)
        quiet_row.addStretch(1)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, widget in (
            ("Your &name:", self.name),
            ("&Signature:", self.signature),
            ("Your &email addresses:", self.emails),
            ("&Time zone:", self.timezone),
            ("&Quiet hours:", quiet),
        ):
            caption = QLabel(label, self)
            caption.setBuddy(widget if widget is not quiet else self.quiet_start)
            form.addRow(caption, widget)
        hint = QLabel(
            self.tr(
                "Your own addresses are never offered as recipients, and no reminder is shown "
                "during quiet hours."
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        self.problem = QLabel(self)
        self.problem.setStyleSheet(f"color: {theme.ERROR};")
        self.problem.setAccessibleName(self.tr("Problem"))
        self.problem.setWordWrap(True)
        self.problem.hide()

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("Save and start"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setDefault(True)
        self.skip_button = self.buttons.addButton(
            self.tr("Skip for now"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.skip_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        # The signature follows the name until the user writes one.
        self._signature_typed = bool(profile.signature.strip())
        self.name.textChanged.connect(self._name_typed)
        self.signature.textChanged.connect(self._signature_edited)
        self._filling = False
        for signal in (self.emails.textChanged, self.timezone.currentTextChanged):
            signal.connect(self._revalidate)
        self.name.setFocus()
        self.resize(560, self.sizeHint().height())

    def _name_typed(self, text: str) -> None:
        if not self._signature_typed:
            self._filling = True
            self.signature.setPlainText(text)
            self._filling = False

    def _signature_edited(self) -> None:
        if not self._filling:
            self._signature_typed = True

    def _emails(self) -> tuple[list[str], str | None]:
        return own_emails(self.emails.toPlainText())

    def problem_text(self) -> str | None:
        _, email_error = self._emails()
        return email_error or timezone_problem(self.timezone.currentText(), self._zones)

    def _revalidate(self) -> None:
        problem = self.problem_text()
        self.problem.setText(problem or "")
        self.problem.setVisible(bool(problem))
        self.save_button.setEnabled(problem is None)

    def accept(self) -> None:
        if self.problem_text() is None:
            super().accept()

    def values(self) -> tuple[UserProfile, RuleSettings]:
        emails, _ = self._emails()
        profile = dataclasses.replace(
            self.profile,
            name=self.name.text().strip(),
            signature=self.signature.toPlainText().rstrip(),
            emails=tuple(emails),
            timezone=self.timezone.currentText().strip(),
        )
        start, end = self.quiet_start.time(), self.quiet_end.time()
        rules = dataclasses.replace(
            self.rules,
            quiet_start=time(start.hour(), start.minute()),
            quiet_end=time(end.hour(), end.minute()),
        )
        return profile, rules


def offer_welcome(
    workspace: object, exec_dialog: Callable[[QDialog], int], parent: QWidget | None = None
) -> bool:
    """Show the welcome once per data directory, to someone Afterword does not know yet.
    Returns whether the profile was saved."""
    store = workspace.store  # type: ignore[attr-defined]
    profile = workspace.profile  # type: ignore[attr-defined]
    if profile.name.strip() or welcomed(workspace.paths.database):  # type: ignore[attr-defined]
        return False
    from desktop.storage.settings_store import write_value

    dialog = WelcomeDialog(parent, profile, workspace.rules)  # type: ignore[attr-defined]
    saved = exec_dialog(dialog) == QDialog.DialogCode.Accepted
    if saved:
        new_profile, rules = dialog.values()
        workspace.save_settings(new_profile, rules)  # type: ignore[attr-defined]
    with store.write() as session:
        write_value(session, WELCOME_KEY, True)
    return saved
