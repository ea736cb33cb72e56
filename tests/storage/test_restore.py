"""Restore under real faults: a concurrent writer, a stopped one, a damaged or emptied
database, another page size, a full disk and a backups folder in the way (issue 14)."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.storage.restore import restore_database
from tests.conftest import REPO, child_env
from tests.helpers.faults import LockHolder, fill, small_disk
from tests.storage.test_backups import company_names


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A data directory with the sample search, and a backup of it (made once)."""
    from tests.helpers.data_files import SAMPLE
    from tests.helpers.faults import run_afterword

    root = tmp_path_factory.mktemp("saved")
    data = root / "data"
    assert run_afterword("--data-dir", str(data), "import", str(SAMPLE)).returncode == 0
    backup = root / "saved.sqlite3"
    out = run_afterword("--data-dir", str(data), "backup", "-o", str(backup))
    assert out.returncode == 0, out.stderr
    return data, backup


def _copy_tree(saved: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(saved[0], data)
    return data, saved[1]


def test_restore_waits_for_a_writer_first_so_its_commit_is_kept_aside(saved, tmp_path):
    data, backup = _copy_tree(saved, tmp_path)
    db = data / "afterword.sqlite3"
    writer = LockHolder(db, "Late Write Ltd")
    restore = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--data-dir", str(data), "restore", str(backup)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
        cwd=REPO,
    )
    try:
        # The restore has prepared the backup (a scratch copy or, before the fix, the safety
        # copy) and now meets the writer's lock.
        deadline = time.monotonic() + 30
        while not (list(data.glob(".*.restoring")) or list(data.glob("backups/pre-restore-*"))):
            assert time.monotonic() < deadline and restore.poll() is None
            time.sleep(0.05)
        time.sleep(0.3)  # into its wait for the lock
        writer.commit()  # the import says it saved the row
        out, err = restore.communicate(timeout=60)
    finally:
        writer.close()
        if restore.poll() is None:
            restore.kill()
    assert restore.returncode == 0, err
    [safety] = list((data / "backups").glob("pre-restore-*.sqlite3"))
    assert str(safety) in out
    # The committed write is kept: not in the restored data, but in the copy of what it replaced.
    assert "Late Write Ltd" in company_names(safety)
    assert company_names(db) == company_names(backup)


