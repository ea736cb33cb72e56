"""Noticing that another process changed the data: the tray, the command line, an import.

SQLite counts commits made by other connections in `PRAGMA data_version`; reading it is a
few microseconds on a connection kept open, so the window polls it instead of trusting
that every writer remembers to send `refresh`.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)
POLL_MS = 2000


class DataWatch(QObject):
    """Emits `changed` when another connection has committed to the database file."""

    changed = Signal()

    def __init__(self, database: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self._conn: sqlite3.Connection | None = None
        self._last: int | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.seen()
        self.timer.start()

    def _version(self) -> int | None:
        try:
            if self._conn is None:
                from desktop.storage.schema import connect_read_only

                self._conn = connect_read_only(self.database)
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error as exc:  # locked for a moment, or replaced by a restore
            log.info("data_version not read: %s", exc)
            self.close()
            return None

    def seen(self) -> None:
        """The window has just read everything: what is on disk now is not news."""
        self._last = self._version()

    def poll(self) -> None:
        version = self._version()
        if version is not None and self._last is not None and version != self._last:
            self._last = version
            self.changed.emit()
        elif self._last is None:
            self._last = version

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
