"""The tray's reads and writes, in plain sqlite3: what is due, what was announced, snoozing.

The tray runs all day, so it keeps its footprint small and never loads SQLAlchemy: one
connection with the same pragmas as `engine.py`, times stored the way `due_query` reads
them. A reminder is claimed in `notification_log` (unique per follow-up and remind time)
*before* it is shown, so restarts, two racing trays or a changed clock never repeat it.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop.core.followups import OPEN_STATUSES
from desktop.storage.due_query import OPEN_STATUSES_SQL, due_item, due_sql, read_due, stored_time
from desktop.storage.errors import StorageError
from desktop.storage.records import DueItem
from desktop.storage.schema import inspect_database

# The same as engine.BUSY_TIMEOUT_MS; not imported, because engine.py imports SQLAlchemy.
BUSY_TIMEOUT_MS = 10_000
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


# What is due at :at, as read_due decides it, and whether a tray has announced it. The log
# keys a reminder by the time it speaks for (the snooze, else the remind time) as stored
# text: every writer stores the one format (due_query), so text equality is time equality.
_DUE_AT = (
    f"f.status IN ({OPEN_STATUSES_SQL}) AND f.remind_at <= :at"
    " AND (f.snoozed_until IS NULL OR f.snoozed_until <= :at)"
)
_LOGGED = (
    "EXISTS (SELECT 1 FROM notification_log AS n WHERE n.followup_id = f.id"
    " AND n.remind_at = coalesce(f.snoozed_until, f.remind_at))"
)
# One pass over the due ones (ix_followups_status_remind): the badge's count, and how many
# of each kind are unannounced (a summary's title names the kind when there is one).
_COUNT_SQL = (
    f"SELECT f.kind, count(*), sum(NOT {_LOGGED}) FROM followups AS f WHERE {_DUE_AT}"
    " GROUP BY f.kind"
)
# The first unannounced ones in read_due's order (deadline, undated last), from the same
# paged query over ix_followups_status_due, stopping at :limit.
_UNANNOUNCED_SQL = due_sql(f"NOT {_LOGGED}")
_CLAIM_SQL = (
    "INSERT OR IGNORE INTO notification_log (followup_id, remind_at, shown_at, backend)"
    f" SELECT f.id, coalesce(f.snoozed_until, f.remind_at), :shown, '' FROM followups AS f"
    f" WHERE {_DUE_AT} AND NOT {_LOGGED}"
)


@dataclass(frozen=True)
class Unannounced:
    """Reminders that have come and that no tray has announced: how many, of which kinds,
    and the first few in full (soonest deadline first) for the notice's text."""

    count: int = 0
    first: tuple[DueItem, ...] = ()
    kinds: frozenset[str] = frozenset()


@dataclass(frozen=True)
class DueLook:
    """What the tray needs from one look: the badge's count, the menu's first entries, and
    what is still to be announced. Bounded, however long the backlog."""

    count: int
    first: list[DueItem]
    unannounced: Unannounced


@dataclass(frozen=True)
class Claim(Unannounced):
    """Reminders one tray recorded as announced; `rows` are their notification_log ids."""

    rows: tuple[int, int] = (0, 0)


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


def check_database(path: Path) -> bool:
    """As the command line checks it, before the tray writes a row: whether the file is
    ready (False: not made or migrated yet). A damaged file, a lost -wal, a file written by
    a newer version raise their StorageError, which the tray tells the user once."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    return inspect_database(path, quick=True).current


def connect(path: Path) -> sqlite3.Connection:
    """A read-write connection with the pragmas of every Afterword connection (ARCHITECTURE §3).

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


def look(conn: sqlite3.Connection, at: datetime, menu_items: int, notice_items: int) -> DueLook:
    """What is due at `at`: the count, the first `menu_items`, and the unannounced ones
    (counted; the first `notice_items` in full). One read transaction, so they agree."""
    conn.execute("BEGIN")
    try:
        count, fresh = _count_unannounced(conn, at, notice_items)
        first = read_due(conn, at, menu_items) if count else []
    finally:
        conn.execute("COMMIT")
    return DueLook(count, first, fresh)


