"""Consistent copies of the database through SQLite's backup API, and restoring them.

A backup file is an Afterword database (journal_mode DELETE, one file) with one table more,
`afterword_user_templates`, holding the user's own note templates (they live as files in
the data directory), so a backup gives back everything the user made.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop.storage.errors import (
    DamagedDatabaseError,
    DatabaseLockedError,
    StorageError,
    database_fault,
)
from desktop.storage.schema import connect_read_only, inspect_database

log = logging.getLogger(__name__)

ROLLING_KEEP = 7
_ROLLING_PREFIX = "daily-"
TEMPLATES_TABLE = "afterword_user_templates"
TEMPLATE_SUFFIX = ".j2"
# How long a restore waits for another program's write to end before it says so.
RESTORE_LOCK_WAIT = 10.0


def backups_folder(backups_dir: Path) -> Path:
    """`backups_dir`, made if missing (0700); a clear error when something is in its way."""
    from desktop.platform.files import make_private_dir

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
        raise _fault(exc, backups_dir, "making the folder of backups") from exc


def _fault(exc: BaseException, path: Path, doing: str) -> StorageError:
    return database_fault(exc, path, doing) or StorageError(f"{path}: {doing} failed: {exc}")


def copy_database(source: Path, target: Path, templates: Path | None = None) -> Path:
    """Write a consistent copy of `source` to `target` (even while others write to it),
    with the user's templates from the folder `templates` when it is given.

    The copy is written to a new private file beside the target (desktop.platform.files)
    and renamed into place, so a crash or a full disk never leaves a half-written backup
    under the real name, and a planted file is never written through.
    """
    from desktop.platform.files import file_beside

    try:
        with file_beside(target, keep_mode=False) as partial:
            _copy_into(source, partial.path, templates)
    except (sqlite3.Error, OSError) as exc:  # OSError: the target is a folder, not writable …
        fault = database_fault(exc, target, "writing the backup")
        if fault is None or type(fault) is StorageError:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            fault = StorageError(f"{target}: could not write the backup: {reason}")
        raise fault from exc
    return target


def _copy_into(source: Path, target: Path, templates: Path | None) -> None:
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


def _unique(folder: Path, prefix: str) -> Path:
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
        db, _unique(backups_dir, f"pre-migration-{revision}-"), db.parent / "templates"
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


def restore_database(
    backup: Path, db: Path, backups_dir: Path, *, wait: float = RESTORE_LOCK_WAIT
) -> Path | None:
    """Replace the database's content with `backup`'s; the current content is kept first.

    The backup is checked (readable, intact, not from a newer version) and brought to this
    version's schema in a scratch copy before anything changes. Then, on a sound database,
    the write lock is taken FIRST (waiting at most `wait` seconds for another writer), the
    safety copy made under it, and the content replaced in the same transaction, so no
    write can fall between the copy and the replacement. A damaged, emptied or missing
    database is moved aside whole (never deleted) and the backup put in its place.
    Returns the safety copy (None when there was nothing to keep).
    """
    import tempfile

    if not backup.is_file():
        raise StorageError(f"{backup}: no such backup file")
    state = inspect_database(backup)
    if state.revision is None:
        raise StorageError(f"{backup}: this file holds no Afterword data")
    folder = backups_folder(backups_dir)
    templates = backup_templates(backup)
    scratch: Path | None = None
    try:
        fd, name = tempfile.mkstemp(dir=db.parent, prefix=f".{db.name}.", suffix=".restoring")
        os.close(fd)
        scratch = Path(name)
        _copy_into(backup, scratch, None)
        _bring_up_to_date(scratch, state.revision)
        safety: Path | None
        if _is_sound_database(db):
            safety = _replace_content(db, scratch, folder, wait)
        else:
            safety = _replace_file(db, scratch, folder)
    except (sqlite3.Error, OSError) as exc:
        raise _fault(exc, db, "restoring the backup") from exc
    finally:
        if scratch is not None:
            with contextlib.suppress(OSError):
                scratch.unlink(missing_ok=True)
    if templates is not None:
        _put_templates(db.parent / "templates", templates)
    return safety


def _bring_up_to_date(path: Path, revision: str) -> None:
    from desktop.storage.schema import HEAD_REVISION

    if revision != HEAD_REVISION:
        from desktop.storage.migrate import upgrade_file

        upgrade_file(path)


def _is_sound_database(db: Path) -> bool:
    """Whether `db` can take the backup's content through SQLite (else it is replaced)."""
    try:
        return db.is_file() and db.stat().st_size > 0 and inspect_database(db).current
    except StorageError:
        return False


