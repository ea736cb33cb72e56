"""Backups and restores: consistent copies, rolling retention, restoring safely."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.storage.backups import copy_database, rolling_backup
from desktop.storage.models import Company
from desktop.storage.store import open_store
from tests.helpers.data_files import SAMPLE


def company_names(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM companies ORDER BY id")]
    finally:
        conn.close()


def test_a_backup_holds_committed_rows_even_while_they_are_only_in_the_wal(tmp_path):
    db = tmp_path / "a.sqlite3"
    store = open_store(db, tmp_path / "b")
    with store.write() as s:
        s.add(Company(name="Hale & Pierce LLP"))
    # The store is still open: the row may live only in the -wal file.
    copy = copy_database(db, tmp_path / "copy.sqlite3")
    store.close()
    assert company_names(copy) == ["Hale & Pierce LLP"]
    assert sqlite3.connect(copy).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not copy.with_name("copy.sqlite3-wal").exists()
    assert not list(tmp_path.glob("*.partial"))


def test_rolling_backups_make_one_a_day_and_keep_seven(tmp_path):
    db = tmp_path / "a.sqlite3"
    open_store(db, tmp_path / "b").close()
    backups = tmp_path / "backups"
    start = datetime(2026, 11, 1, 12, tzinfo=UTC)
    made = [
        rolling_backup(db, backups, start + timedelta(days=d, hours=h), keep=7)
        for d in range(10)
        for h in (0, 5)
    ]
    assert sum(1 for m in made if m is not None) == 10  # once per day, not twice
    kept = sorted(p.name for p in backups.glob("daily-*.sqlite3"))
    assert len(kept) == 7
    assert kept[0].startswith("daily-20261104") and kept[-1].startswith("daily-20261110")


def test_backup_and_restore_through_the_command_line(afterword, data_dir, tmp_path):
    assert afterword("--data-dir", str(data_dir), "import", str(SAMPLE)).returncode == 0
    backup = tmp_path / "saved.sqlite3"
    out = afterword("--data-dir", str(data_dir), "backup", "-o", str(backup))
    assert out.returncode == 0, out.stderr
    assert company_names(backup) == ["Hale & Pierce LLP", "Brightloop"]

    # Later the data changes (a company is deleted) and the user restores the backup.
    conn = sqlite3.connect(data_dir / "afterword.sqlite3")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("DELETE FROM companies WHERE name = 'Brightloop'")
    conn.commit()
    conn.close()
    restored = afterword("--data-dir", str(data_dir), "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert company_names(data_dir / "afterword.sqlite3") == ["Hale & Pierce LLP", "Brightloop"]
    safety = list((data_dir / "backups").glob("pre-restore-*.sqlite3"))
    assert len(safety) == 1 and company_names(safety[0]) == ["Hale & Pierce LLP"]
    assert "kept in" in restored.stdout


@pytest.mark.parametrize("content", [b"not a database", None])
def test_restore_refuses_a_bad_backup_and_keeps_the_data(afterword, data_dir, tmp_path, content):
    assert afterword("--data-dir", str(data_dir), "import", str(SAMPLE)).returncode == 0
    bad = tmp_path / "bad.sqlite3"
    if content is None:  # a real SQLite file, but somebody else's
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        conn.close()
    else:
        bad.write_bytes(content)
    out = afterword("--data-dir", str(data_dir), "restore", str(bad))
    assert out.returncode == 1
    assert str(bad) in out.stderr
    assert company_names(data_dir / "afterword.sqlite3") == ["Hale & Pierce LLP", "Brightloop"]


def test_backup_refuses_to_overwrite_the_database_itself(afterword, data_dir):
    out = afterword(
        "--data-dir", str(data_dir), "backup", "-o", str(data_dir / "afterword.sqlite3")
    )
    assert out.returncode == 1
    assert "that is the database itself" in out.stderr