def test_restore_gives_up_on_a_stopped_writer_with_a_message_and_changes_nothing(saved, tmp_path):
    data, backup = _copy_tree(saved, tmp_path)
    db = data / "afterword.sqlite3"
    from desktop.storage.errors import DatabaseLockedError

    before = company_names(db)
    writer = LockHolder(db, "Stopped Writer Inc")
    writer.process.send_signal(signal.SIGSTOP)
    try:
        started = time.monotonic()
        with pytest.raises(DatabaseLockedError, match=r"busy for 1 s.*nothing was changed"):
            restore_database(backup, db, data / "backups", wait=1.0)
        assert time.monotonic() - started < 30
    finally:
        writer.close()
    assert company_names(db) == before
    assert not list((data / "backups").glob("pre-restore-*"))  # no copy per failed attempt
    assert not list(data.glob(".*.restoring"))


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_restore_works_over_a_damaged_database_and_keeps_it_aside(
    saved, tmp_path, afterword, damage
):
    data, backup = _copy_tree(saved, tmp_path)
    db = data / "afterword.sqlite3"
    whole = db.read_bytes()
    damaged = {
        "truncated": whole[: len(whole) // 3],
        "garbage": b"this is not a database\n" * 400,
    }[damage]
    db.write_bytes(damaged)
    for suffix in ("-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    refused = afterword("--data-dir", str(data), "due")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    out = afterword("--data-dir", str(data), "restore", str(backup))
    assert out.returncode == 0, out.stderr
    assert company_names(db) == company_names(backup)
    kept = list((data / "backups").glob("damaged-*.sqlite3"))
    assert [k.read_bytes() for k in kept] == [damaged]  # kept aside byte for byte
    assert str(kept[0]) in out.stdout
    due = afterword("--data-dir", str(data), "due", "--at", "2026-11-21T09:00:00-05:00")
    assert due.returncode == 0 and "Thank Margaret Hale" in due.stdout


def test_a_backup_with_another_page_size_restores(saved, tmp_path, afterword):
    data, backup = _copy_tree(saved, tmp_path)
    small_pages = tmp_path / "small-pages.sqlite3"
    conn = sqlite3.connect(backup)
    try:
        conn.execute(f"VACUUM INTO '{small_pages}'")
    finally:
        conn.close()
    conn = sqlite3.connect(small_pages)
    conn.execute("PRAGMA page_size = 1024")
    conn.execute("VACUUM")
    assert conn.execute("PRAGMA page_size").fetchone()[0] == 1024
    conn.close()
    out = afterword("--data-dir", str(data), "restore", str(small_pages))
    assert out.returncode == 0, out.stderr
    assert company_names(data / "afterword.sqlite3") == company_names(backup)


def test_restore_on_a_full_disk_says_so_and_leaves_no_empty_copy(saved, tmp_path, afterword):
    import shutil

    with small_disk(tmp_path / "disk", 1024) as disk:
        data = disk / "data"
        shutil.copytree(saved[0], data)
        db = data / "afterword.sqlite3"
        before = db.read_bytes()
        fill(disk, leave=8 * 1024)
        out = afterword("--data-dir", str(data), "restore", str(saved[1]))
        assert out.returncode == 1, out.stderr
        assert "Traceback" not in out.stderr
        assert "disk is full" in out.stderr
        assert db.read_bytes() == before
        leftovers = [p.name for p in (data / "backups").iterdir()] + [
            p.name for p in data.glob(".*")
        ]
        assert not [n for n in leftovers if n.startswith(("pre-restore", "."))], leftovers


@pytest.mark.parametrize("in_the_way", ["file", "dangling link"])
def test_restore_with_something_in_place_of_the_backups_folder(
    saved, tmp_path, afterword, in_the_way
):
    data, backup = _copy_tree(saved, tmp_path)
    import shutil

    shutil.rmtree(data / "backups", ignore_errors=True)
    if in_the_way == "file":
        (data / "backups").write_text("not a folder")
    else:
        (data / "backups").symlink_to(tmp_path / "nowhere")
    out = afterword("--data-dir", str(data), "restore", str(backup))
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    assert "backups" in out.stderr and ("file is in the way" in out.stderr or "link" in out.stderr)


@pytest.mark.parametrize("lost", ["empty", "missing"])
def test_an_emptied_database_is_refused_with_the_backups_offered(saved, tmp_path, afterword, lost):
    import shutil

    data, backup = _copy_tree(saved, tmp_path)
    (data / "backups").mkdir(exist_ok=True)
    daily = data / "backups" / "daily-20261120T090000Z.sqlite3"
    shutil.copyfile(backup, daily)
    db = data / "afterword.sqlite3"
    for suffix in ("-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    if lost == "empty":
        db.write_bytes(b"")
    else:
        db.unlink()
    out = afterword("--data-dir", str(data), "due")
    assert out.returncode == 1, out.stdout
    assert "Nothing is due" not in out.stdout
    assert f"afterword restore {daily}" in out.stderr and "2 applications, 3 contacts" in out.stderr
    # Nothing was put in its place.
    assert (db.exists() and db.stat().st_size == 0) if lost == "empty" else not db.exists()
    out = afterword("--data-dir", str(data), "restore", str(daily))
    assert out.returncode == 0, out.stderr
    assert company_names(db) == company_names(backup)


def test_rotation_keeps_the_newest_sound_backup_through_a_week_of_bad_ones(tmp_path):
    from datetime import UTC, datetime, timedelta

    from desktop.storage.backups import rolling_backup
    from desktop.storage.models import Company
    from desktop.storage.store import open_store

    db = tmp_path / "a.sqlite3"
    store = open_store(db, tmp_path / "backups")
    with store.write() as session:
        session.add(Company(name="Hale & Pierce LLP"))
    store.close()
    backups = tmp_path / "backups"
    start = datetime(2026, 11, 1, 12, tzinfo=UTC)
    good = rolling_backup(db, backups, start)
    assert good is not None
    # Then the file is lost and an empty one made in its place (as before the refusal
    # above), and that is copied every day for more than a week.
    for suffix in ("", "-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    open_store(db, tmp_path / "elsewhere").close()
    for day in range(1, 10):
        assert rolling_backup(db, backups, start + timedelta(days=day)) is not None
    kept = sorted(p.name for p in backups.glob("daily-*.sqlite3"))
    assert good.name in kept and len(kept) == 8
