"""Bringing a database file to the newest schema, one process at a time, backup first."""

from __future__ import annotations

import logging
from pathlib import Path

from desktop.storage.errors import StorageError
from desktop.storage.schema import HEAD_REVISION, inspect_database

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config(connection: object | None = None) -> object:
    """An Alembic configuration pointing at our migrations, with no alembic.ini."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def script_revisions() -> list[str]:
    """The revisions the migration scripts define, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())  # type: ignore[arg-type]
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def ensure_schema(db: Path, backups_dir: Path, *, quick_check: bool = False) -> bool:
    """Migrate `db` to the newest schema if it needs it. Returns whether it migrated.

    The cheap read-only check comes first, so an up-to-date database costs no Alembic
    import. Migration holds a lock file so that when the window, the tray and the CLI
    start together only one of them migrates; the others wait, then find it done.
    """
    state = inspect_database(db, quick=quick_check)
    if state.current:
        return False
    if state.revision is None:
        refuse_if_lost(db, backups_dir)
    from filelock import FileLock, Timeout

    db.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(db.with_name(db.name + ".migrate.lock")), mode=0o600)
    try:
        with lock.acquire(timeout=120):
            state = inspect_database(db, check_integrity=False)
            if state.current:
                return False
            if state.revision is not None:
                backup = _backup_first(db, backups_dir, state.revision)
                log.info("backed up %s to %s before migrating", db, backup)
            upgrade_file(db)
            log.info("migrated %s from %s to %s", db, state.revision, HEAD_REVISION)
            return True
    except Timeout as exc:
        raise StorageError(
            f"{db}: another Afterword process has been migrating this database for two "
            "minutes; try again once it has finished."
        ) from exc


def refuse_if_lost(db: Path, backups_dir: Path) -> None:
    """A missing or empty database where there was one (backups show it) is refused with
    the backups offered, never silently replaced by an empty one."""
    try:
        empty = not db.exists() or db.stat().st_size == 0
    except OSError:
        return
    if not empty:
        return
    from desktop.storage.backups import list_backups
    from desktop.storage.errors import MissingDatabaseError

    backups = [b for b in list_backups(backups_dir) if b.sound]
    if not backups:
        return
    newest = backups[0]
    state = "missing" if not db.exists() else "empty (0 bytes)"
    when = newest.made_at.astimezone().strftime("%Y-%m-%d %H:%M")
    raise MissingDatabaseError(
        f"{db}: the database is {state}, but {len(backups)} backup(s) of it are in "
        f"{backups_dir}; the newest is {newest.path.name} ({when}, {newest.describe()}). "
        f"Restore it with 'afterword restore {newest.path}' (or File ▸ Restore from "
        "backup… in the window). To start afresh instead, move the backups folder away. "
        "Nothing was changed.",
        [b.path for b in backups],
    )


def _backup_first(db: Path, backups_dir: Path, revision: str) -> Path:
    from desktop.storage.backups import backup_before_migration

    return backup_before_migration(db, backups_dir, revision)


def upgrade_file(db: Path) -> None:
    """Run every migration the file lacks, in one transaction."""
    from alembic import command

    from desktop.storage.engine import make_engine

    engine = make_engine(db)
    try:
        # One transaction for every step: begun here, Alembic sees it as the caller's and
        # does not commit after each revision (on SQLite it otherwise would), so a crash
        # leaves the file at its old revision or the newest, never at one in between.
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")  # type: ignore[arg-type]
    finally:
        engine.dispose()
