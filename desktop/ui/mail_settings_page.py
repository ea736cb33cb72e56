"""The "Mail" page of the Settings dialog: the SMTP server notes are sent through.

The page is a view: it shows an SmtpAccount and the keyring's state, and hands back an
account and the typed password; `save_mail_page` stores them through the services
(compose.mail_settings for the settings table, platform.secrets for the keyring).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.compose.mail import MailError
from desktop.compose.smtp import DEFAULT_PORTS, SmtpAccount
from desktop.ui import theme

if TYPE_CHECKING:
    from desktop.storage.store import Store
    from desktop.ui.settings_dialog import SettingsDialog

SECURITY_CHOICES = (("STARTTLS", "starttls"), ("SSL", "ssl"))
ASKED_EACH_TIME = "You'll be asked for the password each time you send."

# The field a problem message starts with -> the control to mark.
_FIELD_PREFIXES = {
    "Mail server": "host_edit",
    "Port": "port_spin",
    "Security": "security_combo",
    "User name": "username_edit",
    "Your address": "address_edit",
    "Your name": "name_edit",
    "Sender name": "name_edit",
}


class MailSettingsPage(QWidget):
    """Server, port, security, user name, sender and password; empty server = no SMTP."""

    changed = Signal()

    def __init__(
        self,
        account: SmtpAccount | None,
        keyring: tuple[bool, str],
        parent: QWidget | None = None,
        *,
        note: str = "",
    ) -> None:
        super().__init__(parent)
        self.original = account  # as stored when the page opened
        self.keyring_usable, self.keyring_reason = keyring

        self.host_edit = QLineEdit(account.host if account else "")
        self.host_edit.setPlaceholderText(self.tr("smtp.example.com"))
        self.port_spin = QSpinBox()
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(account.port if account else DEFAULT_PORTS["starttls"])
        self.security_combo = QComboBox()
        for label, value in SECURITY_CHOICES:
            self.security_combo.addItem(label, value)
        if account is not None:
            index = self.security_combo.findData(account.security)
            self.security_combo.setCurrentIndex(max(index, 0))
        self.username_edit = QLineEdit(account.username if account else "")
        self.username_edit.setPlaceholderText(self.tr("Usually your email address"))
        self.name_edit = QLineEdit(account.from_name if account else "")
        self.name_edit.setPlaceholderText(self.tr("your name, as on the You page"))
        self.address_edit = QLineEdit(account.from_address if account else "")
        self.address_edit.setPlaceholderText(self.tr("ada@example.com"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        if account is not None and self.keyring_usable:
            self.password_edit.setPlaceholderText(
                self.tr("Leave empty to keep the stored password")
            )

        self.keyring_label = QLabel()
        self.keyring_label.setWordWrap(True)
        self.keyring_label.setAccessibleName(self.tr("Where the password is kept"))
        if self.keyring_usable:
            self.keyring_label.setText(
                self.tr("{keyring_reason}; Afterword never writes it to its own files.").format(
                    keyring_reason=self.keyring_reason
                )
            )
        else:
            self.keyring_label.setText(
                self.tr("{keyring_reason}. {ASKED_EACH_TIME}").format(
                    keyring_reason=self.keyring_reason, ASKED_EACH_TIME=ASKED_EACH_TIME
                )
            )
            self.keyring_label.setStyleSheet(f"color: {theme.CAUTION_TEXT};")
            self.password_edit.setEnabled(False)
            self.password_edit.setPlaceholderText(self.tr("Asked for when you send"))
        self.note_label = QLabel(note)
        self.note_label.setWordWrap(True)
        self.note_label.setAccessibleName(self.tr("Mail settings note"))
        self.note_label.setVisible(bool(note))

        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 0, 0, 0)
        intro = QLabel(
            self.tr(
                "Send notes through your own mail server. Leave the server empty to send from "
                "your mail program instead (mailto or a saved .eml draft)."
            )
        )
        intro.setWordWrap(True)
        outer.addWidget(intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows = (
            ("Mail server (SMTP)", self.host_edit, "Mail &server:"),
            ("Port", self.port_spin, "&Port:"),
            ("Security", self.security_combo, "Se&curity:"),
            ("User name", self.username_edit, "&User name:"),
            ("Password", self.password_edit, "Pass&word:"),
            # "Your name" is asked once, on the You page; this is only what mail shows.
            ("Sender name on sent mail", self.name_edit, "Sender &name:"),
            ("Your email address as the sender", self.address_edit, "Your &address:"),
        )
        for name, widget, label in rows:
            widget.setAccessibleName(name)
            form.addRow(label, widget)
        form.addRow(self.keyring_label)
        form.addRow(self.note_label)
        outer.addLayout(form)
        outer.addStretch(1)

        for edit in (self.host_edit, self.username_edit, self.name_edit, self.address_edit):
            edit.textChanged.connect(self._on_change)
        self.port_spin.valueChanged.connect(self._on_change)
        self.security_combo.currentIndexChanged.connect(self._on_security)
        self._security = self.security()

    # -- values ------------------------------------------------------------

    def security(self) -> str:
        return str(self.security_combo.currentData())

    def configured(self) -> bool:
        """Whether the user set up a server at all (an empty page means no SMTP)."""
        return any(
            e.text().strip()
            for e in (self.host_edit, self.username_edit, self.name_edit, self.address_edit)
        )

    def account(self) -> SmtpAccount | None:
        """The account on the page, None when mail is not set up; MailError if invalid."""
        if not self.configured():
            return None
        return SmtpAccount(
            host=self.host_edit.text().strip(),
            port=self.port_spin.value(),
            security=self.security(),
            username=self.username_edit.text().strip(),
            from_address=self.address_edit.text().strip(),
            from_name=self.name_edit.text().strip(),
        )

    def password(self) -> str:
        """The password typed now ("" keeps the stored one)."""
        return self.password_edit.text() if self.keyring_usable else ""

    def problem(self) -> str | None:
        """What is wrong on the page, naming the field; None if it can be saved."""
        try:
            self.account()
        except MailError as exc:
            return str(exc)
        return None

    # -- reacting ----------------------------------------------------------

    def _on_security(self) -> None:
        # Follow the usual port for the new security unless the user chose another one.
        if self.port_spin.value() == DEFAULT_PORTS.get(self._security):
            self.port_spin.setValue(DEFAULT_PORTS[self.security()])
        self._security = self.security()
        self._on_change()

    def _on_change(self) -> None:
        problem = self.problem()
        marked = None
        if problem:
            field = problem.partition(":")[0]
            marked = getattr(self, _FIELD_PREFIXES.get(field, "host_edit"))
        for attribute in _FIELD_PREFIXES.values():
            widget: QWidget = getattr(self, attribute)
            widget.setAccessibleDescription(problem if widget is marked and problem else "")
        self.changed.emit()


def add_mail_page(dialog: SettingsDialog, store: Store) -> MailSettingsPage:
    """Read the stored account and the keyring's state, and add the Mail page to `dialog`."""
    from desktop.compose.mail_settings import load_account
    from desktop.platform.secrets import keyring_usable

    note = ""
    try:
        account = load_account(store)
    except MailError as exc:
        account, note = (
            None,
            f"The stored mail settings could not be read ({exc}); enter them again.",
        )
    page = MailSettingsPage(account, keyring_usable(), note=note)
    dialog.add_page(QCoreApplication.translate("mail_settings_page", "Mail"), page, page.problem)
    return page


def save_mail_page(page: MailSettingsPage, store: Store) -> str:
    """Store the page's account, and its password in the keyring.

    Returns a sentence for the status bar ("" when nothing about mail changed).
    """
    from desktop.compose.mail_settings import save_account
    from desktop.platform import secrets

    account = page.account()
    old = page.original
    if account == old and not page.password():
        return ""  # nothing about mail changed
    save_account(store, account)
    if not page.keyring_usable:
        return f"Mail settings saved. {ASKED_EACH_TIME}" if account else "Mail settings removed"
    try:
        if old is not None and (account is None or old.keyring_key != account.keyring_key):
            secrets.delete_password(old.keyring_key)
        if account is not None and page.password():
            secrets.set_password(account.keyring_key, page.password())
            return "Mail settings saved; the password is kept in the system keyring"
    except secrets.SecretsUnavailable as exc:
        return f"Mail settings saved, but {exc}. {ASKED_EACH_TIME}"
    return "Mail settings saved" if account else "Mail settings removed"
