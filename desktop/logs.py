"""Logging to a rotating file in the log directory, and uncaught exceptions into it."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from datetime import datetime
from pathlib import Path
from types import TracebackType

LOG_FILE = "afterword.log"
log = logging.getLogger("desktop")


class PrivateRotatingFile(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file is created 0600: the log names files and record
    ids, and is the user's alone (ARCHITECTURE §3)."""

    def _open(self):  # type: ignore[no-untyped-def]
        return open(
            self.baseFilename,
            self.mode,
            encoding=self.encoding,
            errors=self.errors,
            opener=lambda name, flags: os.open(name, flags, 0o600),
        )

    def handleError(self, record: logging.LogRecord) -> None:
        """A log that cannot be written (a full disk) is said once, in one line: never a
        traceback on the terminal, never a reason to stop."""
        if not getattr(self, "_warned", False):
            self._warned = True
            reason = sys.exc_info()[1]
            print(f"afterword: warning: cannot write the log: {reason}", file=sys.stderr)


class LocalTimeFormatter(logging.Formatter):
    """Times as 2026-11-20T10:00:00.123-05:00: with the UTC offset, so lines written
    across a DST change or a move to another zone still read in order."""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        moment = datetime.fromtimestamp(record.created).astimezone()
        return moment.isoformat(timespec="milliseconds")


def configure_logging(log_dir: Path, *, verbose: bool = False) -> str | None:
    """Send our log records to `log_dir/afterword.log` (five files of 1 MB), 0600 in a
    0700 folder. Returns None, or what stops the log being written (a folder or file
    that belongs to another user, a full disk): the caller warns and goes on without."""
    from desktop.files import make_private, make_private_dir

    path = log_dir / LOG_FILE
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_afterword", False)]:
        root.removeHandler(old)
        old.close()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    try:
        make_private_dir(log_dir)
        handler = PrivateRotatingFile(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        make_private(path)
    except OSError as exc:
        return f"cannot write the log {path} ({exc.strerror or exc}); going on without it"
    handler.setFormatter(
        LocalTimeFormatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s")
    )
    handler._afterword = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return None


def log_path() -> Path | None:
    """The file our log records go to, None when there is none."""
    for handler in logging.getLogger().handlers:
        if getattr(handler, "_afterword", False):
            return Path(handler.baseFilename)  # type: ignore[attr-defined]
    return None


def log_bug(exc: BaseException) -> Path | None:
    """Log a bug with its traceback (once: the excepthook then knows it is logged)."""
    log.critical("uncaught exception (a bug)", exc_info=(type(exc), exc, exc.__traceback__))
    exc._afterword_logged = True  # type: ignore[attr-defined]
    return log_path()


def log_uncaught(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """Write an uncaught exception to the log before anything else happens to it."""
    log.critical("uncaught exception", exc_info=(exc_type, exc, tb))


def install_excepthook() -> None:
    """Log uncaught exceptions, then let Python report them as usual."""
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if not getattr(exc, "_afterword_logged", False):
            log_uncaught(exc_type, exc, tb)
        previous(exc_type, exc, tb)

    sys.excepthook = hook
