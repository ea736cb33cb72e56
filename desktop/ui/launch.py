"""Starting the window: the Qt application, error dialogs, and the data it opens on."""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from pathlib import Path
from types import TracebackType

from desktop.platform.paths import AppPaths

log = logging.getLogger(__name__)


def _show_error(title: str, text: str, details: str = "") -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        print(f"{title}: {text}", file=sys.stderr)
        return
    box = QMessageBox(QMessageBox.Icon.Critical, title, text)
    if details:
        box.setDetailedText(details)
    box.exec()


def install_dialog_excepthook(log_path: Path) -> None:
    """An uncaught exception is logged and shown to the user, never a silent exit."""
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        previous(exc_type, exc, tb)  # logs it (desktop.logs) and prints to stderr
        import traceback

        details = "".join(traceback.format_exception(exc_type, exc, tb))
        _show_error(
            "Afterword ran into a problem",
            f"Something went wrong: {exc}\n\nYour data is safe. Details were written to "
            f"{log_path}.",
            details,
        )

    sys.excepthook = hook


def run_window(paths: AppPaths, *, demo: bool = False) -> int:
    """Open the main window on `paths` (or on a throwaway demo database) until it closes."""
    from PySide6.QtWidgets import QApplication

    from desktop.logs import LOG_FILE

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Afterword")
    app.setOrganizationName("Afterword")
    demo_dir = None
    if demo:
        demo_dir = Path(tempfile.mkdtemp(prefix="afterword-demo-"))
        paths = AppPaths(demo_dir, demo_dir / "backups", paths.logs)
    install_dialog_excepthook(paths.logs / LOG_FILE)
    try:
        workspace = _open(paths, demo)
        if workspace is None:
            return 1
        from desktop.ui.main_window import MainWindow

        window = MainWindow(workspace, demo=demo)
        window.show()
        _quit_on_signals(app)
        status = app.exec()
        workspace.close()
        return int(status)
    finally:
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)


def _open(paths: AppPaths, demo: bool):  # type: ignore[no-untyped-def]
    from desktop.app import open_workspace
    from desktop.cli import load_demo, user_error_message

    try:
        workspace = open_workspace(paths)
        _daily_backup(paths)
        if demo:
            load_demo(workspace)
        return workspace
    except Exception as exc:
        message = user_error_message(exc)
        if message is None:
            raise
        log.error("cannot open %s: %s", paths.database, message)
        _show_error("Afterword cannot open its data", message)
        return None


def _daily_backup(paths: AppPaths) -> None:
    """One automatic backup a day; failing to make one is logged, never fatal."""
    from datetime import UTC, datetime

    from desktop.storage.backups import rolling_backup
    from desktop.storage.errors import StorageError

    try:
        rolling_backup(paths.database, paths.backups, datetime.now(UTC))
    except (StorageError, OSError) as exc:
        log.warning("automatic backup failed: %s", exc)


def _quit_on_signals(app: object) -> None:
    """Ctrl+C and SIGTERM close the window cleanly (so a demo's folder is removed).

    Python runs signal handlers only when it holds control, so a slow timer hands it
    control twice a second while Qt's loop runs.
    """
    import signal

    from PySide6.QtCore import QCoreApplication, QTimer

    def quit_app(*_: object) -> None:
        QCoreApplication.quit()

    signal.signal(signal.SIGINT, quit_app)
    signal.signal(signal.SIGTERM, quit_app)
    timer = QTimer(app)  # type: ignore[call-overload]
    timer.start(500)
    timer.timeout.connect(lambda: None)
