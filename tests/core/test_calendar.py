"""Local days, business days and quiet hours (desktop.core.calendar), with real zones."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.calendar import (
    add_business_days,
    after_quiet_hours,
    at_local,
    end_of_day,
    in_quiet_hours,
    is_business_day,
    local_date,
    next_business_day_on_or_after,
    require_aware,
)

NY = ZoneInfo("America/New_York")
LON = ZoneInfo("Europe/London")
QUIET = (time(21, 0), time(8, 0))

# Named days around "today" (Sunday 2026-11-22).
FRI = date(2026, 11, 20)
SAT = date(2026, 11, 21)
SUN = date(2026, 11, 22)
MON = date(2026, 11, 23)
TUE = date(2026, 11, 24)


def utc(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=UTC)


# --- require_aware ---------------------------------------------------------------------


def test_require_aware_returns_an_aware_time_unchanged() -> None:
    moment = datetime(2026, 11, 22, 10, 0, tzinfo=NY)
    assert require_aware(moment) is moment


def test_require_aware_refuses_a_naive_time_naming_what_it_is() -> None:
    with pytest.raises(ValueError, match=r"interview end must carry a time zone: 2026-11-22T10:00"):
        require_aware(datetime(2026, 11, 22, 10, 0), "interview end")


# --- at_local / end_of_day -------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "tz", "expected_utc"),
    [
        (date(2026, 11, 23), NY, utc(2026, 11, 23, 14, 0)),  # EST, UTC-5
        (date(2026, 10, 30), NY, utc(2026, 10, 30, 13, 0)),  # EDT, UTC-4 (before fall-back)
        (date(2026, 11, 2), NY, utc(2026, 11, 2, 14, 0)),  # day after fall-back
        (date(2026, 3, 6), NY, utc(2026, 3, 6, 14, 0)),  # before spring-forward
        (date(2026, 3, 9), NY, utc(2026, 3, 9, 13, 0)),  # day after spring-forward
        (date(2026, 6, 15), LON, utc(2026, 6, 15, 8, 0)),  # BST
        (date(2026, 11, 23), LON, utc(2026, 11, 23, 9, 0)),  # GMT
    ],
)
def test_nine_oclock_is_nine_on_the_local_wall_clock_whatever_the_offset(
    day: date, tz: ZoneInfo, expected_utc: datetime
) -> None:
    got = at_local(day, time(9, 0), tz)
    assert got == expected_utc
    local = got.astimezone(tz)
    assert (local.date(), local.time()) == (day, time(9, 0))


def test_wall_time_in_the_spring_forward_gap_lands_after_the_gap() -> None:
    # 02:30 does not exist in New York on 2026-03-08; it is read with the EST offset.
    got = at_local(date(2026, 3, 8), time(2, 30), NY)
    assert got == utc(2026, 3, 8, 7, 30)
    assert got.astimezone(NY).time() == time(3, 30)


def test_wall_time_in_the_fall_back_overlap_is_the_first_occurrence() -> None:
    # 01:30 happens twice in New York on 2026-11-01: first in EDT (05:30 UTC). (Compared in
    # UTC: `==` between zones is always False for a time inside a DST overlap.)
    got = at_local(date(2026, 11, 1), time(1, 30), NY)
    assert got.astimezone(UTC) == utc(2026, 11, 1, 5, 30)
    assert got.utcoffset() == timedelta(hours=-4)


@pytest.mark.parametrize(
    ("day", "tz", "expected_utc"),
    [
        (date(2026, 11, 1), NY, utc(2026, 11, 2, 4, 59, 59)),  # fall-back day, ends in EST
        (date(2026, 10, 31), NY, utc(2026, 11, 1, 3, 59, 59)),  # still EDT
        (date(2026, 3, 8), NY, utc(2026, 3, 9, 3, 59, 59)),  # spring-forward day, ends in EDT
        (date(2026, 3, 7), NY, utc(2026, 3, 8, 4, 59, 59)),
        (date(2026, 10, 25), LON, utc(2026, 10, 25, 23, 59, 59)),  # BST ended that morning
        (date(2026, 6, 15), LON, utc(2026, 6, 15, 22, 59, 59)),
    ],
)
def test_end_of_day_is_the_last_local_second(
    day: date, tz: ZoneInfo, expected_utc: datetime
) -> None:
    got = end_of_day(day, tz)
    assert got == expected_utc
    local = got.astimezone(tz)
    assert (local.date(), local.time()) == (day, time(23, 59, 59))


# --- local_date ------------------------------------------------------------------------


def test_local_date_depends_on_the_zone() -> None:
    moment = utc(2026, 11, 23, 3, 0)  # 22:00 on the 22nd in New York, 03:00 on the 23rd in London
    assert local_date(moment, NY) == SUN
    assert local_date(moment, LON) == MON


def test_local_date_refuses_naive_times() -> None:
    with pytest.raises(ValueError, match="must carry a time zone"):
        local_date(datetime(2026, 11, 22, 12, 0), NY)


# --- business days ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [(FRI, True), (SAT, False), (SUN, False), (MON, True), (TUE, True)],
)
def test_business_days_are_monday_to_friday(day: date, expected: bool) -> None:
    assert is_business_day(day) is expected


@pytest.mark.parametrize(
    ("day", "count", "expected"),
    [
        (FRI, 2, TUE),  # promised Friday -> check in Tuesday
        (FRI, 1, MON),
        (SAT, 1, MON),
        (SUN, 2, TUE),
        (date(2026, 11, 18), 2, FRI),  # Wednesday + 2
        (date(2026, 11, 19), 2, MON),  # Thursday + 2 skips the weekend
        (MON, 5, date(2026, 11, 30)),
        (FRI, 0, FRI),
        (SAT, 0, SAT),  # zero moves nothing, even from a weekend
        (date(2026, 12, 31), 1, date(2027, 1, 1)),  # across the year
    ],
)
def test_add_business_days(day: date, count: int, expected: date) -> None:
    assert add_business_days(day, count) == expected


def test_add_business_days_refuses_negative_counts() -> None:
    with pytest.raises(ValueError, match="must not be negative"):
        add_business_days(FRI, -1)


@pytest.mark.parametrize(
    ("day", "expected"),
    [(FRI, FRI), (SAT, MON), (SUN, MON), (MON, MON)],
)
def test_next_business_day_on_or_after(day: date, expected: date) -> None:
    assert next_business_day_on_or_after(day) == expected


@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    count=st.integers(min_value=1, max_value=40),
)
def test_add_business_days_counts_exactly_count_weekdays(day: date, count: int) -> None:
    result = add_business_days(day, count)
    assert is_business_day(result)
    span = [day + timedelta(days=i) for i in range(1, (result - day).days + 1)]
    assert sum(1 for d in span if is_business_day(d)) == count


# --- quiet hours -----------------------------------------------------------------------


def ny(hour: int, minute: int = 0, second: int = 0, day: date = SUN) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=NY)


@pytest.mark.parametrize(
    ("moment", "quiet"),
    [
        (ny(20, 59, 59), False),
        (ny(21, 0), True),  # start is inside
        (ny(23, 30), True),
        (ny(0, 0), True),
        (ny(2, 0), True),
        (ny(7, 59, 59), True),
        (ny(8, 0), False),  # end is outside
        (ny(12, 0), False),
    ],
)
def test_default_quiet_hours_wrap_midnight(moment: datetime, quiet: bool) -> None:
    assert in_quiet_hours(moment, *QUIET, NY) is quiet


@pytest.mark.parametrize(
    ("moment", "quiet"),
    [
        (ny(11, 59, 59), False),
        (ny(12, 0), True),
        (ny(12, 30), True),
        (ny(13, 0), False),
        (ny(22, 0), False),
        (ny(3, 0), False),
    ],
)
def test_quiet_hours_inside_one_day(moment: datetime, quiet: bool) -> None:
    assert in_quiet_hours(moment, time(12, 0), time(13, 0), NY) is quiet


def test_quiet_hours_are_read_on_the_users_wall_clock() -> None:
    moment = utc(2026, 11, 23, 1, 30)  # 20:30 in New York, 01:30 in London
    assert in_quiet_hours(moment, *QUIET, NY) is False
    assert in_quiet_hours(moment, *QUIET, LON) is True


def test_equal_start_and_end_means_no_quiet_hours() -> None:
    assert in_quiet_hours(ny(3, 0), time(8, 0), time(8, 0), NY) is False
    assert after_quiet_hours(ny(3, 0), time(8, 0), time(8, 0), NY) == ny(3, 0)


def test_in_quiet_hours_refuses_naive_times() -> None:
    with pytest.raises(ValueError, match="must carry a time zone"):
        in_quiet_hours(datetime(2026, 11, 22, 22, 0), *QUIET, NY)


def test_a_moment_outside_quiet_hours_is_kept() -> None:
    moment = ny(19, 30)
    assert after_quiet_hours(moment, *QUIET, NY) == moment


def test_late_evening_moves_to_eight_the_next_morning() -> None:
    assert after_quiet_hours(ny(21, 30), *QUIET, NY) == ny(8, 0, day=MON)


def test_small_hours_move_to_eight_the_same_morning() -> None:
    assert after_quiet_hours(ny(2, 0), *QUIET, NY) == ny(8, 0)


def test_quiet_hours_inside_one_day_end_the_same_day() -> None:
    assert after_quiet_hours(ny(12, 30), time(12, 0), time(13, 0), NY) == ny(13, 0)


def test_quiet_hours_end_at_the_new_year() -> None:
    late = datetime(2026, 12, 31, 22, 15, tzinfo=LON)
    assert after_quiet_hours(late, *QUIET, LON) == datetime(2027, 1, 1, 8, 0, tzinfo=LON)


def test_quiet_hours_end_at_eight_local_across_spring_forward() -> None:
    evening = datetime(2026, 3, 7, 22, 0, tzinfo=NY)  # EST
    got = after_quiet_hours(evening, *QUIET, NY)
    assert got == utc(2026, 3, 8, 12, 0)  # 08:00 EDT
    assert got.astimezone(NY).time() == time(8, 0)


def test_quiet_hours_end_at_eight_local_across_fall_back() -> None:
    evening = datetime(2026, 10, 31, 23, 0, tzinfo=NY)  # EDT
    got = after_quiet_hours(evening, *QUIET, NY)
    assert got == utc(2026, 11, 1, 13, 0)  # 08:00 EST
    assert got.astimezone(NY).time() == time(8, 0)


def test_an_instant_given_in_another_zone_is_judged_in_the_users_zone() -> None:
    # 03:00 UTC on the 23rd is 22:00 on the 22nd in New York: quiet until 08:00 on the 23rd.
    assert after_quiet_hours(utc(2026, 11, 23, 3, 0), *QUIET, NY) == ny(8, 0, day=MON)
