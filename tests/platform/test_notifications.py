"""Notifications: each backend down the chain until one confirms; the in-app list keeps all.

The real D-Bus paths run against a private session bus (the recording server here, dunst
in tests/tray/test_dunst.py). The Windows and macOS paths of desktop-notifier cannot run
here: their decisions (ask once, after an explanation; refused means the next backend)
run with desktop-notifier's own objects swapped for ones that answer as those systems do.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

import pytest

from desktop.platform.native_notifications import (
    PERMISSION_EXPLANATION,
    REFUSED,
    DesktopNotifications,
    Permission,
)
from desktop.platform.notifications import (
    CLICKED,
    IN_APP,
    Button,
    Message,
    NotificationFailed,
    Notifier,
    SystemNotifications,
    TrayBalloon,
    session_bus_has_notifications,
)
from tests.helpers.bus import NotificationRecorder, SessionBus
from tests.tray.conftest import notifications, session_bus  # noqa: F401  (fixtures)

NOTE = Message("Thank Margaret Hale (Hale & Pierce)", "Associate at Hale & Pierce")


@pytest.mark.system
def test_plyer_reaches_a_running_notification_service(
    notifications: NotificationRecorder,  # noqa: F811
    session_bus: SessionBus,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session_bus.address)
    assert session_bus_has_notifications()
    notifier = Notifier([SystemNotifications("linux"), TrayBalloon(None)])
    used: list[str] = []
    notifier.notify(NOTE, used.append)
    assert used == ["system"]
    got = notifications.wait_for(1, timeout=10)
    assert [(n["app"], n["summary"], n["body"]) for n in got] == [
        ("Afterword", NOTE.title, NOTE.body)
    ]
    assert [n.backend for n in notifier.recent] == ["system"]


@pytest.mark.system
def test_a_service_that_is_only_activatable_is_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # notify-send would try to start it, fail, say so on stderr, and plyer would return as
    # if it had been shown: the reminder would be recorded and never said.
    services = tmp_path / "services"
    services.mkdir()
    (services / "n.service").write_text(
        "[D-BUS Service]\nName=org.freedesktop.Notifications\nExec=/bin/false\n"
    )
    bus = SessionBus(services)
    try:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bus.address)
        assert not session_bus_has_notifications()
        used: list[str] = []
        with caplog.at_level(logging.WARNING):
            Notifier([SystemNotifications("linux")]).notify(NOTE, used.append)
    finally:
        bus.close()
    assert used == [IN_APP]
    assert "nothing owns org.freedesktop.Notifications" in caplog.text


class Flaky:
    """A backend that fails while `.down`, answering later (as desktop-notifier does)."""

    name = "flaky"

    def __init__(self) -> None:
        self.down = True
        self.pending: list[Any] = []

    def show(self, message: Message, answer: Any) -> None:
        self.pending.append(lambda: answer("server gone" if self.down else None))


def test_each_backend_is_tried_for_every_notice_and_its_failure_said_once(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    flaky, shown = Flaky(), []
    notifier = Notifier(
        [flaky, SystemNotifications("linux"), TrayBalloon(None)], on_recent=lambda: shown.append(1)
    )
    used: list[str] = []
    with caplog.at_level(logging.INFO, logger="desktop.platform.notifications"):
        notifier.notify(Message("First", "one"), used.append)
        assert used == []  # the flaky backend has not answered yet
        flaky.pending.pop()()
        notifier.notify(Message("Second", "two"), used.append)
        flaky.pending.pop()()
        flaky.down = False
        notifier.notify(Message("Third", "three"), used.append)
        flaky.pending.pop()()
    assert used == [IN_APP, IN_APP, "flaky"]
    said = [r.getMessage() for r in caplog.records]
    assert [m.split(" (")[0] for m in said] == [
        "notifications: flaky backend failed",
        "notifications: system backend failed",
        "notifications: tray backend failed",
        "notifications: the flaky backend works again",
    ]
    assert "DBUS_SESSION_BUS_ADDRESS" in said[1]
    assert [n.title for n in notifier.recent] == ["Third", "Second", "First"]
    assert shown == [1, 1, 1]


def test_a_notice_said_again_is_one_entry_in_the_list_and_opens_what_it_opens() -> None:
    opened: list[str] = []
    message = Message("Thank Ann Lee", "Associate", on_action=opened.append)
    notifier = Notifier([])
    notifier.notify(message)
    notifier.notify(Message("Thank Ann Lee", "Associate", on_action=opened.append))
    assert len(notifier.recent) == 1
    notifier.recent[0].open()
    assert opened == [CLICKED]


def test_a_backend_that_breaks_is_passed_over(caplog: pytest.LogCaptureFixture) -> None:
    class Broken:
        name = "broken"

        def show(self, message: Message, answer: Any) -> None:
            raise KeyError("oops")

    used: list[str] = []
    with caplog.at_level(logging.ERROR):
        Notifier([Broken()]).notify(NOTE, used.append)
    assert used == [IN_APP]
    assert "the broken backend broke" in caplog.text


# --- desktop-notifier, with the system behind it swapped ---------------------------------


class FakeDesktopNotifier:
    """Answers as desktop-notifier's macOS or Windows backend would: authorisation per
    `allowed` (None: not yet decided; `grant` is the person's answer to the prompt)."""

    def __init__(self, allowed: bool | None, grant: bool = False, accept: bool = True) -> None:
        self.allowed, self.grant, self.accept = allowed, grant, accept
        self.prompts = 0
        self.sent: list[Any] = []

    async def has_authorisation(self) -> bool:
        return bool(self.allowed)

    async def request_authorisation(self) -> bool:
        if self.allowed is None:
            self.prompts += 1
            self.allowed = self.grant
        return bool(self.allowed)

    async def send_notification(self, notification: Any) -> str:
        self.sent.append(notification)
        if self.allowed and self.accept:
            notification.on_dispatched()
        return "id"


class Asked:
    def __init__(self) -> None:
        self.asked, self.explained = False, []

    def permission(self) -> Permission:
        return Permission(
            lambda: self.asked, lambda: setattr(self, "asked", True), self.explained.append
        )


def send(backend: DesktopNotifications, message: Message = NOTE) -> str | None:
    answers: list[str | None] = []
    asyncio.run(backend._send(message, answers.append))
    assert len(answers) == 1
    return answers[0]


def test_macos_asks_once_after_saying_why_and_a_refusal_goes_to_the_tray() -> None:
    fake, asked = FakeDesktopNotifier(allowed=None, grant=False), Asked()
    backend = DesktopNotifications(
        None, asked.permission(), notifier_factory=lambda: fake, platform="darwin"
    )
    assert send(backend) == REFUSED
    assert asked.explained == [PERMISSION_EXPLANATION] and asked.asked and fake.prompts == 1
    # Refused: never asked again; the tray balloon (and the in-app list) say the reminders.
    balloon = []

    class Balloon:
        name = "tray"

        def show(self, message: Message, answer: Any) -> None:
            balloon.append(message.title)
            answer(None)

    used: list[str] = []
    notifier = Notifier([_Sync(backend), Balloon()])
    notifier.notify(NOTE, used.append)
    assert used == ["tray"] and balloon == [NOTE.title]
    assert asked.explained == [PERMISSION_EXPLANATION] and fake.prompts == 1 and fake.sent == []


def test_macos_granted_sends_with_buttons_urgency_and_expiry() -> None:
    fake, asked = FakeDesktopNotifier(allowed=None, grant=True), Asked()
    backend = DesktopNotifications(
        Path("/icons/afterword.png"),
        asked.permission(),
        notifier_factory=lambda: fake,
        platform="darwin",
    )
    pressed: list[str] = []
    urgent = Message(
        "Thank Ann Lee — overdue", "Associate", urgent=True,
        buttons=(Button("write", "Write note"), Button("sent", "Mark sent")),
        on_action=pressed.append,
    )  # fmt: skip
    assert send(backend, urgent) is None
    assert send(backend, NOTE) is None
    assert fake.prompts == 1 and len(asked.explained) == 1
    first, second = fake.sent
    assert [(b.identifier, b.title) for b in first.buttons] == [
        ("write", "Write note"), ("sent", "Mark sent")
    ]  # fmt: skip
    assert (first.urgency.value, first.timeout) == ("critical", 0)  # stays until dismissed
    assert (second.urgency.value, second.timeout) == ("normal", 10)
    assert first.icon.path == Path("/icons/afterword.png")
    first.buttons[1].on_pressed()
    first.on_clicked()
    assert pressed == ["sent", CLICKED]


def test_windows_with_notifications_turned_off_asks_nothing_and_passes_on() -> None:
    fake, asked = FakeDesktopNotifier(allowed=False), Asked()
    backend = DesktopNotifications(
        None, asked.permission(), notifier_factory=lambda: fake, platform="win32"
    )
    assert send(backend) == REFUSED
    assert asked.explained == [] and fake.prompts == 0 and fake.sent == []


def test_a_send_the_service_did_not_take_is_not_confirmed() -> None:
    fake = FakeDesktopNotifier(allowed=True, accept=False)
    backend = DesktopNotifications(None, None, notifier_factory=lambda: fake, platform="linux")
    assert send(backend) == "the notification was not accepted"


def test_without_a_session_bus_linux_fails_before_loading_anything(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    backend = DesktopNotifications(None, None, notifier_factory=FakeDesktopNotifier)
    with pytest.raises(NotificationFailed, match="no session bus"):
        backend.show(NOTE, lambda reason: None)


class _Sync:
    """A DesktopNotifications run to its answer at once (no Qt loop in a unit test)."""

    def __init__(self, backend: DesktopNotifications) -> None:
        self.backend, self.name = backend, backend.name

    def show(self, message: Message, answer: Any) -> None:
        asyncio.run(self.backend._send(message, answer))
