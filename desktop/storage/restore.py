"""Restoring a backup: the lock first, then the safety copy, then the replacement.

A sound database keeps its file (other programs' connections stay valid) and takes the
backup's rows in one transaction; a damaged, emptied or missing one is set aside whole in
the folder of backups and the backup put in its place. Nothing is ever deleted.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.storage.backups import (
    TEMPLATE_SUFFIX,
    TEMPLATES_TABLE,
    backup_templates,
    backups_folder,
    copy_database,
    copy_into,
    fault_of,
    unique_backup_name,
)
from desktop.storage.errors import (
    DamagedDatabaseError,
    DatabaseLockedError,
    StorageError,
    database_fault,
)
from desktop.storage.schema import inspect_database

log = logging.getLogger(__name__)

# How long a restore waits for another program's write to end before it says so.
RESTORE_LOCK_WAIT = 10.0


@dataclass(frozen=True)
class Restored:
    """What a restore did: the backup it brought back, and where the replaced data went."""

    backup: Path
    kept: Path | None  # the copy of what was replaced; None when there was nothing
    was_damaged: bool  # the replaced file was damaged, empty or missing (set aside whole)


def restore_backup(
    backup: Path, db: Path, backups_dir: Path, *, wait: float = RESTORE_LOCK_WAIT
) -> Restored:
    """Bring back `backup` as the database at `db`, ready to open (the one verb the
    command line and the window both call)."""
    from desktop.storage.migrate import ensure_schema

    damaged = not _holds_afterword_data(db)
    kept = restore_database(backup, db, backups_dir, wait=wait)
    ensure_schema(db, backups_dir)
    return Restored(backup, kept, damaged)


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
        copy_into(backup, scratch, None)
        _bring_up_to_date(scratch, state.revision)
        safety: Path | None
        if _is_sound_database(db):
            safety = _replace_content(db, scratch, folder, wait)
        else:
            safety = _replace_file(db, scratch, folder)
    except (sqlite3.Error, OSError) as exc:
        raise fault_of(exc, db, "restoring the backup") from exc
    finally:
        if scratch is not None:
            with contextlib.suppress(OSError):
                scratch.unlink(missing_ok=True)
    if templates is not None:
        _put_templates(db.parent / "templates", templates)
    return safety


def _holds_afterword_data(db: Path) -> bool:
    try:
        return inspect_database(db, quick=True).revision is not None
    except StorageError:
        return False


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
            safety = unique_backup_name(folder, "pre-restore-")
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
    from desktop.files import make_private

    lock = _migrate_lock(db)
    try:
        with lock.acquire(timeout=RESTORE_LOCK_WAIT):
            kept = None
            if db.exists() and db.stat().st_size > 0:
                kept = unique_backup_name(folder, "damaged-")
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
    from desktop.files import make_private_dir, write_atomically

    try:
        make_private_dir(folder)
        for path in folder.glob(f"*{TEMPLATE_SUFFIX}"):
            if path.stem not in templates:
                path.unlink()
        for name, text in templates.items():
            write_atomically(folder / f"{name}{TEMPLATE_SUFFIX}", text, newline="", keep_mode=False)
    except OSError as exc:
        raise fault_of(exc, folder, "putting back the templates") from exc
