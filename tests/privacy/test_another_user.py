"""Another user on the same machine reads nothing of the job search (issue 14, item 4):
a real second account (`nobody`) tries to list and read every file a session made under
umask 022: the database, the log, and a backup and an export written to a shared folder.
Before the fix all of them were 0644 in 0755 folders and `nobody` read the contacts."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.helpers.faults import run_afterword


def _as_nobody(*command: str) -> subprocess.CompletedProcess[bytes]:
    # Bytes: what `cat` prints of a readable database is not text.
    return subprocess.run(
        ["runuser", "-u", "nobody", "--", *command], capture_output=True, timeout=30
    )


@pytest.fixture
def shared_root():  # type: ignore[no-untyped-def]
    """A folder every user may pass through, as a home directory or /srv often is
    (pytest's own temporary folders are 0700 and would hide everything anyway)."""
    if os.geteuid() != 0 or shutil.which("runuser") is None:
        pytest.skip("acting as another user needs root and runuser")
    root = Path(tempfile.mkdtemp(prefix="afterword-shared-"))
    root.chmod(0o755)
    yield root
    shutil.rmtree(root, ignore_errors=True)


def test_another_user_can_read_nothing_a_session_wrote(shared_root):
    old = os.umask(0o022)
    try:
        data, exports = shared_root / "data", shared_root / "exports"
        exports.mkdir()  # a shared folder: 0755 under this umask
        for args in (
            ("demo",),
            ("backup", "-o", str(exports / "backup.sqlite3")),
            ("export", "--format", "json", "-o", str(exports / "search.json")),
        ):
            out = run_afterword("--data-dir", str(data), *args)
            assert out.returncode == 0, out.stderr
    finally:
        os.umask(old)
    assert _as_nobody("true").returncode == 0  # the account works at all
    files = [p for p in [*data.rglob("*"), *exports.iterdir()] if p.is_file()]
    assert len(files) >= 4  # the database, the log, the backup and the export
    for path in files:
        # A path nobody cannot reach is as private as one it cannot read: both must fail.
        read = _as_nobody("cat", str(path))
        assert read.returncode != 0, f"{path} was readable by another user"
    listing = _as_nobody("ls", str(data))
    assert listing.returncode != 0 and b"Permission denied" in listing.stderr
    assert _as_nobody("ls", str(exports)).returncode == 0  # the shared folder itself is open
