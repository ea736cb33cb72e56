"""File ▸ Restore from backup…: the backups, when each was made and what it holds.

Opened from the menu, from the "damaged" dialog while the window runs, and at start-up
when the database cannot be opened (then with no window behind it). The dialog lists
what storage.backups finds and calls storage.restore; it never opens a session itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.platform.paths import AppPaths
from desktop.storage.backups import BackupInfo, list_backups
from desktop.storage.errors import StorageError
from desktop.storage.restore import Restored, restore_backup
from desktop.ui import theme
from desktop.ui.formatting import when
from desktop.ui.waiting import busy, in_background

KIND_WORDS = {
    "daily": "Daily backup",
    "pre-restore": "Kept before a restore",
    "pre-migration": "Kept before an upgrade",
    "damaged": "Damaged file set aside",
    "": "Backup",
}
COUNTED = ("applications", "interviews", "contacts")


def problem_style(widget: QWidget) -> str:
    """Red that reads on the light palette and on the dark one."""
    dark = widget.palette().window().color().lightness() < 128
    return f"color: {theme.ALARM_ON_DARK if dark else theme.ERROR}; font-weight: 600;"


def holds(backup: BackupInfo) -> str:
    """'4 applications, 6 interviews, 12 contacts', or why it cannot be restored."""
    if not backup.sound:
        return "Cannot be read (damaged)"
    parts = []
    for table in COUNTED:
        count = backup.counts.get(table, 0)
        parts.append(f"{count} {table if count != 1 else table[:-1]}")
    return " · ".join(parts)


def _ask_file(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("restore_dialog", "Restore from a backup file"),
        "",
        QCoreApplication.translate(
            "restore_dialog", "Afterword backups (*.sqlite3);;All files (*)"
        ),
    )
    return Path(name) if name else None


class RestoreDialog(QDialog):
    """Choose a backup and restore it; `restored` says what was done once accepted."""

    def __init__(
        self,
        paths: AppPaths,
        tz: tzinfo | None = None,
        parent: QWidget | None = None,
        *,
        reason: str = "",
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.tz: tzinfo = tz or datetime.now().astimezone().tzinfo or UTC
        self.restored: Restored | None = None
        self.ask_file: Callable[[], Path | None] = lambda: _ask_file(self)
        self.setWindowTitle(self.tr("Restore from backup"))
        self.setObjectName("restoreDialog")
        self.setAccessibleName(self.tr("Restore from backup"))
        self.setMinimumWidth(720)

        layout = QVBoxLayout(self)
        if reason:
            self.reason = QLabel(reason, self)
            self.reason.setWordWrap(True)
            self.reason.setStyleSheet(problem_style(self))
            self.reason.setAccessibleName(self.tr("What is wrong"))
            self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(self.reason)
        intro = QLabel(
            self.tr(
                "Choose the backup to bring back. What Afterword holds now is kept first, as a "
                "backup of its own (a damaged file is set aside whole), so a restore can be "
                "undone by restoring that copy."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.backups = list_backups(paths.backups)
        self.table = QTreeWidget(self)
        self.table.setAccessibleName(self.tr("Backups"))
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels([self.tr("Made"), self.tr("Kind"), self.tr("Holds")])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for backup in self.backups:
            self._add_row(backup)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda *_: self.restore_chosen())
        layout.addWidget(self.table, 1)

        self.empty = QLabel(
            self.tr(
                "There are no backups yet. Afterword makes one each day the window is open; "
                "a file made with 'afterword backup' can be chosen with Other file…."
            ),
            self,
        )
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        self.table.setVisible(bool(self.backups))
        self.empty.setVisible(not self.backups)

        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(problem_style(self))
        self.problem.setAccessibleName(self.tr("Why the restore failed"))
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.hide()
        layout.addWidget(self.problem)

        row = QHBoxLayout()
        self.other_button = QPushButton(self.tr("Other file…"), self)
        self.other_button.setToolTip(self.tr("Restore a backup file kept somewhere else"))
        row.addWidget(self.other_button)
        row.addStretch(1)
        buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton(self.tr("Restore"), self)
        self.restore_button.setDefault(True)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_chosen)
        self.other_button.clicked.connect(self.restore_other)
        row.addWidget(buttons)
        layout.addLayout(row)

        newest_sound = next((b for b in self.backups if b.sound), None)
        if newest_sound is not None:
            self.select(newest_sound.path)
        self._selection_changed()

    def _add_row(self, backup: BackupInfo) -> None:
        item = QTreeWidgetItem(
            self.table, [when(backup.made_at, self.tz), KIND_WORDS[backup.kind], holds(backup)]
        )
        item.setData(0, Qt.ItemDataRole.UserRole, str(backup.path))
        item.setToolTip(0, str(backup.path))
        if not backup.sound:
            # Listed so the user sees it was kept, but it cannot be brought back.
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            item.setDisabled(True)

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)

    def select(self, path: Path) -> bool:
        for row in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(row)
            if item is None or item.isDisabled():
                continue
            if item.data(0, Qt.ItemDataRole.UserRole) == str(path):
                self.table.setCurrentItem(item)
                return True
        return False

    def chosen(self) -> Path | None:
        items = self.table.selectedItems()
        if not items:
            return None
        return Path(items[0].data(0, Qt.ItemDataRole.UserRole))

    def restore_chosen(self) -> None:
        backup = self.chosen()
        if backup is not None:
            self.restore(backup)

    def restore_other(self) -> None:
        backup = self.ask_file()
        if backup is not None:
            self.restore(backup)

    def restore(self, backup: Path) -> Restored | None:
        """Restore `backup`; on a problem, say it here and stay open (nothing changed)."""
        self.problem.hide()
        self.restore_button.setEnabled(False)
        try:
            with busy():
                self.restored = in_background(
                    lambda: restore_backup(backup, self.paths.database, self.paths.backups),
                    "restore",
                )
        except StorageError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            self._selection_changed()
            return None
        self.accept()
        return self.restored


def restored_message(done: Restored) -> str:
    """What the status line says after a restore."""
    kept = ""
    if done.kept is not None:
        what = "the damaged file" if done.was_damaged else "what was there before"
        kept = f"; {what} was kept as {done.kept.name}"
    return f"Restored {done.backup.name}{kept}"
