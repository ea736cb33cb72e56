"""SIGTERM and SIGINT end a Qt event loop, in the window and in the tray alike."""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable


def quit_on_signals(quit: Callable[[], None]) -> Callable[[], None]:
    """Run `quit` (posted to the Qt loop) on SIGTERM or SIGINT; returns the undo.

    Python runs signal handlers only when it gets control, and an idle Qt loop never
    gives it; a socket the C-level handler writes to wakes the loop instead (no polling
    timer, so an idle process stays asleep). Needs a running QCoreApplication.
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
    # Posted, not called: a signal that lands before app.exec() still ends the loop.
    previous = {
        signum: signal.signal(signum, lambda *_: QTimer.singleShot(0, quit))
        for signum in (signal.SIGTERM, signal.SIGINT)
    }

    def restore() -> None:
        notifier.setEnabled(False)
        signal.set_wakeup_fd(previous_fd)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        reader.close()
        writer.close()

    return restore
