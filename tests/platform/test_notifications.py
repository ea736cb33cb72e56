"""Notifications: the system service on a real session bus, then the fallbacks, in order."""

from __future__ import annotations

import logging

import pytest

from desktop.platform.notifications import (
    Notifier,
    SystemNotifications,
    TrayBalloon,
    session_bus_has_notifications,
)
from tests.tray.bus import NotificationRecorder, SessionBus
from tests.tray.conftest import notifications, session_bus  # noqa: F401  (fixtures)


@pytest.mark.system
def test_a_notice_reaches_the_notification_service_on_the_session_bus(
    notifications: NotificationRecorder,  # noqa: F811
    session_bus: SessionBus,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session_bus.address)
    assert session_bus_has_notifications()
    notifier = Notifier([SystemNotifications("linux"), TrayBalloon(None)])
    used = notifier.notify("Thank Margaret Hale (Hale & Pierce)", "Associate at Hale & Pierce")
    assert used == "system"
    got = notifications.wait_for(1, timeout=10)
    assert got == [
        {
            "app": "Afterword",
            "summary": "Thank Margaret Hale (Hale & Pierce)",
            "body": "Associate at Hale & Pierce",
        }
    ]
    assert [n.backend for n in notifier.recent] == ["system"]


@pytest.mark.system
def test_a_bus_without_a_notification_service_is_not_trusted(
    session_bus: SessionBus,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # plyer would run notify-send, which fails, and report success: we check first.
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session_bus.address)
    assert not session_bus_has_notifications()
    notifier = Notifier([SystemNotifications("linux")])
    with caplog.at_level(logging.WARNING):
        assert notifier.notify("title", "body") == "list"
    assert "nothing owns org.freedesktop.Notifications" in caplog.text


def test_failing_backends_are_reported_once_and_the_in_app_list_keeps_every_notice(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    shown: list[int] = []
    notifier = Notifier(
        [SystemNotifications("linux"), TrayBalloon(None)], on_recent=lambda: shown.append(1)
    )
    with caplog.at_level(logging.WARNING, logger="desktop.platform.notifications"):
        assert notifier.notify("First", "one") == "list"
        assert notifier.notify("Second", "two") == "list"
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 2
    assert "system backend failed" in warnings[0] and "DBUS_SESSION_BUS_ADDRESS" in warnings[0]
    assert "tray backend failed" in warnings[1]
    assert [n.title for n in notifier.recent] == ["Second", "First"]
    assert shown == [1, 1]


def test_no_session_bus_means_no_service(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    assert not session_bus_has_notifications()
