"""The SMTP account as stored in the settings (server, user, sender; never the password)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.compose.smtp import SmtpAccount

if TYPE_CHECKING:
    from desktop.storage.store import Store


def load_account(store: Store) -> SmtpAccount | None:
    """The account notes are sent with, or None if mail was not set up.

    MailError if the stored value is not a valid account (the message names the field).
    """
    from desktop.storage.settings_store import load_mail

    with store.read() as session:
        data = load_mail(session)
    return None if data is None else SmtpAccount.from_dict(data)


def save_account(store: Store, account: SmtpAccount | None) -> None:
    """Store `account` (None: forget it). The password goes to the keyring, not here."""
    from desktop.storage.settings_store import save_mail

    with store.write() as session:
        save_mail(session, None if account is None else account.to_dict())


def stored_password(account: SmtpAccount) -> tuple[str | None, str]:
    """The account's password from the OS keyring, or None and why not ("" if none stored)."""
    from desktop.platform import secrets

    usable, why = secrets.keyring_usable()
    if not usable:
        return None, why
    try:
        return secrets.get_password(account.keyring_key), ""
    except secrets.SecretsUnavailable as exc:  # a locked keyring, a dismissed prompt
        return None, str(exc)
