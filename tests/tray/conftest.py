"""Fixtures of the tray tests: private session and "system" buses, a recording notification
server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.bus import NotificationRecorder, SessionBus


@pytest.fixture
def session_bus() -> Iterator[SessionBus]:
    bus = SessionBus()
    yield bus
    bus.close()


@pytest.fixture
def notifications(session_bus: SessionBus, tmp_path: Path) -> Iterator[NotificationRecorder]:
    recorder = NotificationRecorder(session_bus, tmp_path / "notifications.jsonl")
    yield recorder
    recorder.close()


@pytest.fixture
def system_bus() -> Iterator[SessionBus]:
    """A private bus that the tray is told is the system bus (DBUS_SYSTEM_BUS_ADDRESS)."""
    bus = SessionBus()
    yield bus
    bus.close()
