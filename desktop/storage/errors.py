"""The storage layer's errors, and the one place that tells SQLite's and the OS's apart.

qutebrowser's `misc/sql.py` is the model: a fault of the environment (disk full, read-only,
locked) or a damaged file is something the user can act on, and says what to do; any other
database error is a bug and stays one (its traceback goes to the log). `database_fault`
is the one mapping; the storage layer's boundaries (`Store`, backups, the start-up check)
call it, so the command line and the window only ever see a `StorageError` or a bug.

Messages name the file and the table, never a record's contents: SQLAlchemy's error text
carries the statement's parameters (names, emails, notes), so it is never shown or logged.
"""

from __future__ import annotations

import contextlib
import errno
import re
import sqlite3
from pathlib import Path

from desktop.errors import EnvironmentFault, UserError


class StorageError(UserError):
    """The database cannot be used as asked; the message says why and what to do."""


class StorageFault(StorageError, EnvironmentFault):
    """The machine is in the way (disk, permissions, another program), not the data."""


class DiskFullError(StorageFault):
    """No room left on the disk (or over the user's quota or file-size limit)."""


class ReadOnlyError(StorageFault):
    """The file or its folder cannot be written: read-only, or another user's."""


class DatabaseLockedError(StorageFault):
    """Another program held the database longer than we wait."""


class DamagedDatabaseError(StorageError):
    """The file is not a sound Afterword database: restoring a backup is the way out."""


class MissingWalError(StorageError):
    """The -wal file beside the database (the latest changes) is gone or cut short."""


class MissingDatabaseError(StorageError):
    """The database is missing or empty although backups show there was one."""

    def __init__(self, message: str, backups: list[Path]) -> None:
        super().__init__(message)
        self.backups = backups


_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}
_TABLE_RE = re.compile(r"\b(?:INSERT(?: OR \w+)? INTO|UPDATE|DELETE FROM)\s+\"?(\w+)", re.I)


def disk_full_message(path: Path, doing: str) -> str:
    return (
        f"{path}: the disk is full, so {doing} failed. Free some space (or ask for a larger "
        "quota) and try again; nothing was changed."
    )


def read_only_message(path: Path, doing: str) -> str:
    return (
        f"{path}: Afterword may not write here, so {doing} failed: the file or its folder is "
        "read-only or belongs to another user. Check the permissions (or mount the disk "
        "writable) and try again; nothing was changed."
    )


def locked_message(path: Path, doing: str, seconds: float) -> str:
    return (
        f"{path}: another program kept the database busy for {seconds:g} s, so {doing} "
        "did not start. It may be an Afterword command or window that is stopped or "
        "still working: let it finish or close it, then try again; nothing was changed."
    )


def damaged_message(path: Path, detail: str) -> str:
    return (
        f"{path}: the database is damaged ({detail}). Restore a backup (File ▸ Restore from "
        "backup…, or 'afterword restore FILE'); the damaged file is left as it is (a restore "
        "keeps it aside)."
    )


def wal_missing_message(path: Path) -> str:
    wal = path.with_name(path.name + "-wal")
    shm = path.with_name(path.name + "-shm")
    return (
        f"{path}: the file {wal.name} beside it, which holds the latest changes, is missing "
        "or cut short (was it deleted or moved?). Put it back if you can. Otherwise "
        f"close every Afterword window and the tray, then either remove {shm.name} to open "
        "the database without those changes, or restore a backup ('afterword restore FILE')."
    )


def _table_of(exc: BaseException) -> str:
    statement = getattr(exc, "statement", None) or ""
    match = _TABLE_RE.search(str(statement))
    return f" (table {match.group(1)})" if match else ""


def _wal_is_missing(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    shm = path.with_name(path.name + "-shm")
    try:
        return shm.exists() and (not wal.exists() or wal.stat().st_size == 0)
    except OSError:
        return False


def _disk_is_full(path: Path) -> bool:
    import shutil

    try:
        return shutil.disk_usage(path.parent).free < 64 * 1024
    except OSError:
        return False


def _file_limit_reached(path: Path) -> bool:
    """Whether the process may not make the database or its -wal any larger (ulimit -f)."""
    try:
        import resource
    except ImportError:  # Windows
        return False
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    if limit == resource.RLIM_INFINITY:
        return False
    sizes = []
    for name in (path.name, path.name + "-wal", path.name + "-journal"):
        with contextlib.suppress(OSError):
            sizes.append(path.with_name(name).stat().st_size)
    return any(size + 128 * 1024 >= limit for size in sizes)


def database_fault(
    exc: BaseException, path: Path, doing: str, *, busy_seconds: float = 10
) -> StorageError | None:
    """The user's error for a database or OS error met while `doing` something to the
    database at `path`; None when it is a bug (a constraint, a mistake in SQL).

    Takes a sqlite3 error, SQLAlchemy's wrapper of one, or an OSError.
    """
    orig = getattr(exc, "orig", None)
    inner = orig if isinstance(orig, BaseException) else exc
    where = _table_of(exc)
    doing += where
    if isinstance(inner, OSError):
        if inner.errno in _FULL:
            return DiskFullError(disk_full_message(path, doing))
        if inner.errno in _READ_ONLY:
            return ReadOnlyError(read_only_message(path, doing))
        return StorageError(f"{path}: {doing} failed: {inner.strerror or inner}")
    if not isinstance(inner, sqlite3.Error):
        return None
    name = getattr(inner, "sqlite_errorname", "") or ""
    primary = name.split("_")[1] if name.startswith("SQLITE_") and "_" in name else ""
    text = str(inner).splitlines()[0] if str(inner) else name
    if primary == "FULL" or "database or disk is full" in text:
        return DiskFullError(disk_full_message(path, doing))
    if primary in ("READONLY", "PERM", "AUTH") or "readonly database" in text:
        return ReadOnlyError(read_only_message(path, doing))
    if primary in ("BUSY", "LOCKED") or "database is locked" in text:
        return DatabaseLockedError(locked_message(path, doing, busy_seconds))
    if primary == "CANTOPEN" or "unable to open database file" in text:
        if _disk_is_full(path):
            return DiskFullError(disk_full_message(path, doing))
        return ReadOnlyError(read_only_message(path, doing))
    if primary == "IOERR" or "disk I/O error" in text:
        if _wal_is_missing(path):
            return MissingWalError(wal_missing_message(path))
        if _disk_is_full(path) or _file_limit_reached(path):
            return DiskFullError(disk_full_message(path, doing))
        return StorageError(
            f"{path}: the disk reported an error while {doing} ({text}). Check the "
            "disk, then try again."
        )
    if primary in ("CORRUPT", "NOTADB") or "malformed" in text or "not a database" in text:
        return DamagedDatabaseError(damaged_message(path, text))
    return None


def known_fault(exc: BaseException, database: Path, doing: str) -> StorageError | None:
    """The user's error for an OS or database error that reached the top of a command or
    of the window (a full disk while making the data directory, a database that became
    read-only); None for a bug."""
    if isinstance(exc, OSError):
        where = Path(exc.filename) if exc.filename else database.parent
        return database_fault(exc, where, doing)
    orig = getattr(exc, "orig", None)
    if isinstance(exc, sqlite3.Error) or isinstance(orig, sqlite3.Error):
        return database_fault(exc, database, doing)
    return None


def restore_helps(exc: BaseException) -> bool:
    """Whether restoring a backup is a way out of `exc` (the window then offers it)."""
    return isinstance(exc, (DamagedDatabaseError, MissingDatabaseError, MissingWalError))
