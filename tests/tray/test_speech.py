"""What a reminder's buttons and clicks do, and the in-app list's entries doing the same."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from pytestqt.qtbot import QtBot

from desktop.platform.notifications import CLICKED, Notifier
from desktop.tray.schedule import Notice
from desktop.tray.speech import BUTTONS, ReminderActions, message_for, speaker


def actions() -> tuple[ReminderActions, list[Any]]:
    done: list[Any] = []
    return (
        ReminderActions(
            open_followup=lambda fid: done.append(("open", fid)),
            open_today=lambda: done.append(("today",)),
            run=lambda *args: done.append(("run", *args)),
        ),
        done,
    )


def test_one_reminder_has_three_buttons_and_a_click_opens_its_note() -> None:
    act, done = actions()
    message = message_for(Notice("Thank Ann Lee", "Associate", (7,)), True, act)
    assert [b.label for b in message.buttons] == ["Write note", "Mark sent", "Snooze 1 hour"]
    assert message.urgent
    for key in (CLICKED, *(b.key for b in BUTTONS)):
        message.act(key)
    assert done == [
        ("open", 7),
        ("open", 7),
        ("run", "followup", "7", "--sent"),
        ("run", "followup", "7", "--snooze", "60"),
    ]


def test_a_summary_has_no_buttons_and_its_click_opens_today() -> None:
    act, done = actions()
    message = message_for(Notice("3 thank-you notes are due", "…", (1, 2, 3)), False, act)
    assert message.buttons == () and not message.urgent
    message.act(CLICKED)
    message.act("sent")  # (no such button; nothing happens)
    assert done == [("today",)]


def test_the_recent_list_in_the_menu_opens_what_the_notice_opens(qtbot: QtBot) -> None:
    from desktop.tray.menu import TrayMenu

    act, done = actions()
    notifier = Notifier([])
    confirmed: list[str] = []
    speaker(notifier, act)(Notice("Thank Ann Lee", "Associate", (7,)), False, confirmed.append)
    assert confirmed == ["list"]  # nobody showed it: only the list holds it
    menu = TrayMenu(
        open_followup=lambda _: None, open_window=lambda: None, snooze_all=lambda: None,
        pause=lambda: None, resume=lambda: None, quit=lambda: None,
    )  # fmt: skip
    menu.update([], 0, list(notifier.recent), None, UTC)
    [recent] = [a for a in menu.menu.actions() if a.text() == "Recent reminders"]
    [entry] = recent.menu().actions()
    assert entry.text().endswith("Thank Ann Lee")
    entry.trigger()
    assert done == [("open", 7)]
    menu.close()