def claim_due(conn: sqlite3.Connection, at: datetime, notice_items: int) -> Claim:
    """Record every reminder come by `at` and not yet announced as announced at `at`, and
    return them (counted; the first `notice_items` in full) to be shown in one notice.

    One transaction: another tray racing for the same reminders finds none left, so each
    reminder is shown by exactly one process.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        _, fresh = _count_unannounced(conn, at, notice_items)
        if not fresh.count:
            conn.execute("COMMIT")
            return Claim()
        before = conn.execute("SELECT coalesce(max(id), 0) FROM notification_log").fetchone()[0]
        params = {"at": stored_time(at), "shown": stored_time(at)}
        inserted = conn.execute(_CLAIM_SQL, params).rowcount
        last = conn.execute("SELECT coalesce(max(id), 0) FROM notification_log").fetchone()[0]
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    # The write lock was held from the read on: what was read is exactly what was inserted.
    return Claim(inserted, fresh.first, fresh.kinds, (int(before) + 1, int(last)))


def record_claim_backend(conn: sqlite3.Connection, claim: Claim, backend: str) -> None:
    """Note which way the reminders of `claim` were confirmed shown (desktop, system, tray)."""
    first, last = claim.rows
    conn.execute(
        "UPDATE notification_log SET backend = ? WHERE id BETWEEN ? AND ?",
        (backend[:32], first, last),
    )


def release_claim(conn: sqlite3.Connection, claim: Claim) -> None:
    """Take back the claim of reminders no backend confirmed shown: they are unannounced
    again, and the next look says them."""
    first, last = claim.rows
    conn.execute(
        "DELETE FROM notification_log WHERE id BETWEEN ? AND ? AND backend = ''", (first, last)
    )


def release_unconfirmed(conn: sqlite3.Connection) -> int:
    """Take back every claim that was never confirmed (its tray stopped before it knew);
    how many. Only the one tray running on the data may call this."""
    return int(conn.execute("DELETE FROM notification_log WHERE backend = ''").rowcount)


def _count_unannounced(
    conn: sqlite3.Connection, at: datetime, notice_items: int
) -> tuple[int, Unannounced]:
    """How many are due at `at`, and the unannounced ones among them."""
    params = {"at": stored_time(at), "limit": notice_items}
    by_kind = conn.execute(_COUNT_SQL, params).fetchall()
    count = sum(int(total) for _, total, _ in by_kind)
    fresh = sum(int(new) for _, _, new in by_kind)
    if not fresh:
        return count, Unannounced()
    first = tuple(due_item(row, at) for row in conn.execute(_UNANNOUNCED_SQL, params))
    kinds = frozenset(str(kind) for kind, _, new in by_kind if new)
    return count, Unannounced(fresh, first, kinds)


def next_remind_at(conn: sqlite3.Connection, after: datetime) -> datetime | None:
    """The earliest time after `after` when an open follow-up speaks, or None."""
    row = conn.execute(_NEXT_SQL, {"after": stored_time(after)}).fetchone()
    return None if row[0] is None else datetime.fromisoformat(row[0]).replace(tzinfo=UTC)


def snooze_due(conn: sqlite3.Connection, at: datetime, until: datetime) -> int:
    """Snooze every follow-up due at `at` until `until` ("Snooze all" in the tray's menu,
    which lists only the first few). Returns how many moved."""
    cursor = conn.execute(
        f"UPDATE followups AS f SET snoozed_until = :until, updated_at = :now WHERE {_DUE_AT}"
        " AND f.remind_at < :until",
        {"at": stored_time(at), "until": stored_time(until), "now": stored_time(datetime.now(UTC))},
    )
    return int(cursor.rowcount)


PAUSE_KEY = "tray_paused_until"  # a row of `settings`: survives a restart or a log-out


def read_pause(conn: sqlite3.Connection) -> datetime | None:
    """When "Pause until tomorrow" ends, if it was chosen (and stored) and has not ended."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (PAUSE_KEY,)).fetchone()
    if row is None:
        return None
    try:
        until = datetime.fromisoformat(json.loads(row[0]))
    except (TypeError, ValueError):  # not written by us: as good as no pause
        return None
    return until if until.tzinfo is not None else until.replace(tzinfo=UTC)


def write_pause(conn: sqlite3.Connection, until: datetime | None) -> None:
    """Store the pause (None: resumed), so every tray on this data, and the next, keeps it."""
    if until is None:
        conn.execute("DELETE FROM settings WHERE key = ?", (PAUSE_KEY,))
        return
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (PAUSE_KEY, json.dumps(until.astimezone(UTC).isoformat())),
    )


def outbox_waiting(conn: sqlite3.Connection) -> int:
    """How many notes wait in the outbox to be sent (0 before the outbox table exists)."""
    try:
        row = conn.execute("SELECT count(*) FROM outbox WHERE state = 'queued'").fetchone()
    except sqlite3.OperationalError:  # a database from before migration 0003
        return 0
    return int(row[0])
