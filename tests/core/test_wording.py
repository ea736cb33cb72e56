"""The words every front end shares: one date style, one way of saying when a note is due."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from desktop.core.wording import (
    DateStyle,
    DueCounts,
    due_counts,
    due_phrase,
    locale_style,
    moment_text,
    today_heading,
)

NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 21, 14, 0, tzinfo=UTC)  # Saturday 09:00 in New York
DAY_FIRST_24H = DateStyle()
US = DateStyle(hour12=True, month_first=True)


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=NY)


@pytest.mark.parametrize(
    ("due", "style", "expected"),
    [
        (local(21, 11), DAY_FIRST_24H, "due by 11:00 today"),
        (local(22, 17, 30), US, "due by 5:30 PM tomorrow"),
        (local(27, 17), DAY_FIRST_24H, "due by Friday 17:00"),
        (local(30, 17), DAY_FIRST_24H, "due by Mon 30 Nov, 17:00"),
        (local(30, 17), US, "due by Mon, Nov 30, 5:00 PM"),
        # Half an hour late says since when, not "overdue by minutes".
        (local(21, 8, 30), DAY_FIRST_24H, "overdue since 08:30 today"),
        (local(20, 23, 59), US, "overdue since 11:59 PM yesterday"),
        (None, US, "no deadline"),
    ],
)
def test_one_wording_of_when_a_note_is_due(due, style, expected):
    assert due_phrase(due, NOW, NY, style) == expected


def test_a_moment_in_the_locale_style_with_the_year_only_when_it_differs():
    moment = local(21, 14, 5)
    assert moment_text(moment, NY, DAY_FIRST_24H) == "Sat 21 Nov 2026, 14:05"
    assert moment_text(moment, NY, US) == "Sat, Nov 21, 2026, 2:05 PM"
    assert moment_text(moment, NY, US, now=NOW) == "Sat, Nov 21, 2:05 PM"
    assert moment_text(None, NY) == ""


def test_the_style_comes_from_the_c_library_locale():
    # The test run pins LC_ALL=C.UTF-8 (tests/conftest.py): C writes 11/21/26 and 13:05:00.
    assert locale_style() == DateStyle(hour12=False, month_first=True)


@pytest.mark.parametrize(
    ("deadlines", "expected"),
    [
        # Both due tomorrow: nothing is due today, and the heading says so.
        ([local(22, 10), local(22, 11)], "Today — 2 follow-ups to write, none due today"),
        (
            [local(21, 8), local(21, 17), local(24, 9)],
            "Today — 1 overdue, 1 due today, 1 due later",
        ),
        ([local(21, 12)], "Today — 1 due today"),
        ([], "Today — nothing due"),
    ],
)
def test_the_today_heading_counts_by_urgency(deadlines, expected):
    assert today_heading(due_counts(deadlines, NOW, NY)) == expected


def test_a_page_rest_counts_as_later():
    assert due_counts([local(21, 8)], NOW, NY, more=5) == DueCounts(1, 0, 5)
