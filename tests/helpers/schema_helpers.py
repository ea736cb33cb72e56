"""Reading a database file as plain rows, to compare one before and after an upgrade."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from desktop.storage.schema import KNOWN_REVISIONS

# Written by tools/make_schema_fixtures.py, which finds them here too.
FIXTURES = Path(__file__).resolve().parents[1] / "data" / "schema"
# Every schema revision there has been; each needs its fixture.
RELEASED = KNOWN_REVISIONS


def fixture(revision: str) -> Path:
    return FIXTURES / f"{revision}.sqlite3"


def place_fixture(revision: str, data_dir: Path) -> Path:
    """A copy of the fixture as a data directory's database, as an older version left it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    db = data_dir / "afterword.sqlite3"
    shutil.copyfile(fixture(revision), db)
    return db


def user_tables(conn: sqlite3.Connection) -> list[str]:
    """The tables holding the user's data (not Alembic's, SQLite's or the search index's)."""
    names = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    ]
    # A backup also carries the user's template files in a table of its own; that table is
    # the templates folder's copy, not a table of the database the backup was taken from.
    skipped = ("alembic_version", "afterword_user_templates")
    return [n for n in names if n not in skipped and not n.startswith(("sqlite_", "search_index"))]


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def table_rows(
    db: Path, only_columns: dict[str, list[str]] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Every row of every user table, by table, ordered by rowid; read-only."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        out: dict[str, list[dict[str, Any]]] = {}
        tables = list(only_columns) if only_columns is not None else user_tables(conn)
        for table in tables:
            cols = only_columns[table] if only_columns is not None else columns(conn, table)
            listed = ", ".join(f'"{c}"' for c in cols)
            out[table] = [
                dict(zip(cols, row, strict=True))
                for row in conn.execute(f"SELECT {listed} FROM {table} ORDER BY rowid")
            ]
        return out
    finally:
        conn.close()


def schema_columns(db: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {t: columns(conn, t) for t in user_tables(conn)}
    finally:
        conn.close()


def revision_of(db: Path) -> str | None:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        conn.close()


def integrity(db: Path) -> str:
    conn = sqlite3.connect(db, timeout=30)
    try:
        return ", ".join(r[0] for r in conn.execute("PRAGMA integrity_check"))
    finally:
        conn.close()


def file_digests(directory: Path) -> dict[str, str]:
    """Every file under `directory` (relative name -> sha256), to prove nothing changed."""
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }
