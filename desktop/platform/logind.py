"""logind's PrepareForSleep on the system bus: the Linux half of `desktop.platform.power`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import SLOT, QObject, Slot
from PySide6.QtDBus import QDBusConnection

# Logged as the power module, where the tray's log has always said it.
log = logging.getLogger("desktop.platform.power")

LOGIND_SERVICE = "org.freedesktop.login1"
LOGIND_PATH = "/org/freedesktop/login1"
LOGIND_MANAGER = "org.freedesktop.login1.Manager"
PREPARE_FOR_SLEEP = "PrepareForSleep"
# The stubs say bytes; PySide6 6.11 accepts only SLOT()'s str ("1name(args)") at run time.
_WAKE_SLOT: Any = SLOT("prepare_for_sleep(bool)")


class LogindWakeWatch(QObject):
    """Receives logind's PrepareForSleep on the system bus; calls back when `start` is false."""

    def __init__(self, bus: QDBusConnection, callback: Callable[[], None]) -> None:
        super().__init__()
        self._bus = bus
        self._callback = callback
        self._watching = False

    def watch(self) -> bool:
        self._watching = self._bus.connect(
            LOGIND_SERVICE, LOGIND_PATH, LOGIND_MANAGER, PREPARE_FOR_SLEEP, "b", self, _WAKE_SLOT
        )
        return self._watching

    @Slot(bool)
    def prepare_for_sleep(self, start: bool) -> None:
        if start:
            log.debug("the computer is going to sleep")
            return
        log.info("the computer woke from sleep")
        self._callback()

    def close(self) -> None:
        if self._watching:
            self._bus.disconnect(
                LOGIND_SERVICE,
                LOGIND_PATH,
                LOGIND_MANAGER,
                PREPARE_FOR_SLEEP,
                "b",
                self,
                _WAKE_SLOT,
            )
            self._watching = False


def watch_logind(callback: Callable[[], None]) -> LogindWakeWatch | None:
    """A running watch, or None where there is no system bus or logind cannot be watched."""
    bus = QDBusConnection.systemBus()
    if not bus.isConnected():
        # Said at debug level, once: many machines (containers, CI) have no system bus,
        # and the clock-jump check still catches a sleep at the next timer.
        log.debug("no system bus (%s); not watching for wake from sleep", bus.lastError().message())
        return None
    watch = LogindWakeWatch(bus, callback)
    if not watch.watch():
        log.debug("cannot watch logind on the system bus: %s", bus.lastError().message())
        return None
    log.info("watching for wake from sleep (logind on the system bus)")
    return watch
