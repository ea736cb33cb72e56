"""Settings live in the database as JSON values under a key each."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.settings import RuleSettings, SettingsError, UserProfile
from desktop.storage.errors import StorageError
from desktop.storage.models import Setting

RULES_KEY = "rules"
PROFILE_KEY = "profile"


def read_value(session: Session, key: str) -> Any:
    row = session.get(Setting, key)
    if row is None:
        return None
    try:
        return json.loads(row.value)
    except json.JSONDecodeError as exc:
        raise StorageError(f"setting {key!r} is not valid JSON: {exc}") from exc


def write_value(session: Session, key: str, value: Any) -> None:
    text = json.dumps(value, sort_keys=True)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=text))
    else:
        row.value = text


def load_rules(session: Session) -> RuleSettings:
    data = read_value(session, RULES_KEY) or {}
    try:
        return RuleSettings.from_dict(data)
    except SettingsError as exc:
        raise StorageError(f"follow-up rule settings: {exc}") from exc


def save_rules(session: Session, rules: RuleSettings) -> None:
    rules.validate()
    write_value(session, RULES_KEY, rules.to_dict())


def load_profile(session: Session) -> UserProfile:
    data = read_value(session, PROFILE_KEY) or {}
    return UserProfile(
        name=str(data.get("name", "")),
        signature=str(data.get("signature", "")),
        emails=tuple(str(e) for e in data.get("emails", ())),
        mailing_address=str(data.get("mailing_address", "")),
        timezone=str(data.get("timezone", "")),
    )


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


def all_settings(session: Session) -> dict[str, Any]:
    return {row.key: json.loads(row.value) for row in session.scalars(select(Setting))}
