"""File ▸ Import…, File ▸ Export…, File ▸ Restore from backup… and files dropped on the
window.

The window only hooks these up; the work is done by the interchange services, which hand
back plain dataclasses. The file pickers and `exec_dialog` are attributes so tests can
stand in for the user.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QMimeData, QObject, QTimer
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from desktop.ui.import_dialog import ImportDialog
from desktop.ui.waiting import busy

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar, QWidget

    from desktop.app import Workspace
    from desktop.interchange.import_preview import ImportPreview

IMPORT_SUFFIXES = (".json", ".ics", ".ical", ".vcf", ".vcard", ".csv", ".tsv")
IMPORT_FILTER = (
    "Files Afterword can import (*.json *.ics *.vcf *.vcard *.csv *.tsv);;"
    "Calendar invitations (*.ics);;Contact cards (*.vcf *.vcard);;"
    "Spreadsheets and LinkedIn connections (*.csv *.tsv);;Afterword backups (*.json)"
)


def _ask_open(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("file_actions", "Import"), "", IMPORT_FILTER
    )
    return Path(name) if name else None


def _ask_save(parent: QWidget, suggested: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("file_actions", "Export"), suggested
    )
    return Path(name) if name else None


def dropped_files(mime: QMimeData) -> list[Path]:
    """The local files in a drop that Afterword can import."""
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if p.suffix.lower() in IMPORT_SUFFIXES]


class FileWindow(Protocol):
    """What import and export use of the main window (which imports this module)."""

    workspace: Workspace

    def window(self) -> QWidget: ...
    def statusBar(self) -> QStatusBar: ...
    def after_change(self, message: str = "") -> None: ...


class FileActions(QObject):
    """Import and export for one main window."""

    def __init__(self, window: FileWindow) -> None:
        parent = window.window()  # the window itself: dialogs open over it
        super().__init__(parent)
        self.window = window
        self.dialog_parent = parent
        self.exec_dialog: Callable[[QDialog], int] = lambda dialog: dialog.exec()
        self.ask_open: Callable[[], Path | None] = lambda: _ask_open(parent)
        self.ask_save: Callable[[str], Path | None] = lambda name: _ask_save(parent, name)

    # --- import ---
    def import_file(self, path: Path | None = None) -> ImportPreview | None:
        """Preview a file's import and, if the user agrees, import it; None when cancelled."""
        from desktop.interchange.errors import InterchangeError
        from desktop.interchange.import_preview import (
            ImportChoices,
            ImportPreview,
            csv_columns,
            describe,
            guess_format,
            preview_import,
            problems_of,
            read_import_file,
        )

        if path is None or isinstance(path, bool):  # a menu action passes `checked`
            path = self.ask_open()
            if path is None:
                return None
        source = str(path)
        ws = self.window.workspace
        fmt = "json"
        columns: list[str] | None = None
        guessed: dict[str, str] | None = None
        failed: ImportPreview | None = None
        try:
            with busy():
                data = read_import_file(path)
                fmt = guess_format(path.name, data)
                if fmt == "csv":
                    columns, guessed = csv_columns(data, source)
        except InterchangeError as exc:
            data = b""
            failed = ImportPreview(source, fmt, problems=problems_of(exc))

        def preview(choices: ImportChoices) -> ImportPreview:
            return failed or preview_import(ws, data, source, fmt, choices)

        def commit(choices: ImportChoices) -> ImportPreview:
            return failed or preview_import(ws, data, source, fmt, choices, commit=True)

        dialog = ImportDialog(
            source,
            fmt,
            preview,
            commit,
            columns=None if failed else columns,
            guessed=guessed,
            parent=self.dialog_parent,
        )
        accepted = self.exec_dialog(dialog) == QDialog.DialogCode.Accepted
        result = dialog.result_preview
        dialog.deleteLater()
        if not accepted or result is None:
            return None
        self.window.after_change(describe(result))
        return result

    def accepts(self, mime: QMimeData) -> bool:
        return bool(dropped_files(mime))

    def drop(self, mime: QMimeData) -> list[Path]:
        """Import the dropped files, each with its own preview, once the drop has returned
        (a modal dialog inside the drop would hold up the program the files came from)."""
        paths = dropped_files(mime)
        if paths:
            QTimer.singleShot(0, lambda: self.import_paths(paths))
        return paths

    def import_paths(self, paths: list[Path]) -> None:
        for path in paths:
            self.import_file(path)

    # --- export ---
    def export(self) -> str | None:
        """Ask what to export and where; write it; the status line says what was written."""
        from desktop.interchange.errors import InterchangeError
        from desktop.interchange.export_files import export_file
        from desktop.ui.export_dialog import ExportDialog

        today = datetime.now(self.window.workspace.tz).date()
        dialog = ExportDialog(today, self.dialog_parent)
        if self.exec_dialog(dialog) != QDialog.DialogCode.Accepted:
            return None
        kind = dialog.chosen_kind()
        start, end = dialog.period()
        paper = str(dialog.paper.currentData())
        names = {"json": "afterword-backup", "ics": "afterword-follow-ups"}
        suggested = names.get(kind, "job-search-activity" if kind == "report" else kind)
        target = self.ask_save(f"{suggested}-{today.isoformat()}{dialog.suffix()}")
        if target is None:
            return None
        try:
            with busy():
                message = export_file(
                    self.window.workspace, kind, target, start=start, end=end, paper=paper
                )
        except InterchangeError as exc:
            QMessageBox.warning(self.dialog_parent, self.tr("Export"), "\n".join(exc.problems))
            return None
        self.window.statusBar().showMessage(message, 6000)
        return message

    # --- restore ---
    def restore(self, reason: str = "") -> str | None:
        """Choose a backup and restore it; every view then reads the restored data and the
        tray is told. `reason` says why it was offered (a damaged database)."""
        from desktop.ui.restore_dialog import RestoreDialog, restored_message

        ws = self.window.workspace
        dialog = RestoreDialog(ws.paths, ws.tz, self.dialog_parent, reason=reason)
        # The restore may put a new file in place of a damaged one: the window's pooled
        # connections to the old file are closed first (reopened on the next read).
        ws.store.close()
        accepted = self.exec_dialog(dialog) == QDialog.DialogCode.Accepted
        done = dialog.restored
        dialog.deleteLater()
        if not accepted or done is None:
            return None
        ws.store.close()
        ws.reload_settings()
        message = restored_message(done)
        self.window.after_change(message)
        return message
