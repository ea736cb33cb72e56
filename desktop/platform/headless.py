"""Painting without a window: note cards and the activity report from the command line."""

from __future__ import annotations

import os

from PySide6.QtGui import QGuiApplication

# The application made here, kept for the life of the process (Qt needs exactly one).
_app: QGuiApplication | None = None


def ensure_gui_app() -> None:
    """Fonts and PDF writers need a QGuiApplication; make a headless one when the caller
    (the command line) has none. The window's and the tray's own application is used as is."""
    global _app
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QGuiApplication([])
