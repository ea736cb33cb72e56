"""Consistent copies of the database through SQLite's backup API, checked and listed.

A backup file is an Afterword database (journal_mode DELETE, one file) with one table more,
`afterword_user_templates`, holding the user's own note templates (they live as files in
the data directory), so a backup gives back everything the user made. Restoring one is
storage.restore's job.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop.storage.errors import StorageError, database_fault
from desktop.storage.schema import connect_read_only, inspect_database

log = logging.getLogger(__name__)

ROLLING_KEEP = 7
_ROLLING_PREFIX = "daily-"
TEMPLATES_TABLE = "afterword_user_templates"
TEMPLATE_SUFFIX = ".j2"


def backups_folder(backups_dir: Path) -> Path:
    """`backups_dir`, made if missing (0700); a clear error when something is in its way."""
    from desktop.files import make_private_dir

    if backups_dir.is_symlink() and not backups_dir.exists():
        raise StorageError(
            f"{backups_dir}: this should be the folder of backups, but it is a link to "
            "something that does not exist. Remove the link (or make its target) and try again."
        )
    if backups_dir.exists() and not backups_dir.is_dir():
        raise StorageError(
            f"{backups_dir}: this should be the folder of backups, but a file is in the way. "
            "Move the file elsewhere and try again; nothing was changed."
        )
    try:
        return make_private_dir(backups_dir)
    except OSError as exc:
        raise fault_of(exc, backups_dir, "making the folder of backups") from exc


def fault_of(exc: BaseException, path: Path, doing: str) -> StorageError:
    return database_fault(exc, path, doing) or StorageError(f"{path}: {doing} failed: {exc}")


def copy_database(source: Path, target: Path, templates: Path | None = None) -> Path:
    """Write a consistent copy of `source` to `target` (even while others write to it),
    with the user's templates from the folder `templates` when it is given.

    The copy is written to a new private file beside the target (desktop.files)
    and renamed into place, so a crash or a full disk never leaves a half-written backup
    under the real name, and a planted file is never written through.
    """
    from desktop.files import file_beside

    try:
        with file_beside(target, keep_mode=False) as partial:
            copy_into(source, partial.path, templates)
    except (sqlite3.Error, OSError) as exc:  # OSError: the target is a folder, not writable …
        fault = database_fault(exc, target, "writing the backup")
        if fault is None or type(fault) is StorageError:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            fault = StorageError(f"{target}: could not write the backup: {reason}")
        raise fault from exc
    return target


def copy_into(source: Path, target: Path, templates: Path | None) -> None:
    src = connect_read_only(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            # A backup is a single file: no -wal beside it to lose.
            dst.execute("PRAGMA journal_mode = DELETE")
            if templates is not None:
                _store_templates(dst, templates)
        finally:
            dst.close()
    finally:
        src.close()


def _store_templates(conn: sqlite3.Connection, folder: Path) -> None:
    rows = [
        (path.stem, path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob(f"*{TEMPLATE_SUFFIX}"))
        if path.is_file()
    ]
    with conn:
        conn.execute(f"CREATE TABLE {TEMPLATES_TABLE} (name TEXT PRIMARY KEY, text TEXT NOT NULL)")
        conn.executemany(f"INSERT INTO {TEMPLATES_TABLE} VALUES (?, ?)", rows)


def backup_templates(backup: Path) -> dict[str, str] | None:
    """The user's templates kept in `backup`; None for a backup made without them."""
    conn = connect_read_only(backup)
    try:
        found = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TEMPLATES_TABLE,)
        ).fetchone()
        if not found:
            return None
        return dict(conn.execute(f"SELECT name, text FROM {TEMPLATES_TABLE}").fetchall())
    finally:
        conn.close()


def timestamped_name(prefix: str, now: datetime | None = None) -> str:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return f"{prefix}{stamp}.sqlite3"


def unique_backup_name(folder: Path, prefix: str) -> Path:
    """A backup name not yet taken in `folder` (two in one second get -2, -3 …)."""
    path = folder / timestamped_name(prefix)
    count = 1
    while path.exists():
        count += 1
        path = folder / timestamped_name(prefix).replace(".sqlite3", f"-{count}.sqlite3")
    return path


def backup_before_migration(db: Path, backups_dir: Path, revision: str) -> Path:
    """The copy written before any migration touches the file."""
    backups_folder(backups_dir)
    return copy_database(
        db, unique_backup_name(backups_dir, f"pre-migration-{revision}-"), db.parent / "templates"
    )


def is_sound_backup(path: Path) -> bool:
    """Whether `path` is an intact Afterword database that this version can restore."""
    try:
        return inspect_database(path, quick=True).revision is not None
    except (StorageError, OSError, sqlite3.Error):
        return False


def rolling_backup(
    db: Path, backups_dir: Path, now: datetime, keep: int = ROLLING_KEEP
) -> Path | None:
    """At most one automatic backup a day, keeping the newest `keep`, and always the
    newest one that passes an integrity check and holds records: a week of copies of an
    emptied (or unreadable) database must never push out the last good one."""
    if not db.exists():
        return None
    backups_folder(backups_dir)
    today = now.astimezone(UTC).strftime("%Y%m%d")
    existing = sorted(backups_dir.glob(f"{_ROLLING_PREFIX}*.sqlite3"))
    made = None
    if not any(p.name.startswith(f"{_ROLLING_PREFIX}{today}") for p in existing):
        made = copy_database(
            db, backups_dir / timestamped_name(_ROLLING_PREFIX, now), db.parent / "templates"
        )
        existing = sorted(backups_dir.glob(f"{_ROLLING_PREFIX}*.sqlite3"))
    doomed = existing[:-keep] if keep > 0 else existing
    if doomed:
        kept = existing[len(doomed) :]
        if not any(_holds_data(p) for p in kept):
            good = next((p for p in reversed(doomed) if _holds_data(p)), None)
            doomed = [p for p in doomed if p != good]
    for old in doomed:
        with contextlib.suppress(OSError):
            old.unlink()
    return made


def _holds_data(path: Path) -> bool:
    return is_sound_backup(path) and any(_counts(path).values())


@dataclass(frozen=True)
class BackupInfo:
    """One backup the user may restore: where, when, and what it holds."""

    path: Path
    made_at: datetime
    kind: str  # "daily", "pre-restore", "pre-migration", "damaged", or "" for others
    sound: bool
    counts: dict[str, int]

    def describe(self) -> str:
        if not self.sound:
            return "cannot be read"
        parts = [f"{self.counts.get(t, 0)} {t}" for t in ("applications", "contacts")]
        return ", ".join(parts)


_COUNTED = ("companies", "applications", "contacts", "interviews", "followups")


def list_backups(backups_dir: Path) -> list[BackupInfo]:
    """The backups in `backups_dir`, newest first, each checked and counted."""
    if not backups_dir.is_dir():
        return []
    found = []
    for path in backups_dir.glob("*.sqlite3"):
        if not path.is_file():
            continue
        kind = next(
            (k for k in ("daily", "pre-restore", "pre-migration", "damaged")
             if path.name.startswith(k + "-")),
            "",
        )  # fmt: skip
        found.append(
            BackupInfo(
                path,
                datetime.fromtimestamp(path.stat().st_mtime, UTC),
                kind,
                is_sound_backup(path),
                _counts(path),
            )
        )
    return sorted(found, key=lambda b: b.made_at, reverse=True)


def _counts(path: Path) -> dict[str, int]:
    try:
        conn = connect_read_only(path)
    except sqlite3.Error:
        return {}
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in _COUNTED}
    except sqlite3.Error:
        return {}
    finally:
        conn.close()
