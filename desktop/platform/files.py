"""Files written whole or not at all: beside the target first, then renamed over it."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomically(path: Path, data: bytes | str, *, newline: str | None = None) -> None:
    """Write `data` (text as UTF-8, with `newline` as `open` takes it) to `path`.

    The bytes go to `NAME.partial` beside it, are flushed to the disk, and only then
    renamed over `path`, so a crash or a full disk never leaves half a file under the
    real name. OSError when it cannot be done; the partial file is removed.
    """
    partial = path.with_name(path.name + ".partial")
    try:
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
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
