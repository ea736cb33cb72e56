"""What a reminder says, with what buttons, and what they do.

A `Notice` from `schedule.py` becomes a notification: one follow-up gets Write note, Mark
sent and Snooze 1 hour, and a click opens the composer on it; a summary of several gets a
click that opens Today. An overdue one is urgent (critical, it stays until dismissed).
Mark sent and Snooze run `afterword followup` in a child process, which tells the tray
and the window: the rules and SQLAlchemy never load into the tray.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop.platform.notifications import CLICKED, Button, Message, Notifier

if TYPE_CHECKING:
    from desktop.platform.native_notifications import DesktopNotifications
    from desktop.platform.paths import AppPaths
    from desktop.tray.app import Speak
    from desktop.tray.schedule import Notice

log = logging.getLogger(__name__)

WRITE, SENT, SNOOZE = "write", "sent", "snooze"
BUTTONS = (Button(WRITE, "Write note"), Button(SENT, "Mark sent"), Button(SNOOZE, "Snooze 1 hour"))
SNOOZE_MINUTES = 60
# In the data directory: this computer already asked whether Afterword may notify (macOS
# asks once, ever; a second request is answered with the first answer, unseen).
ASKED_FILE = "notifications-asked"


@dataclass(frozen=True)
class ReminderActions:
    """What the tray does for a button or a click: open the composer or Today, or run an
    `afterword` command on the data (`run("followup", "12", "--sent")`)."""

    open_followup: Callable[[int], None]
    open_today: Callable[[], None]
    run: Callable[..., None]

    def __call__(self, followup_ids: tuple[int, ...], key: str) -> None:
        log.info("tray: %s on the notice for %s", key, followup_ids)
        if len(followup_ids) != 1:
            if key == CLICKED:
                self.open_today()
            return
        [followup] = followup_ids
        if key in (CLICKED, WRITE):
            self.open_followup(followup)
        elif key == SENT:
            self.run("followup", str(followup), "--sent")
        elif key == SNOOZE:
            self.run("followup", str(followup), "--snooze", str(SNOOZE_MINUTES))


def message_for(notice: Notice, urgent: bool, actions: ReminderActions) -> Message:
    ids = notice.followup_ids
    return Message(
        notice.title,
        notice.body,
        urgent=urgent,
        buttons=BUTTONS if len(ids) == 1 else (),
        on_action=lambda key: actions(ids, key),
    )


def speaker(notifier: Notifier, actions: ReminderActions) -> Speak:
    """The tray's `speak`: each notice through the notifier, with its buttons."""

    def speak(notice: Notice, urgent: bool, done: Callable[[str], None] | None) -> None:
        notifier.notify(message_for(notice, urgent, actions), done)

    return speak


def native_backend(paths: AppPaths, app: Any) -> DesktopNotifications:
    """desktop-notifier with the app's icon, asking (on macOS) once, after saying why."""
    from desktop.platform.native_notifications import DesktopNotifications, Permission
    from desktop.platform.paths import app_icon_file

    asked = paths.data / ASKED_FILE

    def remember() -> None:
        from desktop.files import write_atomically

        try:
            paths.data.mkdir(parents=True, exist_ok=True)
            write_atomically(asked, "asked\n")
        except OSError as exc:  # asked again next time: better than never reminding
            log.warning("tray: cannot note that notifications were asked for: %s", exc)

    def explain(text: str) -> None:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(
            None, QCoreApplication.translate("speech", "Afterword reminders"), text
        )

    icon = app_icon_file()
    return DesktopNotifications(
        icon if icon.is_file() else None, Permission(asked.exists, remember, explain)
    )
