"""Logging to a rotating file in the log directory, and uncaught exceptions into it."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path
from types import TracebackType

LOG_FILE = "afterword.log"
log = logging.getLogger("desktop")


def configure_logging(log_dir: Path, *, verbose: bool = False) -> Path:
    """Send our log records to `log_dir/afterword.log` (five files of 1 MB)."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_afterword", False)]:
        root.removeHandler(old)
        old.close()
    handler._afterword = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    return path


def log_uncaught(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """Write an uncaught exception to the log before anything else happens to it."""
    log.critical("uncaught exception", exc_info=(exc_type, exc, tb))


def install_excepthook() -> None:
    """Log uncaught exceptions, then let Python report them as usual."""
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log_uncaught(exc_type, exc, tb)
        previous(exc_type, exc, tb)

    sys.excepthook = hook
