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
