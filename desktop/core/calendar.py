"""Local days, business days and quiet hours in the user's time zone.

Instants are aware datetimes; a "day" is a calendar date in the user's zone, so the
answers stay right across daylight-saving changes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

_END_OF_DAY = time(23, 59, 59)


def require_aware(moment: datetime, what: str = "time") -> datetime:
    """Refuse naive datetimes: every stored instant has a zone."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} must carry a time zone: {moment.isoformat()}")
    return moment


def at_local(day: date, clock: time, tz: tzinfo) -> datetime:
    """The instant when the wall clock in `tz` shows `clock` on `day`.

    In a spring-forward gap the wall time does not exist; it is read with the offset from
    before the gap, so it lands as far after the gap as it was into it (02:30 in a
    02:00-03:00 gap becomes 03:30). In a fall-back overlap the first occurrence is used
    (fold=0).
    """
    aware = datetime.combine(day, clock).replace(tzinfo=tz)
    # zoneinfo reads a missing wall time with the offset before the gap; the round trip
    # through UTC turns it into the real instant just after the gap.
    return aware.astimezone(UTC).astimezone(tz)


def end_of_day(day: date, tz: tzinfo) -> datetime:
    """The last second of `day` in `tz`: when a date-based deadline falls."""
    return at_local(day, _END_OF_DAY, tz)


def local_date(moment: datetime, tz: tzinfo) -> date:
    """The calendar date in `tz` at `moment`."""
    return require_aware(moment).astimezone(tz).date()


def is_business_day(day: date) -> bool:
    """Monday to Friday."""
    return day.weekday() < 5


def add_business_days(day: date, count: int) -> date:
    """`day` moved forward by `count` business days (Monday to Friday).

    Counting starts from the next day, so Friday + 1 is Monday and Saturday + 1 is Monday.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    current = day
    remaining = count
    while remaining > 0:
        current += timedelta(days=1)
        if is_business_day(current):
            remaining -= 1
    return current


def next_business_day_on_or_after(day: date) -> date:
    current = day
    while not is_business_day(current):
        current += timedelta(days=1)
    return current


def in_quiet_hours(moment: datetime, start: time, end: time, tz: tzinfo) -> bool:
    """Whether the wall clock in `tz` at `moment` falls inside [start, end)."""
    if start == end:
        return False
    clock = require_aware(moment).astimezone(tz).time().replace(tzinfo=None)
    if start < end:
        return start <= clock < end
    return clock >= start or clock < end


def after_quiet_hours(moment: datetime, start: time, end: time, tz: tzinfo) -> datetime:
    """`moment` itself, or, if it falls inside quiet hours, the moment they end."""
    if not in_quiet_hours(moment, start, end, tz):
        return moment
    local = moment.astimezone(tz)
    clock = local.time().replace(tzinfo=None)
    day = local.date()
    # Wrapping quiet hours (21:00-08:00) that began this evening end tomorrow morning.
    if start > end and clock >= start:
        day += timedelta(days=1)
    return at_local(day, end, tz)
