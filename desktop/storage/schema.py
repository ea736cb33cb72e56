"""What a database file is, checked without changing a byte of it."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from desktop.storage.errors import (
    DamagedDatabaseError,
    StorageError,
    damaged_message,
    database_fault,
)

# The schema revisions this version of Afterword knows, oldest first. Kept here so the
# start-up check does not import Alembic; a test holds it equal to the migration scripts.
KNOWN_REVISIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_search",
    "0003_outbox",
    "0004_faster_reads",
    "0005_people_and_replies",
    "0006_the_job_itself",
    "0007_calendar_stamp",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot change the file: for checks, backups and quick reads."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)


@dataclass(frozen=True)
class DatabaseState:
    exists: bool
    revision: str | None  # None: a new, empty file

    @property
    def current(self) -> bool:
        return self.revision == HEAD_REVISION


def inspect_database(
    path: Path, *, check_integrity: bool = True, quick: bool = False
) -> DatabaseState:
    """Read the schema revision (and check integrity) of the file at `path`, read-only.

    Refuses, with a message a person can act on, a file that is damaged, is not an
    Afterword database, or was written by a newer version of Afterword.
    """
    if not path.exists() or path.stat().st_size == 0:
        return DatabaseState(exists=path.exists(), revision=None)
    beside = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    made_wal_files = not any(p.exists() for p in beside)
    try:
        conn = connect_read_only(path)
    except sqlite3.Error as exc:
        raise _unreadable(exc, path) from exc
    try:
        tables, revision = _read_revision(conn, path, check_integrity=check_integrity, quick=quick)
    finally:
        conn.close()
    if "alembic_version" not in tables and not tables:
        return DatabaseState(exists=True, revision=None)
    if "alembic_version" not in tables:
        refusal = (
            f"{path}: this is not an Afterword database (it has tables but no "
            "schema version); it was left unchanged."
        )
    elif revision is not None and revision not in KNOWN_REVISIONS:
        refusal = (
            f"{path}: this database was written by a newer version of Afterword (schema "
            f"{revision}; this version knows up to {HEAD_REVISION}). Update Afterword to "
            "open it; the file was left unchanged."
        )
    else:
        return DatabaseState(exists=True, revision=revision)
    if made_wal_files:
        _remove_wal_files(path)
    raise StorageError(refusal)


def _remove_wal_files(path: Path) -> None:
    """Take away the empty -wal and the -shm our read-only look made beside a refused file.

    A read-only connection to a WAL-mode file creates them but may not delete them on
    closing, so a refused file ("left unchanged") would gain two files. A read-write
    connection that only reads lets SQLite delete them itself, and only if no other
    process has the file open; the database's own bytes are not written.
    """
    try:
        conn = sqlite3.connect(path, timeout=1)
        try:
            conn.execute("PRAGMA schema_version").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        pass  # tidying is a courtesy; the refusal is what matters


def _read_revision(
    conn: sqlite3.Connection, path: Path, *, check_integrity: bool, quick: bool
) -> tuple[set[str], str | None]:
    """The file's tables and schema revision; refuses a damaged or unreadable file."""
    try:
        if check_integrity:
            # quick_check skips comparing index contents with the tables: a third of
            # the time, for the window's start-up; the full check follows later.
            pragma = "quick_check" if quick else "integrity_check"
            rows = conn.execute(f"PRAGMA {pragma}").fetchall()
            problems = [r[0] for r in rows if r[0] != "ok"]
            if problems:
                raise DamagedDatabaseError(
                    damaged_message(path, f"integrity check: {'; '.join(problems[:3])}")
                )
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            return tables, None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise _unreadable(exc, path) from exc
    return tables, (row[0] if row else None)


def _unreadable(exc: sqlite3.Error, path: Path) -> StorageError:
    """Why the file cannot be read: disk, permissions, a lost -wal, or damage."""
    fault = database_fault(exc, path, "reading the database")
    if fault is not None:
        return fault
    return DamagedDatabaseError(damaged_message(path, str(exc)))
