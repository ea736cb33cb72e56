"""Starting the window: the Qt application, error dialogs, and the data it opens on."""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from desktop.platform.paths import AppPaths

if TYPE_CHECKING:
    from desktop.app import Workspace
    from desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def install_dialog_excepthook(log_path: Path, database: Path | None = None) -> None:
    """An uncaught exception is logged and shown to the user, never a silent exit.

    The window's one mapping (desktop.ui.problems): a problem the user can act on, raised
    by any layer (or an OS or database error that is one, such as a full disk under
    `database`), gets its own message and, for damage, the way to restore a backup; it is
    logged as a warning without a traceback. Anything else is a bug and says so.
    """
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        from desktop.errors import UserError

        problem: UserError | None = exc if isinstance(exc, UserError) else None
        if problem is None and database is not None:
            from desktop.storage.errors import known_fault

            problem = known_fault(exc, database, "that step")
        if problem is not None:
            # The message names files and tables, never a record's contents.
            log.warning("refused: %s", problem)
            _show_problem(problem)
            return
        previous(exc_type, exc, tb)  # logs it (desktop.logs) and prints to stderr
        import traceback

        from desktop.ui.problems import show_bug

        details = "".join(traceback.format_exception(exc_type, exc, tb))
        show_bug(exc, details, log_path)

    sys.excepthook = hook


def _show_problem(problem: Exception) -> None:
    """Show a user's problem over the main window; restore a backup if they ask to."""
    from desktop.errors import UserError
    from desktop.ui.problems import show_user_error

    assert isinstance(problem, UserError)
    window = _main_window()
    if show_user_error(problem, window) and window is not None:
        window.files.restore(reason=str(problem))


def _main_window() -> MainWindow | None:
    from PySide6.QtWidgets import QApplication

    from desktop.ui.main_window import MainWindow

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible():
            return widget
    return None


def run_window(paths: AppPaths, *, demo: bool = False, open_followup: int | None = None) -> int:
    """Open the main window on `paths` (or on a throwaway demo database) until it closes.

    Only one window runs per user and data directory: a second launch asks the first to
    come to the front and exits.
    """
    from PySide6.QtWidgets import QApplication

    from desktop.logs import LOG_FILE
    from desktop.platform import ipc

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Afterword")
    app.setOrganizationName("Afterword")
    from desktop.platform.app_identity import set_app_identity

    set_app_identity("window")
    suffix = ipc.data_dir_suffix(paths.data)
    window_name = ipc.server_name(ipc.WINDOW, suffix)
    hello = (
        ipc.message("open", followup=open_followup)
        if open_followup is not None
        else ipc.message("raise")
    )
    if not demo and ipc.send(window_name, hello):
        log.info("another Afterword window is open on %s; asked it to come forward", paths.data)
        return 0
    from desktop.ui.theme import apply_theme, saved_appearance

    apply_theme(app, saved_appearance(paths.data))
    demo_dir = None
    if demo:
        demo_dir = Path(tempfile.mkdtemp(prefix="afterword-demo-"))
        paths = AppPaths(demo_dir, demo_dir / "backups", paths.logs)
    install_dialog_excepthook(paths.logs / LOG_FILE, paths.database)
    try:
        workspace = _open(paths, demo)
        if workspace is None:
            return 1
        from PySide6.QtCore import QTimer

        from desktop.platform.instance_server import InstanceServer
        from desktop.ui.main_window import MainWindow

        window = MainWindow(workspace, demo=demo)
        server = InstanceServer(window)
        if not demo:
            server.listen(window_name)
        server.message_received.connect(lambda msg: _on_message(window, msg))
        tray_name = ipc.server_name(ipc.TRAY, suffix)
        window.data_changed.connect(lambda: ipc.send(tray_name, ipc.message("refresh"), 200))
        window.show()
        if open_followup is not None:
            window.open_composer(open_followup)
        elif not demo:
            # Once the window is up: the first time, who is writing these notes?
            QTimer.singleShot(0, window.offer_welcome)
        from desktop.platform.signals import quit_on_signals

        def quit_unattended() -> None:
            window.ask_on_close = False  # nobody is there to answer
            app.quit()

        restore_signals = quit_on_signals(quit_unattended)

        # The day's backup copies the whole file: do it once the window is up, not before.
        QTimer.singleShot(1500, lambda: _daily_backup(paths, window))
        # Load the storage layer while the user reads Today, not on their first click.
        QTimer.singleShot(300, _warm_storage)
        if not demo:
            QTimer.singleShot(2000, lambda: _start_outbox(workspace, window))
        if os.environ.get("AFTERWORD_QUIT_AFTER_PAINT"):
            _quit_after_first_paint(window)
        status = app.exec()
        restore_signals()
        server.close()
        workspace.close()
        return int(status)
    finally:
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)


