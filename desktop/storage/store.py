"""Opening the database and short units of work on it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from desktop.storage.engine import make_engine
from desktop.storage.migrate import ensure_schema


class Store:
    """The database file, with a session factory for writing and one for reading.

    A write begins with BEGIN IMMEDIATE (it waits for the lock up front); a read begins
    with a plain deferred BEGIN so it never waits for writers under WAL.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.engine: Engine = make_engine(path)
        reader = self.engine.execution_options(begin_mode="DEFERRED")
        self._writer = sessionmaker(self.engine, expire_on_commit=False)
        self._reader = sessionmaker(reader, expire_on_commit=False)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back if it raises."""
        with self._writer.begin() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only look: nothing is committed."""
        session = self._reader()
        try:
            with session.begin():
                yield session
                session.rollback()
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()


def open_store(database: Path, backups_dir: Path, *, quick_check: bool = False) -> Store:
    """Check and, if needed, migrate the file (backup first), then open it."""
    ensure_schema(database, backups_dir, quick_check=quick_check)
    return Store(database)
