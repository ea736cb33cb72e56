"""Desktop notifications: the system's own (desktop-notifier), then plyer, then the tray
balloon, then the in-app list.

Every notice is tried down that chain until a backend *confirms* it was shown: the D-Bus
server answered Notify with an id, the toast or the macOS request was accepted, the tray
balloon was put up. Only then is it reported as shown; a notice that only reached the
in-app list is reported as `IN_APP`, so the tray can say it again later rather than mark
it said. A backend that fails is logged once (and again when it works again) and is
tried anew for the next notice: a notification service that starts after the tray is
used as soon as it is there.

plyer's traps (ARCHITECTURE §6): on Linux it reports success when `notify-send` fails, and
raises NotImplementedError when it has no backend at all, so there it is trusted only
when a notification service owns its name on the session bus. plyer and jeepney are
imported only when a notice is actually shown.
"""

from __future__ import annotations

import logging
import os
import sys
import warnings
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

log = logging.getLogger(__name__)

APP_NAME = "Afterword"
NOTIFICATIONS_BUS_NAME = "org.freedesktop.Notifications"
# How many recent reminders the in-app list keeps.
RECENT_LIMIT = 20
# How long a notice stays on screen where the system lets us choose; an urgent one stays
# until it is dismissed.
SHOW_SECONDS = 10
# The action key of a click on the notice itself (the freedesktop "default" action).
CLICKED = "default"
# What `Notifier.notify` reports when no backend confirmed the notice: it is only in the
# in-app list.
IN_APP = "list"

Answer = Callable[[str | None], None]  # None: shown; else why not


class NotificationFailed(Exception):
    """A backend could not show a notice; the message says why."""


@dataclass(frozen=True)
class Button:
    """A button on a notice: `key` comes back to `Message.on_action` when it is pressed."""

    key: str
    label: str


@dataclass(frozen=True)
class Message:
    """One notice. `on_action` is called with a button's key, or CLICKED for a click on
    the notice, by whichever backend showed it (as long as this process runs)."""

    title: str
    body: str
    urgent: bool = False  # critical urgency; stays on screen until dismissed
    buttons: tuple[Button, ...] = ()
    on_action: Callable[[str], None] | None = field(default=None, compare=False)

    def act(self, key: str) -> None:
        if self.on_action is not None:
            self.on_action(key)


class NotificationBackend(Protocol):
    name: str

    def show(self, message: Message, answer: Answer) -> None:
        """Show `message`; call `answer(None)` once it is confirmed shown, or
        `answer(reason)` if it was not (now or later, exactly once). May raise
        NotificationFailed instead of answering."""


@dataclass(frozen=True)
class RecentNotice:
    shown_at: datetime
    title: str
    body: str
    backend: str
    message: Message | None = field(default=None, compare=False)

    def open(self) -> None:
        """What a click on it in the in-app list does: what a click on the notice does."""
        if self.message is not None:
            self.message.act(CLICKED)


def session_bus_has_notifications(timeout: float = 2.0) -> bool:
    """Whether a notification service is running on the session bus (owns its name)."""
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return False
    try:
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection
    except ImportError:
        return False
    try:
        with open_dbus_connection(bus="SESSION", auth_timeout=timeout) as conn:
            owned = conn.send_and_get_reply(
                message_bus.NameHasOwner(NOTIFICATIONS_BUS_NAME), timeout=timeout
            )
            # Only activatable is not enough: when its start fails, notify-send says so on
            # stderr and plyer still returns (the reminder was never seen).
            return bool(owned.body and owned.body[0])
    except Exception as exc:  # any bus trouble means "no service": fall back
        log.debug("session bus check failed: %s", exc)
        return False


class _Immediate:
    """A backend that knows at once whether it showed the notice."""

    name = "immediate"

    def show(self, message: Message, answer: Answer) -> None:
        self.show_now(message)
        answer(None)

    def show_now(self, message: Message) -> None:
        raise NotImplementedError


