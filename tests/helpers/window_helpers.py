"""Shared set-up for window tests: a real workspace on a real file, a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import QDialog

NOW = datetime(2026, 11, 21, 14, 0, tzinfo=UTC)  # Saturday 09:00 in New York


def fixed_clock() -> datetime:
    return NOW


def accept_with(fill):  # type: ignore[no-untyped-def]
    """An exec_dialog stand-in: fill the real dialog's widgets, then press its Save."""

    def run(dialog: QDialog) -> int:
        dialog.show()
        fill(dialog)
        return QDialog.DialogCode.Accepted if dialog.result() != -1 else QDialog.DialogCode.Rejected

    return run


def unnamed_controls(root):  # type: ignore[no-untyped-def]
    """Buttons, edits, combos and item views shown in `root` that have no accessible name
    (a button's own text counts as its name; Qt's internal qt_* children are left out)."""
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QLineEdit, QWidget

    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView)
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, kinds) or not widget.isVisibleTo(root):
            continue
        name = widget.accessibleName() or (
            widget.text() if isinstance(widget, QAbstractButton) else ""
        )
        if not name and not widget.objectName().startswith("qt_"):
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def when_modal(kind, answer, seen: list | None = None):  # type: ignore[no-untyped-def]
    """Answer the next modal dialog of type `kind` with `answer(dialog)` once `exec()` has
    shown it (as a person would, from inside its own event loop). Returns the list the
    dialogs are appended to."""
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    seen = [] if seen is None else seen
    deadline = time.monotonic() + 30

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible() and dialog not in seen:
            seen.append(dialog)
            answer(dialog)
        elif time.monotonic() < deadline:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen
