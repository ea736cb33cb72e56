"""Date-based deadlines keep their day when the user's zone changes (ARCHITECTURE §1, issue 14).

A check-in due "end of Monday" is a day in the user's zone, stored as an instant (UTC)
computed in the zone of the moment. When the zone changes (the machine moves, or the
Settings name another) that instant would read as "Tue 04:59" in the new zone. So the zone
the follow-ups were computed in is kept beside the settings (written wherever the rules
run, storage.followups), and the first program that opens the data in another zone
(window, command or tray) moves each open date-based deadline to the end of the SAME day
in the new zone, and its reminder to that morning there. Nothing else changes: thank-yous
are instants after an interview, times the user set by hand (pinned) and sent notes are
the user's record, and no rule is run again (opening never rewrites the search).

The check costs one small read on a read-only connection; SQLAlchemy is loaded only when
the zone did change.
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
    from desktop.storage.settings_store import read_value, write_value

    name = zone_name(tz)
    if read_value(session, ZONE_KEY) != name:
        write_value(session, ZONE_KEY, name)


def _zone(name: str) -> tzinfo | None:
    from datetime import UTC
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if name == "UTC":
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def follow_zone_change(database: Path, rules: RuleSettings, tz: tzinfo) -> int:
    """Move the open date-based deadlines to their same day in `tz` if they were computed
    in another zone. Returns how many moved.

    A database that cannot be written now (read-only, locked, a full disk) keeps its times;
    the next program that opens it tries again.
    """
    name = zone_name(tz)
    try:
        stored = computed_zone(database)
    except (sqlite3.Error, ValueError) as exc:
        log.warning("cannot read the zone of the follow-ups: %s", exc)
        return 0
    if stored is None or stored == name:
        return 0
    old = _zone(stored)
    from desktop.storage.settings_store import read_value
    from desktop.storage.store import Store

    store = Store(database)
    try:
        with store.write() as session:
            if read_value(session, ZONE_KEY) != stored:  # another program did it meanwhile
                return 0
            moved = _retime(session, rules, old, tz) if old is not None else 0
            remember_zone(session, tz)
    except StorageError as exc:
        log.warning("follow-up times not moved to %s yet: %s", name, exc)
        return 0
    finally:
        store.close()
    log.info("zone changed from %s to %s: %d deadline(s) kept on their day", stored, name, moved)
    return moved


def _retime(session: Session, rules: RuleSettings, old: tzinfo, new: tzinfo) -> int:
    from sqlalchemy import select

    from desktop.core.followups import DATED_KINDS, OPEN_STATUSES, retimed
    from desktop.storage.models import FollowUp

    moved = 0
    for followup in session.scalars(
        select(FollowUp).where(
            FollowUp.kind.in_([k.value for k in DATED_KINDS]),
            FollowUp.status.in_([s.value for s in OPEN_STATUSES]),
            FollowUp.pinned.is_(False),
            FollowUp.due_at.is_not(None),
        )
    ):
        assert followup.due_at is not None
        remind_at, due_at = retimed(followup.due_at, rules, old, new)
        if (remind_at, due_at) != (followup.remind_at, followup.due_at):
            followup.remind_at, followup.due_at = remind_at, due_at
            moved += 1
    return moved
