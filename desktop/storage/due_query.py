"""What is due: the one query behind `afterword due`, the Today view and the tray.

Plain sqlite3 on purpose: the tray and the window's first paint read it without paying
for SQLAlchemy. Times are stored as naive UTC text ('YYYY-MM-DD HH:MM:SS.ffffff'), the
format SQLAlchemy's DateTime writes, which also sorts correctly as text.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop.core.calendar import require_aware
from desktop.core.followups import OPEN_STATUSES, overdue_and_late
from desktop.storage.records import DueItem
from desktop.storage.schema import connect_read_only

_PAGE = """
    SELECT * FROM (
        SELECT f.id, f.due_at FROM followups AS f
        WHERE f.status = '{status}' AND f.due_at {dated}
          AND +f.remind_at <= :at
          AND (f.snoozed_until IS NULL OR f.snoozed_until <= :at){extra}
        ORDER BY f.due_at, f.id
        LIMIT :limit
    )"""
_COLUMNS_AND_NAMES = """
SELECT f.id, f.kind, f.status, f.channel, f.contact_id, f.application_id, f.interview_id,
       f.remind_at, f.snoozed_until, f.due_at, f.late_at, f.title,
       i.starts_at, c.name, co.name, a.role
FROM {source}
JOIN applications AS a ON a.id = f.application_id
JOIN companies AS co ON co.id = a.company_id
LEFT JOIN contacts AS c ON c.id = f.contact_id
LEFT JOIN interviews AS i ON i.id = f.interview_id
{where}
ORDER BY f.due_at IS NULL, f.due_at, f.id
"""
_SELECTED = """
WITH due AS (
    -- Choose and order the follow-ups first, joining names only to the few kept. Each
    -- open status is read in deadline order from ix_followups_status_due and stops at
    -- the page size, so a long backlog is never sorted whole (dated ones first, as
    -- ORDER BY due_at IS NULL puts them). The unary + keeps the planner from choosing
    -- ix_followups_status_remind and sorting instead.
    SELECT id, due_at FROM ({pages}
    )
    ORDER BY due_at IS NULL, due_at, id
    LIMIT :limit
)""" + _COLUMNS_AND_NAMES.format(source="due\nJOIN followups AS f ON f.id = due.id", where="")
# Every due follow-up (`afterword due`): no page to stop at, so one pass over
# ix_followups_status_remind and one sort is cheaper than the pages above (a quarter
# less time for 14,000).
# The open statuses as an SQL list, for `status IN (...)`: the one spelling every plain
# query of the follow-ups uses (the board, the agenda, Progress, the tray's next reminder).
OPEN_STATUSES_SQL = ", ".join(f"'{s.value}'" for s in sorted(OPEN_STATUSES))
_ALL_SQL = _COLUMNS_AND_NAMES.format(
    source="followups AS f",
    where=f"WHERE f.status IN ({OPEN_STATUSES_SQL}) AND f.remind_at <= :at\n"
    "  AND (f.snoozed_until IS NULL OR f.snoozed_until <= :at)",
)


def due_sql(extra: str = "") -> str:
    """The due query (params :at, :limit; columns as `due_item` reads them).

    `extra` narrows it with one more condition on the follow-up `f`, e.g. the tray's
    "not announced yet"; the order and the index it reads stay the same.
    """
    pages = " UNION ALL".join(
        _PAGE.format(status=s.value, dated=dated, extra=f" AND {extra}" if extra else "")
        for dated in ("IS NOT NULL", "IS NULL")
        for s in sorted(OPEN_STATUSES)
    )
    return _SELECTED.format(pages=pages)


_DUE_SQL = due_sql()


def stored_time(moment: datetime) -> str:
    """An aware time as the database stores it."""
    return require_aware(moment).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _read_time(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        # Parsing the offset is a fifth of the cost of .replace(tzinfo=UTC), which
        # counts when `due` reads 14,000 follow-ups of five times each.
        return datetime.fromisoformat(value + "+00:00")
    except ValueError:  # a value already written with an offset: read as before
        return datetime.fromisoformat(value).replace(tzinfo=UTC)


def due_item(row: tuple[Any, ...], at: datetime) -> DueItem:
    """One row with the columns of the due query (also the tray's), as a DueItem at `at`."""
    (fid, kind, status, channel, contact_id, app_id, interview_id, remind_raw, snooze_raw,
     due_raw, late_raw, title, starts_raw, contact, company, role) = row  # fmt: skip
    remind_at, snoozed = _read_time(remind_raw), _read_time(snooze_raw)
    due_at, late_at = _read_time(due_raw), _read_time(late_raw)
    remind = snoozed or remind_at
    assert remind is not None  # the queries only return reminded follow-ups
    overdue, late = overdue_and_late(due_at, late_at, require_aware(at))
    return DueItem(
        id=fid,
        kind=kind,
        status=status,
        channel=channel,
        contact=contact,
        contact_id=contact_id,
        company=company,
        role=role,
        application_id=app_id,
        interview_id=interview_id,
        remind_at=remind,
        due_at=due_at,
        late_at=late_at,
        overdue=overdue,
        late=late,
        interview_starts_at=_read_time(starts_raw),
        title=title or "",
    )


def read_due(conn: sqlite3.Connection, at: datetime, limit: int | None = None) -> list[DueItem]:
    """Open follow-ups whose remind time (or snooze) has come by `at`, soonest deadline first."""
    if limit is None:
        rows = conn.execute(_ALL_SQL, {"at": stored_time(at)})
    else:
        rows = conn.execute(_DUE_SQL, {"at": stored_time(at), "limit": limit})
    return [due_item(row, at) for row in rows]


# The count of everything due, with how many are overdue and due by the day's end, in the
# one pass the count alone would make (Today counts a long backlog without reading it).
_URGENCY_SQL = f"""
SELECT count(*),
       sum(due_at IS NOT NULL AND due_at <= :at),
       sum(due_at IS NOT NULL AND due_at > :at AND due_at <= :day_end)
FROM followups
WHERE status IN ({OPEN_STATUSES_SQL}) AND remind_at <= :at
  AND (snoozed_until IS NULL OR snoozed_until <= :at)
"""


@dataclass(frozen=True)
class DuePage:
    """Today's first rows, and the whole backlog counted by urgency."""

    items: list[DueItem]
    total: int
    overdue: int
    due_today: int  # due after now, by the end of the user's day


def read_due_page_file(database: Path, at: datetime, limit: int, day_end: datetime) -> DuePage:
    """The first `limit` due follow-ups and how many are due in all, in one read."""
    conn = connect_read_only(database)
    try:
        conn.execute("BEGIN")  # one snapshot: the page and the counts agree
        items = read_due(conn, at, limit)
        params = {"at": stored_time(at), "day_end": stored_time(day_end)}
        total, overdue, due_today = conn.execute(_URGENCY_SQL, params).fetchone()
        return DuePage(items, int(total), int(overdue or 0), int(due_today or 0))
    finally:
        conn.close()


def read_due_file(database: Path, at: datetime, limit: int | None = None) -> list[DueItem]:
    """`read_due` on its own short read-only connection to the file."""
    conn = connect_read_only(database)
    try:
        return read_due(conn, at, limit)
    finally:
        conn.close()
