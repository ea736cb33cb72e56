"""Files written whole or not at all: beside the target first, then renamed over it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def file_beside(path: Path) -> Iterator[Path]:
    """An empty `NAME.partial` beside `path` for the block to write (by name, as Qt's
    PDF writer does), renamed over `path` when the block ends, removed if it raises.

    The file is made first, so a missing folder, a folder in the way or a missing
    permission is an OSError naming the reason before any work is done; a failed rename
    is an OSError too. A crash never leaves half a file under the real name.
    """
    partial = path.with_name(path.name + ".partial")
    partial.open("wb").close()
    try:
        yield partial
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def write_atomically(path: Path, data: bytes | str, *, newline: str | None = None) -> None:
    """Write `data` (text as UTF-8, with `newline` as `open` takes it) to `path` through
    `file_beside`, flushed to the disk before the rename. OSError when it cannot."""
    with file_beside(path) as partial:
        if isinstance(data, bytes):
            with partial.open("wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
        else:
            with partial.open("w", encoding="utf-8", newline=newline) as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
