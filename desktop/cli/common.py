"""What every command shares: its error, the exit statuses, the workspace, input and output."""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.i18n import _
from desktop.errors import UserError

if TYPE_CHECKING:
    from desktop.app import Workspace
    from desktop.platform.paths import AppPaths

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2


class CommandError(UserError):
    """A command cannot do what was asked; the message says what and where."""

    def __init__(self, message: str, status: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.status = status


@contextmanager
def workspace(paths: AppPaths, *, reading: bool = False) -> Iterator[Workspace]:
    """The data directory, open (and migrated) for the length of a `with` block.

    `reading`: the command only reads, so the file gets SQLite's quick_check (damaged
    pages and b-trees, a tenth of the time on a large file) instead of the full
    integrity_check, which also compares every index with its table. Commands that write
    keep the full check, so they never add to a file whose indexes disagree.
    """
    from desktop.app import open_workspace

    with open_workspace(paths, quick_check=reading) as ws:
        yield ws


# C0 and C1 controls but tab and newline: a file named with an escape sequence must not
# drive the terminal (retitle it, hide text, fake a prompt) when a message names it.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def shown(text: object) -> str:
    """`text` safe to print on a terminal: control characters written as \\xNN."""
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


def now() -> datetime:
    return datetime.now(UTC)


def read_input(name: str, limit: int | None = None) -> tuple[bytes, str]:
    """The bytes of file `name` ('-' is stdin) up to `limit` (the import limit if None),
    and its name. More than that, or a pipe or device given by name, is refused."""
    from desktop.files import InputRefused, read_regular_file

    if limit is None:
        from desktop.interchange.document_model import MAX_DOCUMENT_BYTES

        limit = MAX_DOCUMENT_BYTES
    if name == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise CommandError(
                _("{file}: more than {kb} kB; at most that can be read").format(
                    file="<stdin>", kb=limit // 1024
                )
            )
        return data, "<stdin>"
    try:
        return read_regular_file(Path(name), limit), name
    except InputRefused as exc:
        raise CommandError(f"{name}: {exc}") from None
    except OSError as exc:
        reason = exc.strerror or exc
        raise CommandError(
            _("{file}: cannot read the file: {reason}").format(file=name, reason=reason)
        ) from exc


def write_output(target: str, text: str, newline: str | None = None) -> None:
    """Write `text` to `target` ('-' is stdout) so a crash never leaves half a file.

    `newline=""` writes the line ends as they are (CSV and iCalendar carry their own CRLF).
    """
    if target == "-":
        sys.stdout.write(text)
        return
    path = Path(target)
    if not path.parent.is_dir():
        raise CommandError(
            _("{file}: the folder {folder} does not exist").format(file=target, folder=path.parent)
        )
    from desktop.files import write_atomically

    try:
        write_atomically(path, text, newline=newline)
    except OSError as exc:
        reason = exc.strerror or exc
        raise CommandError(
            _("{file}: cannot write: {reason}").format(file=target, reason=reason)
        ) from exc


def is_special_file(name: str) -> bool:
    """True for a device, pipe or socket (a folder is refused by each writer with its name)."""
    try:
        mode = os.stat(name).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))
