"""Whether this data directory has met its user: the welcome was saved or skipped.

Plain sqlite3, since it is asked at every start before the window has paid for SQLAlchemy
or for the welcome dialog itself.
"""

from __future__ import annotations

from pathlib import Path

from desktop.storage.schema import connect_read_only

WELCOME_KEY = "welcome_done"  # a row of `settings`: the welcome was saved or skipped


def welcomed(database: Path) -> bool:
    conn = connect_read_only(database)
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (WELCOME_KEY,)).fetchone()
    finally:
        conn.close()
    return row is not None and row[0] != "false"
