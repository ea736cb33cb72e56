"""`afterword tray`: one per user and data directory, quits cleanly on SIGTERM and SIGINT.

Without a system tray (some Linux desktops, a headless session) it still runs and
notifies; only the icon and its menu are missing.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.platform.paths import AppPaths

if TYPE_CHECKING:
    from PySide6.QtCore import QProcess
    from PySide6.QtWidgets import QApplication

    from desktop.platform.native_notifications import DesktopNotifications
    from desktop.platform.notifications import Notifier
    from desktop.platform.power import WakeWatch
    from desktop.tray.app import Reminders
    from desktop.tray.dock import TrayDock
    from desktop.tray.menu import TrayMenu

# What `afterword outbox --send --json` answered ({} when it said nothing readable).
OutboxAnswer = dict[str, Any]
# done(args, exit status (-1: did not start or was stopped), stdout, stderr)
CommandDone = Callable[[list[str], int, str, str], None]

log = logging.getLogger(__name__)

NO_TRAY_HOST = (
    "afterword tray: this desktop has no system tray, so there is no icon or menu. "
    "Reminders still come as notifications. To stop them, close the Afterword window and "
    "answer No to keeping them, or press Ctrl+C here."
)
NO_TRAY_HOST_YET = (
    "afterword tray: this desktop has no system tray yet, so there is no icon or menu until "
    "one starts. Reminders still come as notifications."
)
# Set to a file path, the tray writes its wake-up counts there as JSON when it exits
# (the benchmark reads them).
STATS_ENV = "AFTERWORD_TRAY_STATS"


def afterword_command(data_dir: Path | None, *args: str) -> list[str]:
    """The command line that runs Afterword with `args` (frozen bundle or `python -m`)."""
    base = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "desktop"]
    where = ["--data-dir", str(data_dir)] if data_dir is not None else []
    return [*base, *where, *args]


def run_tray(paths: AppPaths, data_dir_given: bool = True) -> int:
    """Run the tray until Quit, SIGTERM or SIGINT. A second start asks the first to look
    again at the data and exits 0."""
    _without_openssl()  # before anything imports hashlib or asyncio
    from PySide6.QtWidgets import QApplication

    from desktop.platform import ipc
    from desktop.platform.instance_server import InstanceServer
    from desktop.platform.signals import quit_on_signals

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Afterword")
    app.setQuitOnLastWindowClosed(False)  # closing a menu or dialog must not end the tray
    from desktop.platform.app_identity import set_app_identity

    set_app_identity("tray")
    suffix = ipc.data_dir_suffix(paths.data)
    name = ipc.server_name(ipc.TRAY, suffix)
    if ipc.send(name, ipc.message("refresh")):
        log.info("a tray already runs for %s; asked it to refresh", paths.data)
        return 0
    server = InstanceServer()
    if not server.listen(name):
        log.info("another tray took %s first; leaving it to that one", name)
        return 0

    tray = start_tray(app, paths, data_dir_given)
    server.message_received.connect(lambda msg: _on_message(tray.reminders, msg, app.quit))
    restore_signals = quit_on_signals(app.quit)
    tray.reminders.start()
    try:
        status = app.exec()
    finally:
        restore_signals()
        _write_stats(tray.reminders.stats())
        tray.close()
        server.close()
    log.info("tray stopped (%s)", tray.reminders.stats())
    return int(status)


def _without_openssl() -> None:
    """Keep OpenSSL out of the tray: libcrypto alone is 3.4 MB resident, a tenth of what
    the tray may use over a bare tray icon (tests/benchmarks/tray_bench.py). asyncio
    (under desktop-notifier) imports `ssl` only to offer TLS, and `hashlib` (imported by
    dbus-fast, and for the socket names) falls back to CPython's own digests without
    `_hashlib`; both do without when the import fails. The tray speaks no TLS: mail goes
    from a child process."""
    for module in ("ssl", "_hashlib"):
        if module not in sys.modules:
            sys.modules[module] = None  # type: ignore[assignment]  # import: ImportError


@dataclass
class Tray:
    """The parts of a running tray: reminders, the notifier and (docked) the menu."""

    reminders: Reminders
    notifier: Notifier
    wake: WakeWatch | None = None  # None where waking from sleep cannot be watched
    dock: TrayDock | None = None  # shows the menu now, or when a tray host appears
    native: DesktopNotifications | None = None  # its asyncio side is closed last

    @property
    def menu(self) -> TrayMenu | None:
        """The TrayMenu, or None while there is no system tray."""
        return None if self.dock is None else self.dock.menu

    def close(self) -> None:
        if self.wake is not None:
            self.wake.close()
        if self.dock is not None:
            self.dock.close()
        self.reminders.close()
        if self.menu is not None:
            self.menu.close()
        _end_outbox_delivery()
        if self.native is not None:
            self.native.close()


OUTBOX_STOP_WAIT_MS = 5000  # on quit, how long a delivery under way may take to finish


def _end_outbox_delivery() -> None:
    """Let an `outbox --send` under way finish (a note half-handed to the server would go
    twice), briefly; then stop it, rather than leave Qt to kill it with a warning."""
    from PySide6.QtCore import QCoreApplication, QProcess

    app = QCoreApplication.instance()
    if app is None:
        return
    for process in app.findChildren(QProcess):
        if process.state() == QProcess.ProcessState.NotRunning:
            continue
        if not process.waitForFinished(OUTBOX_STOP_WAIT_MS):
            log.warning("tray: the outbox delivery did not finish; stopping it")
            process.kill()
            process.waitForFinished(1000)


def start_tray(app: QApplication, paths: AppPaths, data_dir_given: bool = True) -> Tray:
    """Build the tray's parts (not yet checking the database: call `reminders.start()`)."""
    from desktop.platform import ipc
    from desktop.platform.notifications import Notifier, SystemNotifications, TrayBalloon
    from desktop.platform.power import watch_for_wake
    from desktop.tray.app import Reminders
    from desktop.tray.dock import TrayDock
    from desktop.tray.speech import ReminderActions, native_backend, speaker

    log.info("tray starting on %s", paths.data)
    balloon = TrayBalloon(None)
    native = native_backend(paths, app)
    notifier = Notifier([native, SystemNotifications(), balloon])
    own_data = paths.data if data_dir_given else None
    suffix = ipc.data_dir_suffix(paths.data)
    window = ipc.server_name(ipc.WINDOW, suffix)

    def open_followup(followup_id: int) -> None:
        if ipc.send(window, ipc.message("open", followup=followup_id)):
            return
        _start_detached(afterword_command(own_data, "--open-followup", str(followup_id)))

    def open_window(view: str | None = None) -> None:
        hello = ipc.message("raise", view=view) if view else ipc.message("raise")
        if not ipc.send(window, hello):
            _start_detached(afterword_command(own_data))

    def snooze_all() -> None:
        if reminders.snooze_all():
            # The window's Today list shows snoozed follow-ups differently: let it know.
            ipc.send(window, ipc.message("refresh"), 200)

    def changed() -> None:
        if dock.menu is not None:
            dock.menu.update(
                reminders.due,
                reminders.due_count,
                list(notifier.recent),
                reminders.paused_until,
                reminders.quiet.tz,
                outbox=reminders.outbox_waiting,
            )

    def send_outbox() -> None:
        _send_outbox(app, paths, lambda result: reminders.outbox_done(result))

    def run_command(*args: str) -> None:
        _run_afterword(app, paths, list(args), _command_done)

    actions = ReminderActions(open_followup, lambda: open_window("today"), run_command)
    reminders = Reminders(
        paths, speaker(notifier, actions), on_change=changed, send_outbox=send_outbox
    )
    notifier.on_recent = changed  # the "Recent reminders" submenu follows the list

    def make_menu() -> TrayMenu:
        from desktop.tray.menu import TrayMenu

        menu = TrayMenu(
            open_followup=open_followup,
            open_window=open_window,
            snooze_all=snooze_all,
            pause=reminders.pause_until_tomorrow,
            resume=reminders.resume,
            quit=app.quit,
            send_outbox=reminders.send_outbox_now,
        )
        balloon.icon = menu.icon
        return menu

    dock = TrayDock(app, make_menu, on_docked=changed)
    dock.start()
    if dock.menu is None:
        # Said where the person who typed `afterword tray` looks, not only in the log.
        print(NO_TRAY_HOST_YET if dock.waiting else NO_TRAY_HOST, file=sys.stderr, flush=True)
    # A reminder that came due while the computer slept is said on waking, not an hour late.
    return Tray(reminders, notifier, watch_for_wake(reminders.woke), dock, native)


