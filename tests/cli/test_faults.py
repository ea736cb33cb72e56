"""The command line under real faults (issue 14): a planted symlink, a full disk, a
read-only or foreign-owned database, a lock held too long, a lost -wal, a bad TZ.

Each answers with a message a person can act on and exit 1, never a traceback, and
changes nothing on disk; the log names no record's contents.
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_card_cli import NOTE as CARD_NOTE
from tests.conftest import REPO, child_env
from tests.helpers.faults import (
    LockHolder,
    fill,
    limited_child,
    not_writable,
    remount_read_only,
    run_afterword,
    small_disk,
)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("demo") / "data"
    out = run_afterword("--data-dir", str(data), "demo")
    assert out.returncode == 0, out.stderr
    return data


def _copy(demo_dir: Path, where: Path) -> Path:
    data = where / "data"
    shutil.copytree(demo_dir, data, ignore=shutil.ignore_patterns("logs"))
    return data


def _refused(out: subprocess.CompletedProcess[str]) -> str:
    assert out.returncode == 1, (out.stdout, out.stderr)
    assert "Traceback" not in out.stderr, out.stderr
    return out.stderr


@pytest.mark.parametrize(
    "command",
    [
        ("export", "--format", "json", "-o", "{out}.json"),
        ("export", "--format", "csv", "-o", "{out}.csv"),
        ("export", "--format", "report", "-o", "{out}.pdf"),
        ("card", "--followup", "1", "-o", "{out}.pdf"),
    ],
    ids=["json", "csv", "report", "card"],
)
def test_a_planted_partial_symlink_is_never_followed(demo_dir, tmp_path, command):
    """Another user's `NAME.partial` link in a shared folder once overwrote ~/.bashrc."""
    shared = tmp_path / "shared"
    shared.mkdir()
    victim = tmp_path / "bashrc"
    victim.write_text("export PATH=$HOME/bin:$PATH\n")
    args = [a.format(out=shared / "out") for a in command]
    target = Path(args[-1])
    (shared / (target.name + ".partial")).symlink_to(victim)
    out = run_afterword("--data-dir", str(demo_dir), *args)
    assert out.returncode == 0, out.stderr
    assert victim.read_text() == "export PATH=$HOME/bin:$PATH\n"
    assert target.stat().st_size > 0 and not target.is_symlink()
    assert oct(target.stat().st_mode & 0o777) == oct(0o600)  # a new export is private


def test_an_export_over_a_file_keeps_that_files_mode(demo_dir, tmp_path):
    target = tmp_path / "shared-with-team.csv"
    target.write_text("old\n")
    target.chmod(0o644)
    out = run_afterword("--data-dir", str(demo_dir), "export", "--format", "csv", "-o", str(target))
    assert out.returncode == 0, out.stderr
    assert target.read_text() != "old\n" and oct(target.stat().st_mode & 0o777) == oct(0o644)


@pytest.mark.parametrize("what", ["card", "report"])
def test_a_pdf_on_a_full_disk_is_refused_and_the_old_pdf_stays(demo_dir, tmp_path, what):
    with small_disk(tmp_path / "disk", 256) as disk:
        target = disk / f"{what}.pdf"
        good = b"%PDF-1.4\n% a good old PDF\n%%EOF\n"
        target.write_bytes(good)
        fill(disk, leave=2048)
        if what == "card":
            note = tmp_path / "note.txt"
            note.write_text(CARD_NOTE)
            args = ["card", "--text", str(note), "-o", str(target)]
        else:
            args = ["--data-dir", str(demo_dir), "export", "--format", "report", "-o", str(target)]
        err = _refused(run_afterword(*args))
        assert "No space left on device" in err and "left as it was" in err
        assert target.read_bytes() == good
        assert sorted(p.name for p in disk.iterdir()) == sorted(["filler.bin", f"{what}.pdf"])


def _many_contacts(path: Path, count: int) -> list[str]:
    people = [f"Zelda Quux{i:05d}" for i in range(count)]
    path.write_text(
        json.dumps(
            {
                "format": "afterword",
                "version": 1,
                "contacts": [
                    {
                        "id": f"p{i}",
                        "name": name,
                        "email": f"zelda.quux{i:05d}@example.com",
                        "phone": f"+1 617 555 {i:04d}",
                        "notes": f"private: salary hopes {i} and a sick parent",
                    }
                    for i, name in enumerate(people)
                ],
            }
        )
    )
    return people


