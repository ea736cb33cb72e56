"""The tray's decisions with an injected clock: what is said, when, and what waits."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from desktop.tray.schedule import (
    MAX_TIMER_MS,
    ClockReading,
    QuietHours,
    clock_jump,
    notice_for,
    pause_until_tomorrow,
    plan,
    timer_delay_ms,
)
from tests.helpers.tray_helpers import due_item

NY = ZoneInfo("America/New_York")
QUIET = QuietHours(time(21, 0), time(8, 0), NY)
NOON = datetime(2026, 11, 23, 12, 0, tzinfo=NY)  # a Monday


def test_one_reminder_names_the_person_the_company_and_the_deadline() -> None:
    item = due_item(1, NOON - timedelta(minutes=1), datetime(2026, 11, 24, 11, 0, tzinfo=NY))
    notice = notice_for([item], NOON, NY)
    assert notice.title == "Thank Margaret Hale (Hale & Pierce) — due by 11:00 tomorrow"
    assert notice.body == "Associate at Hale & Pierce · handwritten card"
    late = due_item(2, NOON, NOON - timedelta(hours=3), kind="check_in", contact="Priya Raman")
    assert notice_for([late], NOON, NY).title == (
        "Check in with Priya Raman (Hale & Pierce) — overdue since 09:00 today"
    )


def test_next_wake_is_the_next_reminder_and_the_timer_waits_that_long() -> None:
    nxt = NOON + timedelta(minutes=25)
    decided = plan(NOON, [], nxt, QUIET)
    assert decided.announce == () and decided.wake_at == nxt
    assert timer_delay_ms(NOON, decided.wake_at) == 25 * 60 * 1000
    # A reminder three hours away: the hourly safety check comes first.
    assert timer_delay_ms(NOON, NOON + timedelta(hours=3)) == 3_600_000
    # Nothing scheduled at all: only the safety check.
    assert plan(NOON, [], None, QUIET).wake_at is None
    assert timer_delay_ms(NOON, None) == 3_600_000
    assert timer_delay_ms(NOON, None, safety=None) is None


def test_a_wait_longer_than_one_qtimer_is_done_in_chunks() -> None:
    far = NOON + timedelta(days=40)
    first = timer_delay_ms(NOON, far, safety=None)
    assert first == MAX_TIMER_MS  # about 24.8 days, not an overflowed negative number
    after_chunk = NOON + timedelta(milliseconds=first)
    second = timer_delay_ms(after_chunk, far, safety=None)
    assert second is not None and second < MAX_TIMER_MS
    assert after_chunk + timedelta(milliseconds=second) == far
    # Rounded up, never early: waking before the reminder would find nothing due.
    assert timer_delay_ms(NOON, NOON + timedelta(microseconds=1500), safety=None) == 2


def test_three_missed_reminders_become_one_summary() -> None:
    missed = [
        due_item(1, NOON - timedelta(hours=30), NOON + timedelta(hours=2), contact="Margaret Hale"),
        due_item(2, NOON - timedelta(hours=29), NOON + timedelta(hours=3), contact="Tom Pierce"),
        due_item(3, NOON - timedelta(hours=5), NOON + timedelta(hours=20), contact="Ann Lee"),
    ]
    decided = plan(NOON, missed, None, QUIET)
    assert len(decided.announce) == 3
    notice = notice_for(decided.announce, NOON, NY)
    assert notice.title == "3 thank-you notes are due"
    assert notice.followup_ids == (1, 2, 3)
    assert notice.body.splitlines() == [
        "Thank Margaret Hale (Hale & Pierce) — due by 14:00 today",
        "Thank Tom Pierce (Hale & Pierce) — due by 15:00 today",
        "Thank Ann Lee (Hale & Pierce) — due by 08:00 tomorrow",
    ]
    mixed = [*missed, due_item(4, NOON, None, kind="check_in"), due_item(5, NOON, None)]
    summary = notice_for(mixed, NOON, NY)
    assert summary.title == "5 follow-ups are due"
    assert summary.body.splitlines()[-1] == "and 1 more"


def test_a_reminder_inside_quiet_hours_waits_until_eight() -> None:
    late_evening = datetime(2026, 11, 23, 22, 30, tzinfo=NY)
    item = due_item(1, datetime(2026, 11, 23, 22, 0, tzinfo=NY))
    decided = plan(late_evening, [item], None, QUIET)
    morning = datetime(2026, 11, 24, 8, 0, tzinfo=NY)
    assert decided.announce == ()
    assert decided.wake_at == morning and decided.held_until == morning
    # A reminder due at 23:00 tonight is scheduled for 08:00, not 23:00.
    evening = datetime(2026, 11, 23, 20, 0, tzinfo=NY)
    assert plan(evening, [], datetime(2026, 11, 23, 23, 0, tzinfo=NY), QUIET).wake_at == morning
    # At 08:00 it is said.
    assert plan(morning, [item], None, QUIET).announce == (item,)
    # Quiet hours that do not wrap past midnight (13:00-14:00) hold too.
    lunch = QuietHours(time(13, 0), time(14, 0), NY)
    assert plan(NOON + timedelta(hours=1, minutes=5), [item], None, lunch).wake_at == (
        NOON + timedelta(hours=2)
    )


def test_pause_until_tomorrow_holds_everything_until_the_morning() -> None:
    until = pause_until_tomorrow(NOON, QUIET)
    assert until == datetime(2026, 11, 24, 8, 0, tzinfo=NY)
    item = due_item(1, NOON)
    decided = plan(NOON + timedelta(hours=1), [item], NOON + timedelta(hours=2), QUIET, until)
    assert decided.announce == () and decided.wake_at == until
    assert plan(until, [item], None, QUIET, until).announce == (item,)


def test_snoozed_reminder_is_a_new_reminder_an_hour_later() -> None:
    shown = due_item(1, NOON)
    snoozed = due_item(1, NOON + timedelta(hours=1))  # the same follow-up, a new remind time
    decided = plan(NOON + timedelta(minutes=1), [], snoozed.remind_at, QUIET)
    assert decided.wake_at == NOON + timedelta(hours=1)
    assert plan(NOON + timedelta(hours=1), [snoozed], None, QUIET).announce == (snoozed,)
    assert shown.remind_at != snoozed.remind_at  # so the log keeps both, once each


def test_clock_jumps_forward_and_backward_are_detected() -> None:
    before = ClockReading(NOON, 1000.0)
    steady = ClockReading(NOON + timedelta(hours=1), 1000.0 + 3600.0)
    assert clock_jump(before, steady) is None
    # Asleep for three hours: the monotonic clock counted only the hour awake.
    slept = ClockReading(NOON + timedelta(hours=4), 1000.0 + 3600.0)
    assert clock_jump(before, slept) == timedelta(hours=3)
    # The clock was set back by a day.
    set_back = ClockReading(NOON - timedelta(days=1) + timedelta(minutes=5), 1000.0 + 300.0)
    assert clock_jump(before, set_back) == -timedelta(days=1)
    # A few seconds of drift are not a jump.
    assert clock_jump(before, ClockReading(NOON + timedelta(seconds=65), 1060.0)) is None


def test_after_a_jump_forward_missed_reminders_are_caught_up_in_one_notice() -> None:
    # The machine slept from 12:00 to 18:00; three reminders fell in between.
    woke = NOON + timedelta(hours=6)
    missed = [due_item(n, NOON + timedelta(hours=n)) for n in (1, 2, 3)]
    decided = plan(woke, missed, None, QUIET)
    assert notice_for(decided.announce, woke, NY).title == "3 thank-you notes are due"
    # After waking into quiet hours (23:00) they wait for the morning, still as one.
    night = datetime(2026, 11, 23, 23, 0, tzinfo=NY)
    assert plan(night, missed, None, QUIET).announce == ()
