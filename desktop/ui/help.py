"""Help ▸ Keyboard shortcuts, Where your data lives, About: small dialogs, no state."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.platform.paths import AppPaths

SHORTCUTS = (
    (
        "Window",
        "Ctrl+1 … Ctrl+8",
        "Today, Applications, Interviews, Contacts, Companies, Board, Coming up, Progress",
    ),
    ("Window", "Ctrl+K", "Search everything"),
    ("Window", "Ctrl+F", "Filter the list on screen"),
    ("Window", "Ctrl+N", "New interview"),
    ("Window", "Ctrl+Shift+A / P / O", "New application / contact / company"),
    ("Window", "Ctrl+E, Delete", "Edit or delete the selected record"),
    ("Window", "Ctrl+Z", "Undo the last delete, mark sent, skip, snooze, reply or move"),
    ("Window", "Enter", "Write the selected follow-up"),
    ("Window", "Ctrl+Return", "Mark the selected follow-up sent; save a dialog"),
    ("Window", "Ctrl+I, Ctrl+Shift+E", "Import, export"),
    ("Window", "Ctrl+,", "Settings"),
    ("Window", "F5", "Read everything again"),
    ("Window", "F1", "This list"),
    ("Board", "Ctrl+Left / Right", "Move the selected card to the column before / after"),
    ("Board", "Enter", "Open the selected application"),
    ("Coming up", "Alt+Left / Right", "The week or month before / after"),
    ("Coming up", "Enter", "Open the interview, or write the note"),
    ("Composer", "Ctrl+B, Ctrl+I, Ctrl+U", "Bold, italic, underline"),
    ("Composer", "Ctrl+Shift+8 / 7", "Bulleted / numbered list"),
    ("Composer", "Ctrl+L", "Link"),
    ("Composer", "Ctrl+S", "Save now (notes also save themselves)"),
    ("Composer", "Ctrl+PgUp / PgDown", "Previous / next interviewer"),
    ("Composer", "Ctrl+Return", "Mark sent"),
    ("Composer", "Ctrl+W", "Close"),
    ("Dialogs", "Escape", "Close (asks first when something was typed)"),
)


def _dialog(parent: QWidget | None, title: str) -> tuple[QDialog, QVBoxLayout]:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setAccessibleName(title)
    layout = QVBoxLayout(dialog)
    return dialog, layout


def _close_button(dialog: QDialog, layout: QVBoxLayout) -> None:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)


def shortcuts_dialog(parent: QWidget | None) -> QDialog:
    dialog, layout = _dialog(parent, QCoreApplication.translate("help", "Keyboard shortcuts"))
    table = QTableWidget(len(SHORTCUTS), 3, dialog)
    table.setAccessibleName(QCoreApplication.translate("help", "Keyboard shortcuts"))
    table.setHorizontalHeaderLabels(
        [
            QCoreApplication.translate("help", "Where"),
            QCoreApplication.translate("help", "Keys"),
            QCoreApplication.translate("help", "What"),
        ]
    )
    table.horizontalHeader().setAccessibleName(
        QCoreApplication.translate("help", "Shortcut columns")
    )
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    for row, values in enumerate(SHORTCUTS):
        for column, text in enumerate(values):
            table.setItem(row, column, QTableWidgetItem(text))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)
    layout.addWidget(table)
    _close_button(dialog, layout)
    dialog.resize(640, 560)
    return dialog


def data_folder_dialog(parent: QWidget | None, paths: AppPaths) -> QDialog:
    dialog, layout = _dialog(parent, QCoreApplication.translate("help", "Where your data lives"))
    text = QLabel(
        QCoreApplication.translate(
            "help",
            "Everything is in one file on this computer:\n{database}\n\nAutomatic backups (one a"
            " day, the last seven, and one before each upgrade):\n{backups}\n\nLogs (no names or"
            " notes, only what went wrong):\n{logs}\n\nNothing leaves the computer except the"
            " notes you send.",
        ).format(database=paths.database, backups=paths.backups, logs=paths.logs),
        dialog,
    )
    text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    text.setWordWrap(True)
    text.setAccessibleName(QCoreApplication.translate("help", "Data folders"))
    layout.addWidget(text)
    open_button = QPushButton(QCoreApplication.translate("help", "Open the data folder"), dialog)
    open_button.clicked.connect(
        lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.data)))
    )
    layout.addWidget(open_button, 0, Qt.AlignmentFlag.AlignLeft)
    _close_button(dialog, layout)
    dialog.resize(620, dialog.sizeHint().height())
    return dialog


def about_dialog(parent: QWidget | None) -> QDialog:
    from importlib.metadata import PackageNotFoundError, version

    try:
        number = version("afterword")
    except PackageNotFoundError:  # run from a source tree that is not installed
        number = "development"
    dialog, layout = _dialog(parent, QCoreApplication.translate("help", "About Afterword"))
    text = QLabel(
        QCoreApplication.translate(
            "help",
            "<h2>Afterword {number}</h2><p>Follow-ups for a job search: one thank-you note per"
            " interviewer, check-ins when they are due, handwritten-style cards, reminders from"
            " the tray.</p><p>Offline first: your data stays on this computer.</p><p>Note-card"
            " fonts: Caveat, Kalam, Indie Flower, Dancing Script, Shadows Into Light, EB"
            " Garamond, Libre Baskerville (SIL Open Font License). British spellings from breame"
            " (Apache-2.0).</p>",
        ).format(number=number),
        dialog,
    )
    text.setWordWrap(True)
    text.setAccessibleName(QCoreApplication.translate("help", "About"))
    layout.addWidget(text)
    _close_button(dialog, layout)
    dialog.resize(460, dialog.sizeHint().height())
    return dialog
