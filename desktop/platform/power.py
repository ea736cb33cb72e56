"""Wake from sleep: call back the moment the computer resumes.

Qt's timers run on a monotonic clock that stops while the machine is suspended, so a
reminder that came due during a sleep would otherwise wait for the next timer (up to the
tray's hourly safety check). On Linux, logind announces suspend and resume on the system
bus with `PrepareForSleep(bool start)`; the tray looks again when `start` is false.

On macOS (NSWorkspaceDidWakeNotification) and Windows (WM_POWERBROADCAST /
PBT_APMRESUMEAUTOMATIC) there is no watcher yet: `watch_for_wake` returns None there and
the tray notices a sleep by the wall clock's jump when its timer next fires.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

LOGIND_SERVICE = "org.freedesktop.login1"
LOGIND_PATH = "/org/freedesktop/login1"
LOGIND_MANAGER = "org.freedesktop.login1.Manager"
PREPARE_FOR_SLEEP = "PrepareForSleep"


def watch_for_wake(callback: Callable[[], None]) -> Any:
    """Call `callback` (in the Qt event loop) each time the computer wakes from sleep.

    Returns a handle to keep while watching (its `close()` stops), or None where waking
    cannot be watched: not Linux, or no system bus (a container, a minimal session).
    Needs a running QCoreApplication.
    """
    if sys.platform.startswith("linux"):
        return _watch_logind(callback)
    return None


def _watch_logind(callback: Callable[[], None]) -> Any:
    # Imported here: only the tray on Linux pays for QtDBus.
    from PySide6.QtCore import SLOT, QObject, Slot
    from PySide6.QtDBus import QDBusConnection

    # The stubs say bytes; PySide6 6.11 accepts only SLOT()'s str ("1name(args)") at run time.
    wake_slot: Any = SLOT("prepare_for_sleep(bool)")

    class LogindWakeWatch(QObject):
        """Receives logind's PrepareForSleep on the system bus."""

        def __init__(self, bus: QDBusConnection) -> None:
            super().__init__()
            self._bus = bus
            self._watching = False

        def watch(self) -> bool:
            self._watching = self._bus.connect(
                LOGIND_SERVICE, LOGIND_PATH, LOGIND_MANAGER, PREPARE_FOR_SLEEP, "b", self, wake_slot
            )
            return self._watching

        @Slot(bool)
        def prepare_for_sleep(self, start: bool) -> None:
            if start:
                log.debug("the computer is going to sleep")
                return
            log.info("the computer woke from sleep")
            callback()

        def close(self) -> None:
            if self._watching:
                self._bus.disconnect(
                    LOGIND_SERVICE,
                    LOGIND_PATH,
                    LOGIND_MANAGER,
                    PREPARE_FOR_SLEEP,
                    "b",
                    self,
                    wake_slot,
                )
                self._watching = False

    bus = QDBusConnection.systemBus()
    if not bus.isConnected():
        # Said at debug level, once: many machines (containers, CI) have no system bus,
        # and the clock-jump check still catches a sleep at the next timer.
        log.debug("no system bus (%s); not watching for wake from sleep", bus.lastError().message())
        return None
    watch = LogindWakeWatch(bus)
    if not watch.watch():
        log.debug("cannot watch logind on the system bus: %s", bus.lastError().message())
        return None
    log.info("watching for wake from sleep (logind on the system bus)")
    return watch
