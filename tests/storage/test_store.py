"""Units of work on the real file: all or nothing, and several processes at once."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import func, select

from desktop.storage.models import Company
from desktop.storage.store import open_store
from tests.conftest import REPO, child_env


def test_a_unit_of_work_that_fails_writes_nothing(tmp_path):
    store = open_store(tmp_path / "a.sqlite3", tmp_path / "b")
    with pytest.raises(RuntimeError), store.write() as s:
        s.add(Company(name="Half-written"))
        s.flush()
        raise RuntimeError("power cut")
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Company)) == 0
    store.close()


def test_stored_times_come_back_aware_and_naive_ones_are_refused(tmp_path):
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from sqlalchemy.exc import StatementError

    store = open_store(tmp_path / "a.sqlite3", tmp_path / "b")
    moment = datetime(2026, 11, 20, 10, tzinfo=ZoneInfo("America/New_York"))
    with store.write() as s:
        s.add(Company(name="A", created_at=moment))
    with store.read() as s:
        stored = s.scalars(select(Company)).one().created_at
    assert stored == moment and stored.tzinfo == UTC
    with pytest.raises(StatementError, match="must carry a time zone"), store.write() as s:
        s.add(Company(name="B", created_at=datetime(2026, 11, 20, 10)))
    store.close()


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from desktop.storage.store import open_store
    from desktop.storage.models import Company
    store = open_store(Path(sys.argv[1]), Path(sys.argv[2]))
    for i in range(150):
        with store.write() as s:
            s.add(Company(name=f"{sys.argv[3]}-{i}"))
        with store.read() as s:
            s.get(Company, 1)
    store.close()
    """
)


def test_three_processes_writing_at_once_lose_nothing_and_never_see_locked(tmp_path):
    db, backups = tmp_path / "a.sqlite3", tmp_path / "b"
    open_store(db, backups).close()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), str(backups), name],
            stderr=subprocess.PIPE,
            text=True,
            env=child_env(),
            cwd=REPO,
        )
        for name in ("window", "tray", "cli")
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], errors
    assert not any("locked" in e for e in errors)
    store = open_store(db, backups)
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Company)) == 450
    store.close()
