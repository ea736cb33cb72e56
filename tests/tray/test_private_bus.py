"""Test buses start no service on demand (issue 14, item 15): a tray test failed on a
machine with a notification daemon installed, which D-Bus activated in place of ours."""

from __future__ import annotations

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.system


def test_a_test_bus_starts_no_service_on_demand(session_bus):
    """dunst (or any daemon) installed here must never answer in place of the recorder."""
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection

    conn = open_dbus_connection(bus=session_bus.address)
    try:
        names = conn.send_and_get_reply(message_bus.ListActivatableNames()).body[0]
    finally:
        conn.close()
    assert list(names) == ["org.freedesktop.DBus"]
    assert (REPO / "packaging" / "private-session-bus.conf").is_file()
