"""Settings live in the database as JSON values under a key each."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from desktop.core.settings import RuleSettings, UserProfile
from desktop.storage.models import Setting
from desktop.storage.settings_values import PROFILE_KEY, RULES_KEY, decode, profile_from, rules_from


def read_value(session: Session, key: str) -> Any:
    row = session.get(Setting, key)
    return None if row is None else decode(key, row.value)


def write_value(session: Session, key: str, value: Any) -> None:
    text = json.dumps(value, sort_keys=True)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=text))
    else:
        row.value = text


def load_rules(session: Session) -> RuleSettings:
    return rules_from(read_value(session, RULES_KEY))


def save_rules(session: Session, rules: RuleSettings) -> None:
    rules.validate()
    write_value(session, RULES_KEY, rules.to_dict())


def load_profile(session: Session) -> UserProfile:
    return profile_from(read_value(session, PROFILE_KEY))


def save_profile(session: Session, profile: UserProfile) -> None:
    write_value(
        session,
        PROFILE_KEY,
        {
            "name": profile.name,
            "signature": profile.signature,
            "emails": list(profile.emails),
            "mailing_address": profile.mailing_address,
            "timezone": profile.timezone,
        },
    )


MAIL_KEY = "mail"


def load_mail(session: Session) -> dict[str, Any] | None:
    """The stored SMTP account (server, port, user name, sender), or None if not set up."""
    value = read_value(session, MAIL_KEY)
    return value if isinstance(value, dict) and value else None


def save_mail(session: Session, account: dict[str, Any] | None) -> None:
    """Store the SMTP account (None forgets it). Never a password: that is the keyring's."""
    if account is None:
        row = session.get(Setting, MAIL_KEY)
        if row is not None:
            session.delete(row)
        return
    if any("pass" in str(key).lower() or "secret" in str(key).lower() for key in account):
        raise ValueError("a password is kept in the OS keyring, never in the database")
    write_value(session, MAIL_KEY, account)
