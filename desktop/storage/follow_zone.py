"""Follow-up times follow the user's zone when it changes (DESIGN §1, issue 14).

A date-based deadline ("end of Monday") is a date in the user's zone, but it is stored as
an instant (UTC), computed in the zone of the moment. When the zone changes (the machine
moves, or the Settings name another) the stored instant would read as "Tue 04:59" in the
new zone. So the zone the follow-ups were computed in is kept beside the settings, and the
first program that opens the data in another zone (window, command, tray) runs the rules
again in the new one: "end of Monday" is then the end of Monday where the user is, and the
morning reminder 09:00 there. Times the user set by hand (pinned) and sent notes are the
user's record and stay as they are.

The check costs one small read on a read-only connection; SQLAlchemy and the rules are
loaded only when the zone did change.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.storage.errors import StorageError
from desktop.storage.schema import connect_read_only

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desktop.core.settings import RuleSettings

log = logging.getLogger(__name__)

ZONE_KEY = "followups_zone"


def zone_name(tz: tzinfo) -> str:
    """The IANA name of `tz` (Europe/London), or its fixed name (UTC)."""
    return str(getattr(tz, "key", None) or tz)


def computed_zone(database: Path) -> str | None:
    """The zone the stored follow-up times were computed in; None if never recorded."""
    conn = connect_read_only(database)
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (ZONE_KEY,)).fetchone()
    finally:
        conn.close()
    value = json.loads(row[0]) if row else None
    return value if isinstance(value, str) else None


def remember_zone(session: Session, tz: tzinfo) -> None:
    """Record that the follow-ups were just computed in `tz` (inside that unit of work)."""
    from desktop.storage.settings_store import write_value

    write_value(session, ZONE_KEY, zone_name(tz))


def follow_zone_change(database: Path, rules: RuleSettings, tz: tzinfo) -> bool:
    """Run the rules again if the follow-ups were computed in another zone than `tz`.

    Returns whether it did. A database that cannot be written now (read-only, locked, a
    full disk) keeps its times; the next program that opens it tries again.
    """
    name = zone_name(tz)
    try:
        if computed_zone(database) == name:
            return False
    except (sqlite3.Error, StorageError, ValueError) as exc:
        log.warning("cannot read the zone of the follow-ups: %s", exc)
        return False
    from desktop.storage.followups import refresh_followups
    from desktop.storage.settings_store import read_value
    from desktop.storage.store import Store

    store = Store(database)
    try:
        with store.write() as session:
            if read_value(session, ZONE_KEY) == name:  # another program did it meanwhile
                return False
            changed = refresh_followups(session, rules, tz)
            remember_zone(session, tz)
    except StorageError as exc:
        log.warning("follow-up times not moved to %s yet: %s", name, exc)
        return False
    finally:
        store.close()
    if changed:
        log.info("follow-up times moved to the zone %s (%d applications)", name, len(changed))
    return True
