"""Where the window keeps what it remembers between runs (geometry, last folders): an INI
file beside the data, so a second data directory remembers its own."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

STATE_FILE = "window-state.ini"


def window_state(data_dir: Path) -> QSettings:
    return QSettings(str(Path(data_dir) / STATE_FILE), QSettings.Format.IniFormat)
