"""Consistent copies of the database through SQLite's backup API, and restoring them."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from desktop.storage.errors import StorageError
from desktop.storage.schema import connect_read_only, inspect_database

ROLLING_KEEP = 7
_ROLLING_PREFIX = "daily-"


def copy_database(source: Path, target: Path) -> Path:
    """Write a consistent copy of `source` to `target` (even while others write to it).

    The copy is written beside the target and renamed into place, so a crash never leaves
    a half-written backup under the real name.
    """
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        src = connect_read_only(source)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                # A backup is a single file: no -wal beside it to lose.
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as exc:  # OSError: the target is a folder, not writable …
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise StorageError(f"{target}: could not write the backup: {reason}") from exc
    return target


def timestamped_name(prefix: str, now: datetime | None = None) -> str:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return f"{prefix}{stamp}.sqlite3"


def backup_before_migration(db: Path, backups_dir: Path, revision: str) -> Path:
    """The copy written before any migration touches the file."""
    return copy_database(db, backups_dir / timestamped_name(f"pre-migration-{revision}-"))


def rolling_backup(
    db: Path, backups_dir: Path, now: datetime, keep: int = ROLLING_KEEP
) -> Path | None:
    """At most one automatic backup a day, keeping the newest `keep`."""
    if not db.exists():
        return None
    today = now.astimezone(UTC).strftime("%Y%m%d")
    existing = sorted(backups_dir.glob(f"{_ROLLING_PREFIX}*.sqlite3"))
    made = None
    if not any(p.name.startswith(f"{_ROLLING_PREFIX}{today}") for p in existing):
        made = copy_database(db, backups_dir / timestamped_name(_ROLLING_PREFIX, now))
        existing = sorted(backups_dir.glob(f"{_ROLLING_PREFIX}*.sqlite3"))
    for old in existing[:-keep] if keep > 0 else existing:
        with contextlib.suppress(OSError):
            old.unlink()
    return made


def restore_database(backup: Path, db: Path, backups_dir: Path) -> Path | None:
    """Replace the database's content with `backup`'s; the current content is kept first.

    The backup is checked (readable, intact, not from a newer version) before anything
    changes. Returns the safety copy of what was there before.
    """
    if not backup.is_file():
        raise StorageError(f"{backup}: no such backup file")
    state = inspect_database(backup)
    if state.revision is None:
        raise StorageError(f"{backup}: this file holds no Afterword data")
    safety = None
    if db.exists():
        safety = backups_dir / timestamped_name("pre-restore-")
        try:
            copy_database(db, safety)
        except StorageError:
            # A damaged file cannot be read through SQLite; keep its bytes as they are.
            backups_dir.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(db, safety)
    db.parent.mkdir(parents=True, exist_ok=True)
    try:
        src = connect_read_only(backup)
        try:
            dst = sqlite3.connect(db, timeout=10)
            try:
                # Copying into the live file (not replacing it) keeps other processes'
                # connections valid; they see the restored data on their next read.
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise StorageError(f"{db}: could not restore from {backup}: {exc}") from exc
    return safety