def test_a_full_disk_during_import_is_a_message_and_the_log_holds_no_contents(demo_dir, tmp_path):
    """RLIMIT_FSIZE: the database may not grow past 400 kB, as on a nearly full disk."""
    data = _copy(demo_dir, tmp_path)
    source = tmp_path / "contacts.json"
    _many_contacts(source, 3000)
    db = data / "afterword.sqlite3"
    before = sqlite3.connect(db).execute("SELECT count(*) FROM contacts").fetchone()[0]
    out = run_afterword(
        "--data-dir", str(data), "import", str(source), preexec=limited_child(400_000)
    )
    err = _refused(out)
    assert "the disk is full" in err
    assert sqlite3.connect(db).execute("SELECT count(*) FROM contacts").fetchone()[0] == before
    log = (data / "logs" / "afterword.log").read_text(encoding="utf-8")
    assert "import refused" in log
    for private in ("Zelda", "zelda.quux", "617 555", "salary", "sick parent"):
        assert private not in log, private
    # Every line starts with its time and UTC offset.
    stamp = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d \d+ ")
    lines = [line for line in log.splitlines() if line and not line.startswith((" ", "Trace"))]
    assert lines and all(stamp.match(line) for line in lines), lines[:3]


def test_a_full_disk_when_making_the_data_directory(tmp_path):
    with small_disk(tmp_path / "disk", 64) as disk:
        fill(disk)
        err = _refused(run_afterword("--data-dir", str(disk / "new" / "data"), "due"))
        assert "the disk is full" in err


def test_a_read_only_disk_is_not_called_damage(demo_dir, tmp_path):
    with small_disk(tmp_path / "disk", 4096) as disk:
        data = _copy(demo_dir, disk)
        remount_read_only(disk)
        for args in (("due",), ("demo",)):
            err = _refused(run_afterword("--data-dir", str(data), *args))
            assert "read-only" in err and "damaged" not in err, err


def test_a_database_the_user_may_not_write_is_a_message(demo_dir, tmp_path):
    data = _copy(demo_dir, tmp_path)
    db = data / "afterword.sqlite3"
    for suffix in ("-wal", "-shm"):
        assert not db.with_name(db.name + suffix).exists()  # closed cleanly by demo
    source = tmp_path / "three.json"
    _many_contacts(source, 3)
    with not_writable(db):
        err = _refused(run_afterword("--data-dir", str(data), "import", str(source)))
    assert "belongs to another user" in err and "damaged" not in err


def test_a_lock_held_past_the_busy_timeout_is_a_message(demo_dir, tmp_path):
    data = _copy(demo_dir, tmp_path)
    db = data / "afterword.sqlite3"
    holder = LockHolder(db, "Stopped Writer Inc")
    holder.process.send_signal(signal.SIGSTOP)
    try:
        err = _refused(run_afterword("--data-dir", str(data), "demo"))
    finally:
        holder.close()
    assert "busy for 10 s" in err and "try again" in err


WRITER_KEEPS_WAL = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA wal_autocheckpoint = 0")
conn.execute("UPDATE companies SET notes = 'changed'")
print("written", flush=True)
sys.stdin.readline()
"""


def test_a_deleted_wal_file_is_named_not_called_damage(demo_dir, tmp_path):
    data = _copy(demo_dir, tmp_path)
    db = data / "afterword.sqlite3"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER_KEEPS_WAL, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "written"
        db.with_name(db.name + "-wal").unlink()  # a "cleaner" takes it away
        err = _refused(run_afterword("--data-dir", str(data), "due"))
    finally:
        writer.kill()
        writer.communicate()
    assert "afterword.sqlite3-wal" in err and "missing" in err and "damaged" not in err


def test_an_unknown_time_zone_in_tz_is_a_message(demo_dir, tmp_path):
    data = _copy(demo_dir, tmp_path)
    out = run_afterword("--data-dir", str(data), "due", env=child_env(TZ="Mars/Olympus_Mons"))
    err = _refused(out)
    assert "TZ='Mars/Olympus_Mons' is not a time zone" in err


def test_a_log_left_by_root_is_a_warning_not_a_refusal(demo_dir, tmp_path):
    data = _copy(demo_dir, tmp_path)
    log = data / "logs" / "afterword.log"
    log.parent.mkdir()
    log.write_text("written by `sudo afterword`\n")
    with not_writable(log):
        out = run_afterword("--data-dir", str(data), "due")
    assert out.returncode == 0, out.stderr
    assert "warning: cannot write the log" in out.stderr and "Traceback" not in out.stderr


def test_escape_sequences_in_a_file_name_are_shown_not_sent_to_the_terminal(tmp_path):
    name = tmp_path / "note\x1b]0;owned\x07\x1b[2J.txt"
    out = run_afterword("--data-dir", str(tmp_path / "data"), "import", str(name))
    err = _refused(out)
    assert "\x1b" not in err and "\x07" not in err
    assert "note\\x1b]0;owned\\x07\\x1b[2J.txt" in err