def _command_done(args: list[str], status: int, out: str, err: str) -> None:
    command = " ".join(args)
    if status != 0:
        log.warning("tray: `afterword %s` failed (%d): %s", command, status, err.strip())
    else:
        log.info("tray: `afterword %s` done", command)


OUTBOX_TIME_LIMIT_MS = 5 * 60 * 1000  # a delivery that hangs longer than this is stopped


def _send_outbox(app: QApplication, paths: AppPaths, done: Callable[[OutboxAnswer], None]) -> None:
    """Run `afterword outbox --send --json` in its own process (mail, SQLAlchemy and the
    keyring never load into the tray) and hand its answer to `done` when it ends."""

    def finish(args: list[str], status: int, out: str, err: str) -> None:
        try:
            result = json.loads(out) if out.strip() else {}
        except ValueError:
            result = {}
        if err.strip():
            log.info("tray: outbox delivery said: %s", err.strip())
        done(result if isinstance(result, dict) else {})

    _run_afterword(app, paths, ["outbox", "--send", "--json"], finish)


def _run_afterword(app: QApplication, paths: AppPaths, args: list[str], done: CommandDone) -> None:
    """Run `afterword ARGS` on this data in a child process; `done(args, status, stdout,
    stderr)` when it ends (status -1: it could not start or was stopped)."""
    from PySide6.QtCore import QProcess, QTimer

    command = afterword_command(paths.data, *args)
    process = QProcess(app)
    process.setProgram(command[0])
    process.setArguments(command[1:])
    process.setStandardInputFile(QProcess.nullDevice())
    answered: list[bool] = []

    def finish(*_: object, started: bool = True) -> None:
        if answered:
            return
        answered.append(True)
        out = bytes(process.readAllStandardOutput().data()).decode("utf-8", "replace")
        err = bytes(process.readAllStandardError().data()).decode("utf-8", "replace")
        normal = started and process.exitStatus() == QProcess.ExitStatus.NormalExit
        process.deleteLater()
        done(args, process.exitCode() if normal else -1, out, err)

    def failed(error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            log.warning("tray: could not start %s", command)
            finish(started=False)

    process.finished.connect(finish)
    process.errorOccurred.connect(failed)
    QTimer.singleShot(OUTBOX_TIME_LIMIT_MS, process, process.kill)
    process.start()


def _on_message(
    reminders: Reminders, msg: dict[str, object], quit_tray: Callable[[], None]
) -> None:
    if msg.get("cmd") == "refresh":
        reminders.refresh()
    elif msg.get("cmd") == "quit":
        # The window asked, on a desktop without a tray where the person cannot reach us.
        log.info("asked to stop by the window")
        quit_tray()


def _start_detached(command: list[str]) -> None:
    from PySide6.QtCore import QProcess

    log.info("starting the window: %s", command)
    if not QProcess.startDetached(command[0], command[1:]):
        log.warning("could not start the window with %s", command)


def _write_stats(stats: dict[str, int]) -> None:
    target = os.environ.get(STATS_ENV)
    if not target:
        return
    try:
        Path(target).write_text(json.dumps(stats), encoding="utf-8")
    except OSError as exc:
        log.warning("cannot write tray stats to %s: %s", target, exc)