def _start_outbox(workspace: Workspace, window: MainWindow) -> None:
    """Notes queued while offline go out when the server answers again."""
    from desktop.ui.outbox_runner import OutboxRunner

    runner = OutboxRunner(workspace.store, window)
    runner.delivered.connect(lambda text: window.after_change(text))
    runner.start()


def _on_message(window: MainWindow, msg: dict[str, object]) -> None:
    if msg.get("cmd") in ("raise", "open"):
        log.info("raised by another launch")
        window.bring_to_front()
        followup = msg.get("followup")
        if msg.get("cmd") == "open" and isinstance(followup, int):
            window.open_composer(followup)
        elif msg.get("view") == "today":  # a click on a reminders summary
            window.show_view("Today")
    if msg.get("cmd") == "refresh":
        window.refresh_all()


def _open(paths: AppPaths, demo: bool) -> Workspace | None:
    """The workspace, or None when it cannot be opened and the user did not restore it.

    A damaged or lost database is not a dead end: the dialog offers the backups, and once
    one is restored the window opens on it."""
    from desktop.app import open_workspace
    from desktop.errors import UserError
    from desktop.interchange.demo import load_demo
    from desktop.storage.errors import known_fault

    while True:
        try:
            # A quick check now; the full integrity check runs with the day's backup.
            workspace = open_workspace(paths, quick_check=True)
            if demo:
                load_demo(workspace)
            return workspace
        except Exception as exc:
            # A full disk while making the data folder is an OSError, not yet a UserError.
            problem = (
                exc
                if isinstance(exc, UserError)
                else known_fault(exc, paths.database, "opening the data")
            )
            if problem is None:
                raise
            log.error("cannot open %s: %s", paths.database, problem)
            if not _restore_at_start(paths, problem):
                return None


def _restore_at_start(paths: AppPaths, problem: Exception) -> bool:
    """Show why the data cannot be opened; True once the user restored a backup."""
    from PySide6.QtWidgets import QDialog

    from desktop.errors import UserError
    from desktop.ui.problems import show_user_error

    assert isinstance(problem, UserError)
    if not show_user_error(problem, title="Afterword cannot open its data"):
        return False
    from desktop.ui.restore_dialog import RestoreDialog

    dialog = RestoreDialog(paths, reason=str(problem))
    return dialog.exec() == QDialog.DialogCode.Accepted


def _daily_backup(paths: AppPaths, window: MainWindow | None = None) -> None:
    """The full integrity check, then one automatic backup a day (of a sound file only).

    A damaged file is reported to the user at once, with the way to restore a backup. A
    backup that cannot be written is said once in the window (the check runs once per
    start), never fatal: the user's data is as it was.
    """
    from datetime import UTC, datetime

    from desktop.storage.backups import rolling_backup
    from desktop.storage.errors import StorageError, known_fault
    from desktop.storage.schema import inspect_database

    try:
        inspect_database(paths.database)
    except StorageError as exc:
        log.error("integrity check failed: %s", exc)
        _show_problem(exc)
        return
    try:
        rolling_backup(paths.database, paths.backups, datetime.now(UTC))
    except (StorageError, OSError) as exc:
        fault = (
            exc
            if isinstance(exc, StorageError)
            else known_fault(exc, paths.database, "the day's backup")
        )
        log.warning("automatic backup failed: %s", fault)
        if window is not None:
            window.backup_failed(str(fault))


def _quit_after_first_paint(window: MainWindow) -> None:
    """For `make bench`: leave as soon as the Today list has been painted once."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    class Watcher(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                window.ask_on_close = False
                QTimer.singleShot(0, QApplication.quit)
            return False

    viewport = window.today.tree.viewport()
    # Parented to the viewport, which keeps it (and its Python side) alive.
    viewport.installEventFilter(Watcher(viewport))


def _warm_storage() -> None:
    import importlib

    for name in (
        "sqlalchemy.orm",
        "desktop.storage.directory",
        "desktop.storage.pipeline",
        "desktop.storage.actions",
        "desktop.storage.search",
    ):
        importlib.import_module(name)
