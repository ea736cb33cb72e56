"""Files written whole or not at all, and private: the one write-beside-then-rename helper.

Every file Afterword writes (exports, card and report PDFs, .eml drafts, backups, templates,
the autostart entry) goes through `write_atomically` or `file_beside`:

- the temporary file is made by `tempfile.mkstemp` in the target's folder: created
  exclusively (O_CREAT|O_EXCL, so a planted `NAME.partial` symlink or file is never
  followed or reused) under an unpredictable name, with mode 0600 from the start;
- it is written, checked by the caller, flushed to the disk, then renamed over the target,
  so a full disk or a crash never replaces a good file with a broken one;
- its mode: 0600, unless `keep_mode` and it replaces a regular file, whose mode it keeps
  (a file the user made readable to others stays so; a new export is private).

On Windows files under the user's profile (the data directory, Documents) are already
private to the user by their inherited ACLs; the mode bits only say whether a file is
read-only there, so nothing more is needed.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def _kept_mode(path: Path) -> int | None:
    """The permission bits of the regular file at `path` (not following a symlink)."""
    try:
        info = path.lstat()
    except OSError:
        return None
    return stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else None


def _sync_folder(folder: Path) -> None:
    """Flush the rename to the disk too (POSIX; Windows has no folder handles to sync)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@dataclass(frozen=True)
class Partial:
    """The temporary file `file_beside` made: its open descriptor, and its name for
    writers that open by name (SQLite's backup)."""

    fd: int
    path: Path


@contextmanager
def file_beside(path: Path, *, keep_mode: bool = True) -> Iterator[Partial]:
    """A new private temporary file beside `path`, open, for the block to write; flushed
    and renamed over `path` when the block ends, removed if it raises.

    Making the file first means a missing folder, a folder in the way or a missing
    permission is an OSError naming the reason before any work is done.
    """
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(21, "Is a directory", str(path))
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    partial = Path(name)
    try:
        yield Partial(fd, partial)
        os.fsync(fd)
        mode = _kept_mode(path) if keep_mode else None
        if mode is not None and mode != PRIVATE_FILE and hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        os.close(fd)
        fd = -1
        os.replace(partial, path)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    _sync_folder(path.parent)


def write_atomically(
    path: Path, data: bytes | str, *, newline: str | None = None, keep_mode: bool = True
) -> None:
    """Write `data` (text as UTF-8, with `newline` as `open` takes it) to `path` through
    `file_beside`. OSError when it cannot (a full disk included); the old file stays."""
    if isinstance(data, str):
        if newline is None:
            newline = os.linesep
        if newline != "":
            data = data.replace("\n", newline)
        data = data.encode("utf-8")
    with file_beside(path, keep_mode=keep_mode) as partial:
        view = memoryview(data)
        while view:
            written = os.write(partial.fd, view)
            view = view[written:]


def make_private_dir(path: Path) -> Path:
    """Create `path` (and its parents) if needed and make it 0700 (the user's alone)."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    make_private(path)
    return path


def make_private(path: Path) -> None:
    """Take group and other permissions away from `path` (a folder 0700, a file 0600),
    if it is ours; a file we do not own (one left by `sudo afterword`) is left alone."""
    if os.name != "posix":
        return  # under the profile on Windows: private already (see the module docstring)
    with contextlib.suppress(OSError):
        info = path.lstat()
        if info.st_uid != os.getuid() or stat.S_ISLNK(info.st_mode):
            return
        if stat.S_IMODE(info.st_mode) & 0o077:
            os.chmod(path, stat.S_IMODE(info.st_mode) & ~0o077)


def pdf_is_whole(data: bytes) -> bool:
    """Whether `data` is a PDF that was finished: its header, and an end-of-file marker
    in its last kilobyte (a cut or empty file has neither)."""
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]


class InputRefused(Exception):
    """A file to read is not a regular file or is too large; the message says which."""


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them.

    A pipe, device or folder is refused before it is opened (reading a FIFO would wait
    for ever, /dev/zero would never end), and a file over `limit` from its size alone.
    OSError when it cannot be read; InputRefused when it should not be.
    """
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a pipe or device)"
        raise InputRefused(f"this is {kind}; give a file")
    if info.st_size > limit:
        raise InputRefused(f"the file is {_size(info.st_size)}; at most {_size(limit)} can be read")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for a pipe since the stat
            raise InputRefused("this is not a regular file (a pipe or device); give a file")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputRefused(f"the file is over {_size(limit)}; at most that can be read")
    return data


def _size(count: int) -> str:
    if count >= 2**20:
        return f"{count / 2**20:.1f} MB".replace(".0 MB", " MB")
    return f"{count / 1024:.0f} kB"
