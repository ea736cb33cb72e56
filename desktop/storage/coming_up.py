"""What comes next: reminders and interviews of the coming days, for Today's second list.

Plain sqlite3 like the due query (desktop.storage.due_query), so Today's first paint still
costs no SQLAlchemy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop.storage.due_query import OPEN_STATUSES_SQL, due_item, stored_time
from desktop.storage.notification_log import next_remind_at
from desktop.storage.records import DueItem
from desktop.storage.schema import connect_read_only

# When a follow-up next speaks: its snooze if that is later than its reminder.
_SPEAKS = "coalesce(max(f.remind_at, f.snoozed_until), f.remind_at)"
_REMINDERS_SQL = f"""
SELECT f.id, f.kind, f.status, f.channel, f.contact_id, f.application_id, f.interview_id,
       {_SPEAKS}, NULL, f.due_at, f.late_at, f.title,
       i.starts_at, c.name, co.name, a.role
FROM followups AS f
JOIN applications AS a ON a.id = f.application_id
JOIN companies AS co ON co.id = a.company_id
LEFT JOIN contacts AS c ON c.id = f.contact_id
LEFT JOIN interviews AS i ON i.id = f.interview_id
WHERE f.status IN ({OPEN_STATUSES_SQL})
  -- Speaking in the window means the reminder or the snooze ends in it: two index ranges
  -- (status, remind_at) and (status, snoozed_until) instead of every reminder already past.
  AND ((f.remind_at > :at AND f.remind_at <= :until)
       OR (f.snoozed_until > :at AND f.snoozed_until <= :until))
  AND {_SPEAKS} > :at AND {_SPEAKS} <= :until
ORDER BY {_SPEAKS}, f.id
LIMIT :limit
"""
_INTERVIEWS_SQL = """
SELECT i.id, i.application_id, i.starts_at, i.kind, i.location, co.name, a.role
FROM interviews AS i
JOIN applications AS a ON a.id = i.application_id
JOIN companies AS co ON co.id = a.company_id
WHERE i.cancelled = 0 AND i.starts_at > :at AND i.starts_at <= :until
ORDER BY i.starts_at, i.id
LIMIT :limit
"""


@dataclass(frozen=True)
class UpcomingInterview:
    id: int
    application_id: int
    starts_at: datetime
    kind: str
    location: str
    company: str
    role: str


@dataclass(frozen=True)
class ComingUp:
    """Reminders that will speak and interviews that will start, each soonest first."""

    reminders: tuple[DueItem, ...] = ()
    interviews: tuple[UpcomingInterview, ...] = ()
    next_reminder: datetime | None = None  # the next time any follow-up comes due
    anything: bool = True  # False: an empty job search (no application at all)


def read_coming_up(database: Path, at: datetime, until: datetime, limit: int = 50) -> ComingUp:
    """What speaks or starts after `at` up to `until`, in one read."""
    conn = connect_read_only(database)
    try:
        conn.execute("BEGIN")
        params = {"at": stored_time(at), "until": stored_time(until), "limit": limit}
        reminders = tuple(due_item(row, at) for row in conn.execute(_REMINDERS_SQL, params))
        interviews = tuple(
            UpcomingInterview(
                iid,
                app_id,
                datetime.fromisoformat(starts).replace(tzinfo=UTC),
                kind,
                location or "",
                company,
                role,
            )
            for iid, app_id, starts, kind, location, company, role in conn.execute(
                _INTERVIEWS_SQL, params
            )
        )
        anything = conn.execute("SELECT 1 FROM applications LIMIT 1").fetchone() is not None
        return ComingUp(reminders, interviews, next_remind_at(conn, at), anything)
    finally:
        conn.close()