class SystemNotifications(_Immediate):
    """The operating system's notifications through plyer: no buttons, no click."""

    name = "system"

    def __init__(self, platform: str = sys.platform) -> None:
        self._platform = platform

    def show_now(self, message: Message) -> None:
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
                from plyer import notification

                notification.notify(
                    title=message.title,
                    message=message.body,
                    app_name=APP_NAME,
                    timeout=0 if message.urgent else SHOW_SECONDS,
                )
        except NotImplementedError as exc:
            raise NotificationFailed("plyer has no notification backend here") from exc
        except Exception as exc:
            raise NotificationFailed(f"plyer failed: {exc}") from exc


class TrayBalloon(_Immediate):
    """`QSystemTrayIcon.showMessage`: where there is a tray but no notification service.
    A click on the balloon does what a click on the notice would."""

    name = "tray"

    def __init__(self, icon: Any) -> None:
        self._icon: Any = None
        self._last: Message | None = None
        self.icon = icon  # a QSystemTrayIcon, or None while there is no tray

    @property
    def icon(self) -> Any:
        return self._icon

    @icon.setter
    def icon(self, icon: Any) -> None:
        if icon is not None and icon is not self._icon:
            icon.messageClicked.connect(self._clicked)
        self._icon = icon

    def _clicked(self) -> None:
        if self._last is not None:
            self._last.act(CLICKED)

    def show_now(self, message: Message) -> None:
        from PySide6.QtWidgets import QSystemTrayIcon

        if self.icon is None or not QSystemTrayIcon.isSystemTrayAvailable():
            raise NotificationFailed("there is no system tray to show a message from")
        if not QSystemTrayIcon.supportsMessages():
            raise NotificationFailed("the system tray does not show messages")
        kind = QSystemTrayIcon.MessageIcon
        self._last = message
        self.icon.showMessage(
            message.title,
            message.body,
            kind.Warning if message.urgent else kind.Information,
            SHOW_SECONDS * 1000,
        )


class Notifier:
    """Shows each notice through the first backend that confirms it; keeps the recent ones."""

    def __init__(
        self,
        backends: Sequence[NotificationBackend],
        on_recent: Callable[[], None] | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._backends = list(backends)
        self._failing: set[str] = set()  # said in the log; said again when it works
        self.on_recent = on_recent
        self._clock = clock
        self.recent: deque[RecentNotice] = deque(maxlen=RECENT_LIMIT)

    def notify(self, message: Message, done: Callable[[str], None] | None = None) -> None:
        """Show `message`; `done` gets the name of the backend that confirmed it, or IN_APP.
        It may be called before this returns (most backends know at once) or later."""
        self._try(message, 0, done)

    def _try(self, message: Message, index: int, done: Callable[[str], None] | None) -> None:
        if index >= len(self._backends):
            self._settle(message, IN_APP, done)
            return
        backend = self._backends[index]
        answered = False

        def answer(reason: str | None) -> None:
            nonlocal answered
            if answered:
                return
            answered = True
            if reason is None:
                if backend.name in self._failing:
                    self._failing.discard(backend.name)
                    log.info("notifications: the %s backend works again", backend.name)
                self._settle(message, backend.name, done)
                return
            if backend.name not in self._failing:
                self._failing.add(backend.name)
                log.warning(
                    "notifications: %s backend failed (%s); trying the next one",
                    backend.name,
                    reason,
                )
            else:
                log.debug("notifications: %s backend failed again (%s)", backend.name, reason)
            self._try(message, index + 1, done)

        try:
            backend.show(message, answer)
        except NotificationFailed as exc:
            answer(str(exc))
        except Exception as exc:  # a broken backend must not silence the reminders
            log.exception("notifications: the %s backend broke", backend.name)
            answer(f"{type(exc).__name__}: {exc}")

    def _settle(self, message: Message, used: str, done: Callable[[str], None] | None) -> None:
        latest = self.recent[0] if self.recent else None
        if latest is None or (latest.title, latest.body) != (message.title, message.body):
            self.recent.appendleft(
                RecentNotice(self._clock(), message.title, message.body, used, message)
            )
        else:  # the same notice said again (a retry): one entry, the latest way it went
            self.recent[0] = RecentNotice(self._clock(), message.title, message.body, used, message)
        if self.on_recent is not None:
            self.on_recent()
        if done is not None:
            done(used)
