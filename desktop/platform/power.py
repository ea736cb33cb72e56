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

import sys
from collections.abc import Callable
from typing import Protocol


class WakeWatch(Protocol):
    """A watch in progress: keep it while watching; `close()` stops it."""

    def close(self) -> None: ...


def watch_for_wake(callback: Callable[[], None]) -> WakeWatch | None:
    """Call `callback` (in the Qt event loop) each time the computer wakes from sleep.

    Returns a handle to keep while watching (its `close()` stops), or None where waking
    cannot be watched: not Linux, or no system bus (a container, a minimal session).
    Needs a running QCoreApplication.
    """
    if sys.platform.startswith("linux"):
        # Imported here: only the tray on Linux pays for QtDBus.
        from desktop.platform.logind import watch_logind

        return watch_logind(callback)
    return None