def _replace_content(db: Path, scratch: Path, folder: Path, wait: float) -> Path:
    """Lock, copy aside, replace the content of every table, commit: one transaction.

    Copying into the live file (not replacing it) keeps other processes' connections
    valid; they see the restored data on their next read.
    """
    conn = sqlite3.connect(db, timeout=wait, isolation_level=None)
    safety = None
    try:
        conn.execute("ATTACH DATABASE ? AS restored", (str(scratch),))
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            fault = database_fault(exc, db, "the restore", busy_seconds=wait)
            if isinstance(fault, DatabaseLockedError):
                raise fault from exc
            raise
        try:
            # Under the write lock no one can commit, so this copy (read by another
            # connection, as WAL lets readers run beside the one writer) is exactly
            # what is replaced.
            safety = _unique(folder, "pre-restore-")
            copy_database(db, safety, db.parent / "templates")
            _copy_tables(conn)
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            # Nothing changed: the safety copy of this attempt would only fill the disk.
            if safety is not None:
                with contextlib.suppress(OSError):
                    safety.unlink()
            raise
    finally:
        conn.close()
    return safety


def _tables(conn: sqlite3.Connection, schema: str) -> Iterator[tuple[str, str, bool]]:
    """(name, sql, virtual) of the tables to copy: FTS shadow tables are the index's own."""
    rows = conn.execute(
        f"SELECT name, sql FROM {schema}.sqlite_master WHERE type = 'table' ORDER BY name"
    ).fetchall()
    virtual = [n for n, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
    for name, sql in rows:
        if name == TEMPLATES_TABLE or any(name.startswith(v + "_") for v in virtual):
            continue
        yield name, sql or "", name in virtual


def _copy_tables(conn: sqlite3.Connection) -> None:
    """Every table of `main` takes the rows of `restored` (the same schema revision).

    The triggers that keep the search index are set aside while the index itself is
    copied, so it is neither emptied twice nor filled twice.
    """
    conn.execute("PRAGMA defer_foreign_keys = ON")
    triggers = conn.execute(
        "SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger'"
    ).fetchall()
    for name, _ in triggers:
        conn.execute(f'DROP TRIGGER main."{name}"')
    for name, _, virtual in _tables(conn, "main"):
        info = conn.execute(f'PRAGMA main.table_info("{name}")').fetchall()
        columns = [r[1] for r in info]
        # The rowid is kept too where no column holds it (the search index keys by it).
        if virtual or not any(r[5] for r in info):
            columns = ["rowid", *columns]
        listed = ", ".join(f'"{c}"' if c != "rowid" else c for c in columns)
        conn.execute(f'DELETE FROM main."{name}"')
        conn.execute(f'INSERT INTO main."{name}" ({listed}) SELECT {listed} FROM restored."{name}"')
    for _, sql in triggers:
        conn.execute(sql)


def _replace_file(db: Path, scratch: Path, folder: Path) -> Path | None:
    """Move a damaged, empty or unreadable database aside (with its -wal and -shm) and
    put the scratch copy in its place. Nothing is deleted."""
    from desktop.platform.files import make_private

    lock = _migrate_lock(db)
    try:
        with lock.acquire(timeout=RESTORE_LOCK_WAIT):
            kept = None
            if db.exists() and db.stat().st_size > 0:
                kept = _unique(folder, "damaged-")
                os.replace(db, kept)
                for suffix in ("-wal", "-shm"):
                    beside = db.with_name(db.name + suffix)
                    if beside.exists():
                        os.replace(beside, kept.with_name(kept.name + suffix))
                log.info("kept the unusable database aside as %s", kept)
            else:
                for suffix in ("-wal", "-shm"):
                    db.with_name(db.name + suffix).unlink(missing_ok=True)
            conn = sqlite3.connect(scratch)
            try:
                conn.execute("PRAGMA journal_mode = WAL")
            finally:
                conn.close()
            make_private(scratch)
            os.replace(scratch, db)
            return kept
    except TimeoutError as exc:
        raise DamagedDatabaseError(
            f"{db}: another Afterword program is busy with the database; close it and "
            "try the restore again."
        ) from exc


def _migrate_lock(db: Path):  # type: ignore[no-untyped-def]
    from filelock import FileLock

    return FileLock(str(db.with_name(db.name + ".migrate.lock")), mode=0o600)


def _put_templates(folder: Path, templates: dict[str, str]) -> None:
    """Make the user's template folder hold exactly the backup's templates."""
    from desktop.platform.files import make_private_dir, write_atomically

    try:
        make_private_dir(folder)
        for path in folder.glob(f"*{TEMPLATE_SUFFIX}"):
            if path.stem not in templates:
                path.unlink()
        for name, text in templates.items():
            write_atomically(folder / f"{name}{TEMPLATE_SUFFIX}", text, newline="", keep_mode=False)
    except OSError as exc:
        raise _fault(exc, folder, "putting back the templates") from exc
