"""The tray's reads and writes, in plain sqlite3: what is due, what was announced, snoozing.

The tray runs all day, so it keeps its footprint small and never loads SQLAlchemy: one
connection with the same pragmas as `engine.py`, times stored the way `due_query` reads
them. A reminder is claimed in `notification_log` (unique per follow-up and remind time)
*before* it is shown, so restarts, two racing trays or a changed clock never repeat it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from desktop.core.followups import OPEN_STATUSES
from desktop.storage.due_query import read_due, stored_time
from desktop.storage.errors import StorageError
from desktop.storage.records import DueItem
from desktop.storage.schema import inspect_database

# The same as engine.BUSY_TIMEOUT_MS; not imported, because engine.py imports SQLAlchemy.
BUSY_TIMEOUT_MS = 10_000
_OPEN = ", ".join(f"'{s.value}'" for s in sorted(OPEN_STATUSES))
# A snoozed follow-up speaks again at its snooze time; read_due only lists it once both
# its remind time and its snooze have come, so the later of the two is when it speaks.
_SPEAKS_AT = "max(remind_at, coalesce(snoozed_until, remind_at))"
# The same minimum, read from indexes instead of every open follow-up (a long backlog of
# due ones is in the past and must not be read): per open status, the first unsnoozed
# remind time after `after` from ix_followups_status_remind, and the snoozed ones from
# ix_followups_status_snoozed. The unary + keeps the planner off the other index.
_NEXT_PARTS = (
    "SELECT min(remind_at) AS speaks FROM followups WHERE status = '{s}' "
    "AND remind_at > :after AND +snoozed_until IS NULL",
    f"SELECT min({_SPEAKS_AT}) FROM followups WHERE status = '{{s}}' "
    f"AND snoozed_until IS NOT NULL AND +remind_at IS NOT NULL AND {_SPEAKS_AT} > :after",
)
_NEXT_SQL = "SELECT min(speaks) FROM ({})".format(
    " UNION ALL ".join(
        part.format(s=s.value) for s in sorted(OPEN_STATUSES) for part in _NEXT_PARTS
    )
)


def database_ready(path: Path) -> bool:
    """Whether the file exists and is migrated to this version's schema (checked read-only).

    The tray never creates or migrates the database (that would load SQLAlchemy and
    Alembic into a process that stays resident); it waits until the window or a command
    has done it.
    """
    try:
        return inspect_database(path, check_integrity=False).current
    except StorageError:
        return False


def connect(path: Path) -> sqlite3.Connection:
    """A read-write connection with the pragmas of every Afterword connection (DESIGN §3).

    Autocommit mode: reads take no lock between checks, and writes begin IMMEDIATE so
    they wait for the lock up front instead of failing half-way.
    """
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")  # must be outside a transaction
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def data_version(conn: sqlite3.Connection) -> int:
    """A number that changes when another connection commits (cheap: no table is read)."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


def due_now(conn: sqlite3.Connection, at: datetime) -> list[DueItem]:
    """Everything whose remind time has come, announced or not (the menu and the badge)."""
    return read_due(conn, at)


def unannounced(items: Sequence[DueItem], conn: sqlite3.Connection) -> list[DueItem]:
    """The `items` no tray has announced yet for their current remind time."""
    if not items:
        return []
    marks = ", ".join("?" for _ in items)
    announced = set(
        conn.execute(
            f"SELECT followup_id, remind_at FROM notification_log WHERE followup_id IN ({marks})",
            [item.id for item in items],
        )
    )
    return [item for item in items if (item.id, stored_time(item.remind_at)) not in announced]


def next_remind_at(conn: sqlite3.Connection, after: datetime) -> datetime | None:
    """The earliest time after `after` when an open follow-up speaks, or None."""
    row = conn.execute(_NEXT_SQL, {"after": stored_time(after)}).fetchone()
    return None if row[0] is None else datetime.fromisoformat(row[0]).replace(tzinfo=UTC)


def claim(conn: sqlite3.Connection, items: Sequence[DueItem], at: datetime) -> list[DueItem]:
    """Record `items` as announced at `at`; return only those this call recorded.

    One transaction: another tray racing for the same reminders gets none of the rows
    this one inserted, so each reminder is shown by exactly one process.
    """
    if not items:
        return []
    claimed = []
    shown = stored_time(at)
    conn.execute("BEGIN IMMEDIATE")
    try:
        for item in items:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO notification_log (followup_id, remind_at, shown_at, backend)"
                " VALUES (?, ?, ?, '')",
                (item.id, stored_time(item.remind_at), shown),
            )
            if cursor.rowcount == 1:
                claimed.append(item)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return claimed


def record_backend(conn: sqlite3.Connection, items: Sequence[DueItem], backend: str) -> None:
    """Note which way the claimed `items` were shown (notification service, tray, list)."""
    conn.executemany(
        "UPDATE notification_log SET backend = ? WHERE followup_id = ? AND remind_at = ?",
        [(backend[:32], item.id, stored_time(item.remind_at)) for item in items],
    )


def snooze(conn: sqlite3.Connection, followup_ids: Sequence[int], until: datetime) -> int:
    """Remind again at `until` (as `actions.snooze` does): open follow-ups whose own
    reminder comes before `until` get a new remind time. Returns how many moved."""
    if not followup_ids:
        return 0
    marks = ", ".join("?" for _ in followup_ids)
    at = stored_time(until)
    now = stored_time(datetime.now(UTC))
    cursor = conn.execute(
        f"UPDATE followups SET snoozed_until = ?, updated_at = ? WHERE id IN ({marks}) "
        f"AND status IN ({_OPEN}) AND (remind_at IS NULL OR remind_at < ?)",
        [at, now, *followup_ids, at],
    )
    return int(cursor.rowcount)
