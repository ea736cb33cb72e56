"""Opening the database and short units of work on it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.storage.migrate import ensure_schema

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session


class Store:
    """The database file, with a session factory for writing and one for reading.

    A write begins with BEGIN IMMEDIATE (it waits for the lock up front); a read begins
    with a plain deferred BEGIN so it never waits for writers under WAL.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    # SQLAlchemy is imported on first use, not at start-up: the Today view's first paint
    # and the tray read through plain sqlite3 (due_query) and never pay for it.
    @cached_property
    def engine(self) -> Engine:
        from desktop.storage.engine import make_engine

        return make_engine(self.path)

    @cached_property
    def _sessions(self) -> tuple[Any, Any]:
        from sqlalchemy.orm import sessionmaker

        reader = self.engine.execution_options(begin_mode="DEFERRED")
        return (
            sessionmaker(self.engine, expire_on_commit=False),
            sessionmaker(reader, expire_on_commit=False),
        )

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back if it raises.

        A full disk, a read-only file, a lock held too long or a damaged file raise the
        matching StorageError (storage.errors); any other database error is a bug."""
        with self._faults("saving"), self._sessions[0].begin() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only look: nothing is committed."""
        with self._faults("reading"):
            session: Session = self._sessions[1]()
            try:
                with session.begin():
                    yield session
                    session.rollback()
            finally:
                session.close()

    @contextmanager
    def _faults(self, doing: str) -> Iterator[None]:
        from sqlalchemy.exc import DBAPIError

        from desktop.storage.engine import BUSY_TIMEOUT_MS
        from desktop.storage.errors import database_fault

        try:
            yield
        except DBAPIError as exc:
            fault = database_fault(exc, self.path, doing, busy_seconds=BUSY_TIMEOUT_MS / 1000)
            if fault is None:
                raise
            raise fault from exc

    def close(self) -> None:
        if "engine" in self.__dict__:
            self.engine.dispose()


def open_store(database: Path, backups_dir: Path, *, quick_check: bool = False) -> Store:
    """Check and, if needed, migrate the file (backup first), then open it."""
    ensure_schema(database, backups_dir, quick_check=quick_check)
    return Store(database)
