"""The smoke test passes at any hour (issue 14, item 15): its tray runs where it is midday,
so the default quiet hours never hold the notice it waits for."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from desktop.core.calendar import in_quiet_hours
from tests.helpers.packaging_scripts import load


def test_the_smoke_tests_zone_puts_every_hour_outside_quiet_hours(tmp_path):
    if sys.platform == "win32":
        pytest.skip("the smoke test pins TZ on POSIX systems")
    smoke = load("smoke_test.py")
    start = datetime(2026, 11, 20, 0, 30, tzinfo=UTC)
    for hour in range(24):
        now = start + timedelta(hours=hour)
        zone = ZoneInfo(smoke.midday_zone(now))
        assert time(11) <= now.astimezone(zone).time() <= time(13, 30), (hour, zone)
        assert not in_quiet_hours(now, time(21), time(8), zone)
    assert smoke.smoke_env(tmp_path)["TZ"].startswith("Etc/GMT")
