"""The database file: pragmas, schema checks, refusing what it must not touch."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.storage.engine import make_engine
from desktop.storage.errors import StorageError
from desktop.storage.migrate import ensure_schema, script_revisions
from desktop.storage.schema import HEAD_REVISION, KNOWN_REVISIONS, inspect_database
from desktop.storage.store import open_store
from tests.conftest import REPO, child_env


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_connection_gets_the_pragmas(tmp_path):
    db = tmp_path / "a.sqlite3"
    store = open_store(db, tmp_path / "backups")
    try:
        for _ in range(2):  # a fresh connection each time from the pool is still right
            with store.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
                assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
                assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    finally:
        store.close()


def test_known_revisions_match_the_migration_scripts():
    # The start-up check reads these constants so it need not import Alembic.
    assert tuple(script_revisions()) == KNOWN_REVISIONS
    assert KNOWN_REVISIONS[-1] == HEAD_REVISION


def test_a_new_file_is_created_at_the_newest_schema(tmp_path):
    db = tmp_path / "a.sqlite3"
    assert ensure_schema(db, tmp_path / "b") is True
    assert inspect_database(db).revision == HEAD_REVISION
    assert ensure_schema(db, tmp_path / "b") is False  # nothing to do the second time
    tables = {r[0] for r in sqlite3.connect(db).execute("SELECT name FROM sqlite_master")}
    assert {
        "companies",
        "contacts",
        "applications",
        "interviews",
        "participants",
        "followups",
        "drafts",
        "replies",
        "templates",
        "settings",
        "notification_log",
    } <= tables


def test_the_model_and_the_migrations_agree(tmp_path):
    """Autogenerate finds nothing to add: every model change comes with a migration."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from desktop.storage.models import Base

    db = tmp_path / "a.sqlite3"
    ensure_schema(db, tmp_path / "b")
    engine = make_engine(db)
    with engine.connect() as conn:
        # The search index is an FTS5 table the models do not describe (0002_search).
        context = MigrationContext.configure(conn, opts={"include_name": _not_search_index})
        diff = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert diff == []


def _not_search_index(name: str | None, type_: str, parent_names: object) -> bool:
    return not (type_ == "table" and name is not None and name.startswith("search_index"))


def _stamp_newer(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    conn.execute("INSERT INTO alembic_version VALUES ('0099_from_the_future')")
    conn.execute("CREATE TABLE companies (id INTEGER PRIMARY KEY, name TEXT, hologram TEXT)")
    conn.commit()
    conn.close()


def test_a_newer_database_is_refused_and_left_byte_for_byte_untouched(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    db = data / "afterword.sqlite3"
    _stamp_newer(db)
    before = digest(db)
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data), "due"],
        capture_output=True,
        text=True,
        env=child_env(),
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 1
    assert "written by a newer version of Afterword" in result.stderr
    assert "0099_from_the_future" in result.stderr
    assert "left unchanged" in result.stderr
    assert digest(db) == before
    assert not (data / "afterword.sqlite3-wal").exists()
    assert not list((data / "backups").glob("*")) if (data / "backups").exists() else True


def test_a_file_that_is_not_ours_is_refused(tmp_path):
    db = tmp_path / "a.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    before = digest(db)
    with pytest.raises(StorageError, match="not an Afterword database"):
        ensure_schema(db, tmp_path / "b")
    assert digest(db) == before


def test_a_damaged_file_is_refused_with_advice(tmp_path):
    db = tmp_path / "a.sqlite3"
    store = open_store(db, tmp_path / "b")
    with store.write() as session:
        for i in range(300):
            session.execute(
                text(
                    "INSERT INTO companies (name, industry, formality, website, notes, "
                    "created_at, updated_at) VALUES (:n, '', 'neutral', '', :notes, "
                    "'2026-01-01', '2026-01-01')"
                ),
                {"n": f"Co {i}", "notes": "x" * 500},
            )
    store.close()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    raw = bytearray(db.read_bytes())
    page = 4096
    raw[page * 3 : page * 3 + 200] = b"\x00\xff" * 100  # scribble over a b-tree page
    db.write_bytes(bytes(raw))
    before = digest(db)
    with pytest.raises(StorageError, match=r"damaged|cannot read") as caught:
        ensure_schema(db, tmp_path / "b")
    assert "afterword restore" in str(caught.value)
    assert digest(db) == before


def test_garbage_bytes_are_refused(tmp_path):
    db = tmp_path / "a.sqlite3"
    db.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StorageError, match=r"the database is damaged .file is not a database"):
        ensure_schema(db, tmp_path / "b")


def test_processes_starting_together_migrate_once(tmp_path):
    """The window, tray and CLI may all start at once on a new file: one migrates."""
    data = tmp_path / "data"
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "desktop", "--data-dir", str(data), "due", "--json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=child_env(),
            cwd=REPO,
        )
        for _ in range(4)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], outputs
    log = (data / "logs" / "afterword.log").read_text()
    assert log.count("migrated") == 1
    assert inspect_database(data / "afterword.sqlite3").revision == HEAD_REVISION
