"""Desktop notifications: the system's service, else the tray balloon, else the in-app list.

Backends are tried in order. One that fails is reported once in the log and not tried
again by this process; the next one is used. Every notice is also kept in a short list
of recent reminders that the tray's menu shows, so nothing said is ever lost.

plyer's traps (DESIGN §6): on Linux it reports success when `notify-send` fails and
raises NotImplementedError when it has no backend at all, so the session bus is checked
here first. plyer and jeepney are imported only when a notice is actually shown.
"""

from __future__ import annotations

import logging
import os
import sys
import warnings
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

log = logging.getLogger(__name__)

APP_NAME = "Afterword"
NOTIFICATIONS_BUS_NAME = "org.freedesktop.Notifications"
# How many recent reminders the in-app list keeps.
RECENT_LIMIT = 20
# How long a notice stays on screen where the system lets us choose.
SHOW_SECONDS = 10


class NotificationFailed(Exception):
    """A backend could not show a notice; the message says why."""


class NotificationBackend(Protocol):
    name: str

    def show(self, title: str, body: str) -> None:
        """Show the notice or raise NotificationFailed."""


@dataclass(frozen=True)
class RecentNotice:
    shown_at: datetime
    title: str
    body: str
    backend: str


def session_bus_has_notifications(timeout: float = 2.0) -> bool:
    """Whether a notification service answers (or can be started) on the session bus."""
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return False
    try:
        from jeepney.bus_messages import message_bus  # type: ignore[import-untyped]
        from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]
    except ImportError:
        return False
    try:
        with open_dbus_connection(bus="SESSION", auth_timeout=timeout) as conn:
            owned = conn.send_and_get_reply(
                message_bus.NameHasOwner(NOTIFICATIONS_BUS_NAME), timeout=timeout
            )
            if owned.body and owned.body[0]:
                return True
            # A service that D-Bus starts on the first call (most desktops) is not
            # running yet but is listed as activatable.
            names = conn.send_and_get_reply(message_bus.ListActivatableNames(), timeout=timeout)
            return NOTIFICATIONS_BUS_NAME in names.body[0]
    except Exception as exc:  # any bus trouble means "no service": fall back
        log.debug("session bus check failed: %s", exc)
        return False


class SystemNotifications:
    """The operating system's own notifications, through plyer."""

    name = "system"

    def __init__(self, platform: str = sys.platform) -> None:
        self._platform = platform

    def show(self, title: str, body: str) -> None:
        uses_dbus = self._platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))
        if uses_dbus and not session_bus_has_notifications():
            raise NotificationFailed(
                "no notification service on the session bus (DBUS_SESSION_BUS_ADDRESS unset, "
                f"or nothing owns {NOTIFICATIONS_BUS_NAME})"
            )
        try:
            with warnings.catch_warnings():
                # plyer warns that dbus-python is missing, then uses notify-send: fine.
                warnings.simplefilter("ignore")
                from plyer import notification  # type: ignore[import-untyped]

                notification.notify(
                    title=title, message=body, app_name=APP_NAME, timeout=SHOW_SECONDS
                )
        except NotImplementedError as exc:
            raise NotificationFailed("plyer has no notification backend here") from exc
        except Exception as exc:
            raise NotificationFailed(f"plyer failed: {exc}") from exc


class TrayBalloon:
    """`QSystemTrayIcon.showMessage`: where there is a tray but no notification service."""

    name = "tray"

    def __init__(self, icon: Any) -> None:
        self.icon = icon  # a QSystemTrayIcon, or None when there is no tray

    def show(self, title: str, body: str) -> None:
        from PySide6.QtWidgets import QSystemTrayIcon

        if self.icon is None or not QSystemTrayIcon.isSystemTrayAvailable():
            raise NotificationFailed("there is no system tray to show a message from")
        if not QSystemTrayIcon.supportsMessages():
            raise NotificationFailed("the system tray does not show messages")
        self.icon.showMessage(
            title, body, QSystemTrayIcon.MessageIcon.Information, SHOW_SECONDS * 1000
        )


class Notifier:
    """Shows each notice through the first backend that works; keeps the recent ones."""

    def __init__(
        self,
        backends: Sequence[NotificationBackend],
        on_recent: Callable[[], None] | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._backends = list(backends)
        self._failed: set[str] = set()
        self.on_recent = on_recent
        self._clock = clock
        self.recent: deque[RecentNotice] = deque(maxlen=RECENT_LIMIT)

    def notify(self, title: str, body: str) -> str:
        """Show a notice; return the name of the backend that showed it ("list" when only
        the in-app list holds it)."""
        used = "list"
        for backend in self._backends:
            if backend.name in self._failed:
                continue
            try:
                backend.show(title, body)
            except NotificationFailed as exc:
                self._failed.add(backend.name)
                log.warning(
                    "notifications: %s backend failed (%s); using the next one from now on",
                    backend.name,
                    exc,
                )
                continue
            used = backend.name
            break
        self.recent.appendleft(RecentNotice(self._clock(), title, body, used))
        if self.on_recent is not None:
            self.on_recent()
        return used
