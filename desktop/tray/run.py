"""`afterword tray`: one per user and data directory, quits cleanly on SIGTERM and SIGINT.

Without a system tray (some Linux desktops, a headless session) it still runs and
notifies; only the icon and its menu are missing.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.platform.paths import AppPaths

log = logging.getLogger(__name__)

NO_TRAY_HOST = (
    "afterword tray: this desktop has no system tray, so there is no icon or menu. "
    "Reminders still come as notifications. To stop them, close the Afterword window and "
    "answer No to keeping them, or press Ctrl+C here."
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
    from PySide6.QtWidgets import QApplication

    from desktop.platform import ipc

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Afterword")
    app.setQuitOnLastWindowClosed(False)  # closing a menu or dialog must not end the tray
    suffix = ipc.data_dir_suffix(paths.data)
    name = ipc.server_name(ipc.TRAY, suffix)
    if ipc.send(name, ipc.message("refresh")):
        log.info("a tray already runs for %s; asked it to refresh", paths.data)
        return 0
    server = ipc.InstanceServer()
    if not server.listen(name):
        log.info("another tray took %s first; leaving it to that one", name)
        return 0

    tray = start_tray(app, paths, data_dir_given)
    server.message_received.connect(lambda msg: _on_message(tray.reminders, msg, app.quit))
    restore_signals = _quit_on_signals(app)
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


@dataclass
class Tray:
    """The parts of a running tray: reminders, the notifier and (with a tray) the menu."""

    reminders: Any
    notifier: Any
    menu: Any  # TrayMenu, or None without a system tray
    wake: Any = None  # the wake-from-sleep watch, None where there is none

    def close(self) -> None:
        if self.wake is not None:
            self.wake.close()
        self.reminders.close()
        if self.menu is not None:
            self.menu.close()
        _end_outbox_delivery()


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


def start_tray(app: Any, paths: AppPaths, data_dir_given: bool = True) -> Tray:
    """Build the tray's parts (not yet checking the database: call `reminders.start()`)."""
    from PySide6.QtWidgets import QSystemTrayIcon

    from desktop.platform import ipc
    from desktop.platform.notifications import Notifier, SystemNotifications, TrayBalloon
    from desktop.platform.power import watch_for_wake
    from desktop.tray.app import Reminders

    tray_available = QSystemTrayIcon.isSystemTrayAvailable()
    log.info("tray starting on %s (system tray available: %s)", paths.data, tray_available)
    if not tray_available:
        # Said where the person who typed `afterword tray` looks, not only in the log.
        print(NO_TRAY_HOST, file=sys.stderr, flush=True)
    menu: Any = None
    balloon = TrayBalloon(None)
    notifier = Notifier([SystemNotifications(), balloon])
    own_data = paths.data if data_dir_given else None

    def open_followup(followup_id: int) -> None:
        window = ipc.server_name(ipc.WINDOW, suffix)
        if ipc.send(window, ipc.message("open", followup=followup_id)):
            return
        _start_detached(afterword_command(own_data, "--open-followup", str(followup_id)))

    def snooze_all() -> None:
        if reminders.snooze_all():
            # The window's Today list shows snoozed follow-ups differently: let it know.
            ipc.send(ipc.server_name(ipc.WINDOW, suffix), ipc.message("refresh"), 200)

    def open_window() -> None:
        if not ipc.send(ipc.server_name(ipc.WINDOW, suffix), ipc.message("raise")):
            _start_detached(afterword_command(own_data))

    def changed() -> None:
        if menu is not None:
            menu.update(
                reminders.due,
                reminders.due_count,
                list(notifier.recent),
                reminders.paused_until,
                reminders.quiet.tz,
                outbox=reminders.outbox_waiting,
            )

    def send_outbox() -> None:
        _send_outbox(app, paths, lambda result: reminders.outbox_done(result))

    suffix = ipc.data_dir_suffix(paths.data)
    reminders = Reminders(paths, notifier.notify, on_change=changed, send_outbox=send_outbox)
    notifier.on_recent = changed  # the "Recent reminders" submenu follows the list
    if tray_available:
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
        menu.show()
    # A reminder that came due while the computer slept is said on waking, not an hour late.
    return Tray(reminders, notifier, menu, watch_for_wake(reminders.woke))


OUTBOX_TIME_LIMIT_MS = 5 * 60 * 1000  # a delivery that hangs longer than this is stopped


def _send_outbox(app: Any, paths: AppPaths, done: Any) -> None:
    """Run `afterword outbox --send --json` in its own process (mail, SQLAlchemy and the
    keyring never load into the tray) and hand its answer to `done` when it ends."""
    from PySide6.QtCore import QProcess, QTimer

    command = afterword_command(paths.data, "outbox", "--send", "--json")
    process = QProcess(app)
    process.setProgram(command[0])
    process.setArguments(command[1:])
    process.setStandardInputFile(QProcess.nullDevice())
    answered = []

    def finish(*_: Any) -> None:
        if answered:
            return
        answered.append(True)
        out = bytes(process.readAllStandardOutput().data()).decode("utf-8", "replace")
        err = bytes(process.readAllStandardError().data()).decode("utf-8", "replace").strip()
        try:
            result = json.loads(out) if out.strip() else {}
        except ValueError:
            result = {}
        if err:
            log.info("tray: outbox delivery said: %s", err)
        process.deleteLater()
        done(result if isinstance(result, dict) else {})

    def failed(error: Any) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            log.warning("tray: could not start %s", command)
            finish()

    process.finished.connect(finish)
    process.errorOccurred.connect(failed)
    QTimer.singleShot(OUTBOX_TIME_LIMIT_MS, process, process.kill)
    process.start()


def _on_message(reminders: Any, msg: dict[str, Any], quit_tray: Any) -> None:
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


def _quit_on_signals(app: Any) -> Any:
    """Let SIGTERM and SIGINT end the Qt event loop.

    Python runs signal handlers only when it gets control, and an idle Qt loop never
    gives it; a socket the C-level handler writes to wakes the loop instead (no polling
    timer, so the tray stays asleep while idle).
    """
    from PySide6.QtCore import QSocketNotifier, QTimer

    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    previous_fd = signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)

    def drain() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)

    notifier.activated.connect(drain)
    previous = {}
    for signum in (signal.SIGTERM, signal.SIGINT):
        # Posted, not called: a signal that lands before app.exec() still ends the loop.
        previous[signum] = signal.signal(signum, lambda *_: QTimer.singleShot(0, app.quit))

    def restore() -> None:
        notifier.setEnabled(False)
        signal.set_wakeup_fd(previous_fd)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        reader.close()
        writer.close()

    return restore


def _write_stats(stats: dict[str, Any]) -> None:
    target = os.environ.get(STATS_ENV)
    if not target:
        return
    try:
        Path(target).write_text(json.dumps(stats), encoding="utf-8")
    except OSError as exc:
        log.warning("cannot write tray stats to %s: %s", target, exc)
