"""The system's own notifications through desktop-notifier: buttons, clicks, icon, urgency.

desktop-notifier speaks D-Bus on Linux, WinRT toasts on Windows (under the app's
AppUserModelID, `app_identity.APP_ID`) and UserNotifications on macOS (from the signed
bundle, `app.afterword.Afterword`). Its API is asyncio; it runs on the tray's own Qt event
loop through qasync (made the first time a notice is shown), never on a second thread with
a loop of its own: the clicks come back on the thread that owns the widgets.

desktop-notifier and qasync (asyncio, dbus-fast) are imported on the first notice, not at
start-up: the tray's memory is a product feature (tests/benchmarks/tray_bench.py).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.platform.notifications import (
    APP_NAME,
    CLICKED,
    SHOW_SECONDS,
    Answer,
    Message,
    NotificationFailed,
)

log = logging.getLogger(__name__)

# The freedesktop hint that ties a notice to afterword.desktop (its name and icon in the
# notification settings of GNOME and KDE).
DESKTOP_ENTRY = "afterword"
REFUSED = (
    "notifications are turned off for Afterword in the system's settings; "
    "reminders appear in the tray and in Afterword instead"
)
NOTIFIER_LOGGERS = ("desktop_notifier.backends.base", "desktop_notifier.backends.dbus")
# What the person reads before the system asks them (macOS asks once, ever).
PERMISSION_EXPLANATION = (
    "Afterword reminds you when a thank-you note or a check-in is due, with buttons to "
    "write it, mark it sent or snooze it. Your Mac will now ask whether Afterword may "
    "show notifications; if you say no, reminders appear in the menu bar icon instead."
)


class Permission:
    """Asking to notify, once ever, with an explanation first (macOS; elsewhere the answer
    is yes without asking). `asked`/`remember` keep the fact; `explain` shows the text."""

    def __init__(
        self,
        asked: Callable[[], bool],
        remember: Callable[[], None],
        explain: Callable[[str], None],
    ) -> None:
        self.asked, self.remember, self.explain = asked, remember, explain


class DesktopNotifications:
    """The `desktop` backend: desktop-notifier on the Qt event loop."""

    name = "desktop"

    def __init__(
        self,
        icon: Path | None = None,
        permission: Permission | None = None,
        notifier_factory: Callable[[], Any] | None = None,
        platform: str = sys.platform,
    ) -> None:
        self._platform = platform
        self._icon = icon
        self._permission = permission
        self._factory = notifier_factory or self._desktop_notifier
        self._notifier: Any = None
        self._loop: Any = None
        self._reasons: list[str] = []
        self._tasks: set[Any] = set()

    # --- the event loop ---------------------------------------------------------------

    def _event_loop(self) -> Any:
        if self._loop is None:
            import asyncio

            import qasync

            # Qt's loop is already running (app.exec()); qasync joins it rather than
            # starting a second one.
            self._loop = qasync.QEventLoop(already_running=True)
            asyncio.set_event_loop(self._loop)
        return self._loop

    def close(self) -> None:
        """Stop the asyncio side (pending sends are dropped; the tray is quitting)."""
        loop, self._loop = self._loop, None
        if loop is None:
            return
        for task in list(self._tasks):
            task.cancel()
        try:
            loop.close()
        except RuntimeError:  # still marked running: Qt's loop ended without it
            log.debug("notifications: the asyncio loop was left to exit with Qt")

    # --- showing ----------------------------------------------------------------------

    def show(self, message: Message, answer: Answer) -> None:
        if self._platform.startswith("linux") and not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            # Said before asyncio and dbus-fast are loaded for nothing.
            raise NotificationFailed("no session bus (DBUS_SESSION_BUS_ADDRESS is not set)")
        loop = self._event_loop()
        task = loop.create_task(self._send(message, answer))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _send(self, message: Message, answer: Answer) -> None:
        try:
            notifier = self._desktop()
            if not await self._allowed(notifier):
                answer(REFUSED)
                return
            dispatched: list[bool] = []
            notification = self._notification(message, lambda: dispatched.append(True))
            del self._reasons[:]
            await notifier.send_notification(notification)
        except Exception as exc:
            answer(f"{type(exc).__name__}: {exc}")
            return
        # desktop-notifier logs a failed send instead of raising; on_dispatched is its
        # confirmation (the server returned an id, the toast or the request was accepted).
        if dispatched:
            answer(None)
        else:
            answer(self._reasons[-1] if self._reasons else "the notification was not accepted")

    async def _allowed(self, notifier: Any) -> bool:
        if await notifier.has_authorisation():
            return True
        if self._platform != "darwin":
            return False  # Windows: turned off in Settings ▸ Notifications; nothing to ask
        if self._permission is None:
            return bool(await notifier.request_authorisation())
        if self._permission.asked():
            return False  # they said no (or turned it off since): not asked again
        self._permission.explain(PERMISSION_EXPLANATION)
        self._permission.remember()
        granted = bool(await notifier.request_authorisation())
        log.info("notifications: permission %s", "granted" if granted else "refused")
        return granted

    def _notification(self, message: Message, dispatched: Callable[[], None]) -> Any:
        from desktop_notifier import Button, Icon, Notification, Urgency

        return Notification(
            title=message.title,
            message=message.body,
            urgency=Urgency.Critical if message.urgent else Urgency.Normal,
            icon=Icon(path=self._icon) if self._icon is not None else None,
            buttons=tuple(
                Button(
                    title=b.label,
                    identifier=b.key,
                    on_pressed=lambda key=b.key: message.act(key),  # type: ignore[misc]
                )
                for b in message.buttons
            ),
            on_clicked=lambda: message.act(CLICKED),
            on_dispatched=dispatched,
            # 0: until dismissed. The server's own default for normal notices is often
            # "never" (plyer sent -t 0 and the bubbles stacked up).
            timeout=0 if message.urgent else SHOW_SECONDS,
        )

    def _desktop(self) -> Any:
        if self._notifier is None:
            self._notifier = self._factory()
        return self._notifier

    def _desktop_notifier(self) -> Any:
        from desktop_notifier import DesktopNotifier, Icon

        # Its failures are logged by it as warnings with a traceback, at every notice;
        # they become our answer instead, and the Notifier says them once. (A filter acts
        # only on its own logger's records, so on each module that logs them.)
        for name in NOTIFIER_LOGGERS:
            logging.getLogger(name).addFilter(self._keep_reason)
        notifier = DesktopNotifier(
            app_name=APP_NAME, app_icon=Icon(path=self._icon) if self._icon else None
        )
        if self._platform.startswith("linux"):
            _add_desktop_entry(notifier)
        return notifier

    def _keep_reason(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        error = record.exc_info[1] if record.exc_info else None
        self._reasons.append(f"{record.getMessage()}: {error}" if error else record.getMessage())
        return False


def _add_desktop_entry(notifier: Any) -> None:
    """Send the `desktop-entry` hint with every notice, which desktop-notifier does not:
    its D-Bus backend is given an interface whose Notify adds it to the hints."""
    backend = notifier._backend
    init = backend._init_dbus

    async def init_with_entry() -> Any:
        return _WithDesktopEntry(await init())

    backend._init_dbus = init_with_entry


class _WithDesktopEntry:
    """A dbus-fast proxy interface whose Notify call carries desktop-entry=afterword."""

    def __init__(self, interface: Any) -> None:
        self._interface = interface

    def __getattr__(self, name: str) -> Any:
        return getattr(self._interface, name)

    async def call_notify(self, *args: Any) -> Any:
        from dbus_fast.signature import Variant

        *head, hints, timeout = args
        hints = dict(hints)
        if not hints or any(isinstance(v, Variant) for v in hints.values()):
            hints["desktop-entry"] = Variant("s", DESKTOP_ENTRY)
        else:  # an old server that takes a{ss}
            hints["desktop-entry"] = DESKTOP_ENTRY
        return await self._interface.call_notify(*head, hints, timeout)
