"""Real faults for tests: a small file system that fills up, a read-only one, a stopped writer.

A full disk is a real tmpfs of a few hundred kilobytes where the test may mount (root, as
here and in CI); elsewhere a child process gets RLIMIT_FSIZE, so its writes past the limit
fail with EFBIG as they would on a full disk. Never a mock.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import run_afterword as run_afterword


def can_mount() -> bool:
    return os.name == "posix" and os.geteuid() == 0


@contextlib.contextmanager
def small_disk(path: Path, size_kb: int) -> Iterator[Path]:
    """`path` as a tmpfs of `size_kb` KiB for the block (skips where the test cannot mount)."""
    if not can_mount():
        pytest.skip("mounting a small tmpfs needs root; the RLIMIT_FSIZE tests cover this")
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k,mode=0755", "tmpfs", str(path)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def fill(folder: Path, leave: int = 0) -> Path:
    """Fill the file system of `folder` until at most `leave` bytes are free."""
    filler = folder / "filler.bin"
    with filler.open("wb") as out:
        while True:
            free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
            if free <= leave:
                break
            try:
                out.write(b"\0" * min(65536, max(4096, free - leave)))
                out.flush()
            except OSError:
                break
    return filler


def remount_read_only(path: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(path)], check=True)


def limited_child(limit: int) -> object:
    """A preexec_fn: writes past `limit` bytes per file fail with EFBIG (a full disk)."""

    def limit_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limit_files


HOLD_LOCK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT INTO companies (name, industry, formality, website, notes, created_at, updated_at)"
             " VALUES (?, '', 'neutral', '', '', '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000')",
             (sys.argv[2],))
print("locked", flush=True)
sys.stdin.readline()
conn.execute("COMMIT")
print("committed", flush=True)
"""


class LockHolder:
    """Another process that holds the database's write lock with an uncommitted company,
    until `commit()` (or is stopped with SIGSTOP, as a writer suspended by the user)."""

    def __init__(self, db: Path, company: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLD_LOCK, str(db), company],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "locked"

    def commit(self) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        assert self.process.stdout.readline().strip() == "committed"
        self.process.wait(10)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.kill()
            self.process.wait(10)
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


@contextlib.contextmanager
def not_writable(path: Path) -> Iterator[Path]:
    """`path` may be read but not written by the test's processes, as a file another user
    owns (`sudo afterword` leaves root's): immutable for root (chattr +i binds root too),
    else mode 0444."""
    if os.geteuid() == 0:
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"cannot make {path.name} unwritable for root: {done.stderr.strip()}")
        try:
            yield path
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=False)
        return
    mode = path.stat().st_mode
    path.chmod(0o444)
    try:
        yield path
    finally:
        path.chmod(mode)
