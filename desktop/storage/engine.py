"""The SQLAlchemy engine: one SQLite file shared by the window, the tray and the CLI."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

# Several processes use the file at once; a writer waits this long for another.
BUSY_TIMEOUT_MS = 10_000


def apply_pragmas(dbapi_connection: sqlite3.Connection) -> None:
    """The pragmas every connection gets (ARCHITECTURE §3).

    journal_mode=WAL cannot be set inside a transaction, so this runs in autocommit.
    """
    previous = dbapi_connection.isolation_level
    dbapi_connection.isolation_level = None
    try:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()
    finally:
        dbapi_connection.isolation_level = previous


def make_engine(path: Path) -> Engine:
    """An engine on `path` whose connections all carry the pragmas.

    pysqlite's own transaction handling is turned off and SQLAlchemy emits BEGIN itself,
    so a write transaction starts as BEGIN IMMEDIATE and waits for the lock up front
    instead of failing with "database is locked" when it later tries to write.
    """
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        # A statement's parameters are names, emails and private notes: never in an
        # error's text, and so never in the log (ARCHITECTURE §3).
        hide_parameters=True,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        apply_pragmas(dbapi_connection)
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("begin_mode", "IMMEDIATE")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine
