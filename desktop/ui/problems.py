"""The window's one mapping of errors to dialogs (the command line's is cli.main).

A `UserError` (a full disk, a read-only or locked database, a damaged file, a bad input)
is shown with its own message, which says what to do; where restoring a backup is a way
out, the dialog offers it. Anything else is a bug and says so, with its details.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.errors import EnvironmentFault, UserError

log = logging.getLogger(__name__)

RESTORE_BUTTON = "Restore from backup…"


def title_for(exc: UserError) -> str:
    from desktop.storage.errors import restore_helps

    if restore_helps(exc):
        return QCoreApplication.translate("problems", "Afterword found a problem in its data")
    if isinstance(exc, EnvironmentFault):
        return QCoreApplication.translate("problems", "Afterword could not finish")
    return QCoreApplication.translate("problems", "Afterword could not do that")


def problem_box(
    title: str, text: str, parent: QWidget | None = None, *, offer_restore: bool = False
) -> QMessageBox:
    """The message box for a problem the user can act on (not yet shown)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton)
    box.setParent(parent, box.windowFlags())
    box.setObjectName("problemDialog")
    if offer_restore:
        # The way out is the default: it only opens the list of backups, nothing changes yet.
        box.setDefaultButton(box.addButton(RESTORE_BUTTON, QMessageBox.ButtonRole.AcceptRole))
        box.addButton(QMessageBox.StandardButton.Close)
    else:
        box.addButton(QMessageBox.StandardButton.Ok)
    return box


def show_user_error(exc: UserError, parent: QWidget | None = None, *, title: str = "") -> bool:
    """Show a problem the user can act on. True when they chose to restore a backup."""
    from desktop.storage.errors import restore_helps

    offer = restore_helps(exc)
    box = problem_box(title or title_for(exc), str(exc), parent, offer_restore=offer)
    box.exec()
    clicked = box.clickedButton()
    return offer and clicked is not None and clicked.text() == RESTORE_BUTTON


def show_bug(exc: BaseException, details: str, log_path: Path | None) -> None:
    """A bug: say so, say the data is safe, and where the details went."""
    where = (
        QCoreApplication.translate("problems", " Details were written to {path}.").format(
            path=log_path
        )
        if log_path
        else ""
    )
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("problems", "Afterword ran into a problem"),
        QCoreApplication.translate(
            "problems",
            "Something went wrong: {exc}\n\nThis is a bug in Afterword, not something you did;"
            " your data is safe.{where}",
        ).format(exc=exc, where=where),
    )
    box.setObjectName("bugDialog")
    if details:
        box.setDetailedText(details)
    box.exec()
