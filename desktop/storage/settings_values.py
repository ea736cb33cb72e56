"""Settings as stored values: parsing them, and reading them without SQLAlchemy."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop.core.settings import RuleSettings, SettingsError, UserProfile
from desktop.storage.errors import StorageError
from desktop.storage.schema import connect_read_only

RULES_KEY = "rules"
PROFILE_KEY = "profile"


def decode(key: str, text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise StorageError(f"setting {key!r} is not valid JSON: {exc}") from exc


def rules_from(data: Any) -> RuleSettings:
    try:
        return RuleSettings.from_dict(data or {})
    except SettingsError as exc:
        raise StorageError(f"follow-up rule settings: {exc}") from exc


def profile_from(data: Any) -> UserProfile:
    data = data or {}
    return UserProfile(
        name=str(data.get("name", "")),
        signature=str(data.get("signature", "")),
        emails=tuple(str(e) for e in data.get("emails", ())),
        mailing_address=str(data.get("mailing_address", "")),
        timezone=str(data.get("timezone", "")),
    )


def read_settings_file(database: Path) -> tuple[RuleSettings, UserProfile]:
    """The rules and the profile, read on a short read-only connection (start-up path)."""
    conn = connect_read_only(database)
    try:
        stored = dict(conn.execute("SELECT key, value FROM settings"))
    finally:
        conn.close()
    return (
        rules_from(decode(RULES_KEY, stored.get(RULES_KEY))),
        profile_from(decode(PROFILE_KEY, stored.get(PROFILE_KEY))),
    )
