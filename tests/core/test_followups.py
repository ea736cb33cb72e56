# Over 400 lines on purpose: the etiquette's cases as dates, in the order of ARCHITECTURE §1.
"""The follow-up etiquette of ARCHITECTURE §1 (desktop.core.followups), with concrete dates.

"Today" is Sunday 2026-11-22. The user lives in New York unless a test says otherwise.
"""

from __future__ import annotations

import inspect
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.followups import (
    APPLICATION_STATUSES,
    CHECK_IN_KINDS,
    CLOSED_APPLICATION_STATUSES,
    ApplicationFacts,
    Channel,
    ExpectedFollowUp,
    FollowUpFacts,
    InterviewFacts,
    Kind,
    Reconciliation,
    Status,
    apply_reconciliation,
    expected_followups,
    latest_round,
    reconcile,
    urgency,
)
from desktop.core.settings import RuleSettings
from tests.conftest import examples

NY = ZoneInfo("America/New_York")
LON = ZoneInfo("Europe/London")
RULES = RuleSettings()
TODAY = datetime(2026, 11, 22, 12, 0, tzinfo=NY)


def ny(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=NY)


def utc(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=UTC)


# Round one: Wednesday 2026-11-18, 10:00-11:00 New York time.
R1_START = ny(2026, 11, 18, 10)
R1_END = ny(2026, 11, 18, 11)


def interview(
    iid: int = 1,
    start: datetime = R1_START,
    end: datetime | None = R1_END,
    *,
    promised: date | None = None,
    who: tuple[int, ...] = (101,),
    cancelled: bool = False,
) -> InterviewFacts:
    return InterviewFacts(
        id=iid,
        starts_at=start,
        ends_at=end,
        promised_response_by=promised,
        interviewer_ids=who,
        cancelled=cancelled,
    )


def application(
    *interviews: InterviewFacts,
    status: str = "interviewing",
    formality: str = "neutral",
    primary: int | None = None,
    followups: tuple[FollowUpFacts, ...] = (),
    replies: tuple[datetime, ...] = (),
) -> ApplicationFacts:
    return ApplicationFacts(
        id=1,
        status=status,
        formality=formality,
        primary_contact_id=primary,
        interviews=interviews or (interview(),),
        followups=followups,
        replies=replies,
    )


def of_kind(items: list[ExpectedFollowUp], kind: Kind) -> list[ExpectedFollowUp]:
    return [e for e in items if e.kind == kind]


def only(items: list[ExpectedFollowUp], kind: Kind) -> ExpectedFollowUp:
    found = of_kind(items, kind)
    assert len(found) == 1, f"expected one {kind}, got {found}"
    return found[0]


def expect(
    app: ApplicationFacts, rules: RuleSettings = RULES, tz: ZoneInfo = NY
) -> list[ExpectedFollowUp]:
    return expected_followups(app, rules, tz)


def settle(
    app: ApplicationFacts, rules: RuleSettings = RULES, tz: ZoneInfo = NY
) -> ApplicationFacts:
    """Reconcile and store the result, as the storage layer does after every change."""
    return apply_reconciliation(app, reconcile(app, rules, tz))


def stored(
    app: ApplicationFacts, kind: Kind, interview_id: int, contact_id: int | None = None
) -> FollowUpFacts:
    found = [
        fu
        for fu in app.followups
        if fu.kind == kind
        and fu.interview_id == interview_id
        and (contact_id is None or fu.contact_id == contact_id)
    ]
    assert len(found) == 1, f"expected one stored {kind} for interview {interview_id}: {found}"
    return found[0]


def mark(
    app: ApplicationFacts, fu: FollowUpFacts, status: Status, sent_at: datetime | None = None
) -> ApplicationFacts:
    """The user acts on a follow-up: draft, send, skip or cancel it."""
    changed = replace(fu, status=status, sent_at=sent_at)
    return replace(app, followups=tuple(changed if f.id == fu.id else f for f in app.followups))


def statuses(app: ApplicationFacts) -> dict[tuple[Kind, int | None, int | None], Status]:
    return {(f.kind, f.interview_id, f.contact_id): f.status for f in app.followups}


# --- thank-yous: one per interviewer ---------------------------------------------------


def test_each_interviewer_gets_their_own_thank_you() -> None:
    app = application(interview(who=(101, 102, 103)))
    thanks = of_kind(expect(app), Kind.THANK_YOU)
    assert [t.contact_id for t in thanks] == [101, 102, 103]
    assert {t.interview_id for t in thanks} == {1}
    assert len({t.key for t in thanks}) == 3  # never one shared note


def test_a_duplicated_interviewer_gets_one_thank_you() -> None:
    app = application(interview(who=(101, 102, 101, 102)))
    assert [t.contact_id for t in of_kind(expect(app), Kind.THANK_YOU)] == [101, 102]


def test_an_interview_without_recorded_interviewers_has_no_thank_you() -> None:
    app = application(interview(who=()))
    items = expect(app)
    assert of_kind(items, Kind.THANK_YOU) == []
    check_in = only(items, Kind.CHECK_IN)
    assert check_in.contact_id is None  # nobody to address it to yet


def test_thank_you_times_follow_the_end_of_the_interview() -> None:
    thanks = only(expect(application()), Kind.THANK_YOU)
    assert thanks.remind_at == ny(2026, 11, 18, 13)  # end + 2 h
    assert thanks.due_at == ny(2026, 11, 19, 11)  # end + 24 h
    assert thanks.late_at == ny(2026, 11, 20, 11)  # end + 48 h


def test_thank_you_timing_settings_are_used() -> None:
    rules = RuleSettings(
        thank_you_remind_hours=1.5, thank_you_due_hours=12, thank_you_late_hours=30
    )
    thanks = only(expect(application(), rules), Kind.THANK_YOU)
    assert thanks.remind_at == ny(2026, 11, 18, 12, 30)
    assert thanks.due_at == ny(2026, 11, 18, 23)
    assert thanks.late_at == ny(2026, 11, 19, 17)


@pytest.mark.parametrize(
    ("formality", "card_for_formal", "channel"),
    [
        ("formal", True, Channel.CARD),
        ("formal", False, Channel.EMAIL),
        ("neutral", True, Channel.EMAIL),
        ("casual", True, Channel.EMAIL),
    ],
)
def test_thank_you_channel_follows_the_companys_formality(
    formality: str, card_for_formal: bool, channel: Channel
) -> None:
    rules = RuleSettings(card_for_formal=card_for_formal)
    items = expect(application(interview(who=(101, 102)), formality=formality), rules)
    assert [t.channel for t in of_kind(items, Kind.THANK_YOU)] == [channel, channel]


def test_check_ins_go_by_email_even_to_a_formal_company() -> None:
    items = expect(application(formality="formal"))
    assert only(items, Kind.THANK_YOU).channel == Channel.CARD
    assert only(items, Kind.CHECK_IN).channel == Channel.EMAIL


# --- interviews without an end ---------------------------------------------------------


def test_an_interview_without_an_end_is_assumed_to_last_an_hour() -> None:
    app = application(interview(end=None))
    thanks = only(expect(app), Kind.THANK_YOU)
    assert thanks.remind_at == ny(2026, 11, 18, 13)
    assert thanks.due_at == ny(2026, 11, 19, 11)
    assert thanks.late_at == ny(2026, 11, 20, 11)


def test_the_default_interview_length_is_a_setting() -> None:
    rules = RuleSettings(default_interview_minutes=90)
    thanks = only(expect(application(interview(end=None)), rules), Kind.THANK_YOU)
    assert thanks.remind_at == ny(2026, 11, 18, 13, 30)
    assert thanks.due_at == ny(2026, 11, 19, 11, 30)
    assert thanks.late_at == ny(2026, 11, 20, 11, 30)


def test_a_long_default_length_can_move_the_check_in_day() -> None:
    # Starts 20:00 Friday; assumed to last 5 h, it ends 01:00 Saturday: the check-in counts
    # seven days from Saturday, which is a Saturday, so it moves to Monday.
    start = ny(2026, 11, 20, 20)
    short = only(expect(application(interview(start=start, end=None))), Kind.CHECK_IN)
    long_rules = RuleSettings(default_interview_minutes=300)
    long = only(expect(application(interview(start=start, end=None)), long_rules), Kind.CHECK_IN)
    assert short.due_at == ny(2026, 11, 27, 23, 59, 59)
    assert long.due_at == ny(2026, 11, 30, 23, 59, 59)


# --- quiet hours -----------------------------------------------------------------------


def test_a_thank_you_reminder_inside_quiet_hours_waits_until_eight() -> None:
    app = application(interview(start=ny(2026, 11, 18, 18, 30), end=ny(2026, 11, 18, 19, 30)))
    thanks = only(expect(app), Kind.THANK_YOU)
    assert thanks.remind_at == ny(2026, 11, 19, 8, 0)  # 21:30 is quiet
    assert thanks.due_at == ny(2026, 11, 19, 19, 30)  # deadlines are not moved
    assert thanks.late_at == ny(2026, 11, 20, 19, 30)


def test_a_reminder_just_before_quiet_hours_is_kept() -> None:
    app = application(interview(start=ny(2026, 11, 18, 18), end=ny(2026, 11, 18, 18, 59)))
    assert only(expect(app), Kind.THANK_YOU).remind_at == ny(2026, 11, 18, 20, 59)


def test_an_early_morning_reminder_waits_until_eight_the_same_day() -> None:
    app = application(interview(start=ny(2026, 11, 18, 5), end=ny(2026, 11, 18, 5, 30)))
    assert only(expect(app), Kind.THANK_YOU).remind_at == ny(2026, 11, 18, 8, 0)


def test_quiet_hours_that_do_not_wrap_midnight() -> None:
    lunch = RuleSettings(quiet_start=time(12, 0), quiet_end=time(13, 0))
    morning = application(interview(start=ny(2026, 11, 18, 9), end=ny(2026, 11, 18, 10, 30)))
    assert only(expect(morning, lunch), Kind.THANK_YOU).remind_at == ny(2026, 11, 18, 13, 0)
    evening = application(interview(start=ny(2026, 11, 18, 18), end=ny(2026, 11, 18, 19, 30)))
    # With lunchtime quiet hours, 21:30 is allowed.
    assert only(expect(evening, lunch), Kind.THANK_YOU).remind_at == ny(2026, 11, 18, 21, 30)


def test_a_morning_reminder_inside_quiet_hours_waits_for_their_end() -> None:
    late_riser = RuleSettings(quiet_end=time(10, 0))
    check_in = only(expect(application(), late_riser), Kind.CHECK_IN)
    assert check_in.remind_at == ny(2026, 11, 25, 10, 0)
    assert check_in.due_at == ny(2026, 11, 25, 23, 59, 59)


def test_the_morning_reminder_time_is_a_setting() -> None:
    rules = RuleSettings(morning_reminder=time(10, 30))
    assert only(expect(application(), rules), Kind.CHECK_IN).remind_at == ny(2026, 11, 25, 10, 30)


# --- the first check-in ----------------------------------------------------------------


def test_without_a_promise_the_check_in_is_a_week_after_the_interview() -> None:
    check_in = only(expect(application()), Kind.CHECK_IN)
    assert check_in.interview_id == 1
    assert check_in.contact_id == 101
    assert check_in.channel == Channel.EMAIL
    assert check_in.remind_at == ny(2026, 11, 25, 9, 0)  # Wednesday + 7 days, 09:00
    assert check_in.due_at == ny(2026, 11, 25, 23, 59, 59)  # end of that local day
    assert check_in.late_at is None


@pytest.mark.parametrize(
    ("promised", "check_in_day"),
    [
        (date(2026, 11, 20), date(2026, 11, 24)),  # promised Friday -> Tuesday
        (date(2026, 11, 25), date(2026, 11, 27)),  # Wednesday -> Friday
        (date(2026, 11, 26), date(2026, 11, 30)),  # Thursday -> Monday
        (date(2026, 11, 21), date(2026, 11, 24)),  # a Saturday -> Tuesday
        (date(2026, 11, 18), date(2026, 11, 20)),  # the interview day itself -> Friday
    ],
)
def test_with_a_promise_the_check_in_is_two_business_days_later(
    promised: date, check_in_day: date
) -> None:
    check_in = only(expect(application(interview(promised=promised))), Kind.CHECK_IN)
    d = check_in_day
    assert check_in.remind_at == ny(d.year, d.month, d.day, 9, 0)
    assert check_in.due_at == ny(d.year, d.month, d.day, 23, 59, 59)


def test_the_business_days_after_a_promise_are_a_setting() -> None:
    rules = RuleSettings(check_in_business_days_after_promise=0)
    app = application(interview(promised=date(2026, 11, 20)))
    assert only(expect(app, rules), Kind.CHECK_IN).due_at == ny(2026, 11, 20, 23, 59, 59)


def test_the_days_without_a_promise_are_a_setting() -> None:
    rules = RuleSettings(check_in_days_without_promise=14)
    assert only(expect(application(), rules), Kind.CHECK_IN).due_at == ny(2026, 12, 2, 23, 59, 59)


@pytest.mark.parametrize(
    ("promised", "check_in_day"),
    [
        (date(2026, 11, 2), date(2026, 11, 19)),  # long past: next business day after
        (date(2026, 11, 16), date(2026, 11, 19)),  # +2 = Wed 18th, the interview day itself
        (date(2026, 11, 17), date(2026, 11, 19)),  # +2 = Thu 19th, no clamp needed
    ],
)
def test_a_promise_before_the_interview_never_puts_the_check_in_before_the_next_business_day(
    promised: date, check_in_day: date
) -> None:
    check_in = only(expect(application(interview(promised=promised))), Kind.CHECK_IN)
    d = check_in_day
    assert check_in.remind_at == ny(d.year, d.month, d.day, 9, 0)
    assert check_in.due_at == ny(d.year, d.month, d.day, 23, 59, 59)


def test_a_promise_before_a_friday_interview_clamps_to_monday() -> None:
    app = application(
        interview(start=ny(2026, 11, 20, 15), end=ny(2026, 11, 20, 16), promised=date(2026, 11, 1))
    )
    assert only(expect(app), Kind.CHECK_IN).due_at == ny(2026, 11, 23, 23, 59, 59)


def test_a_promised_date_long_past_gives_an_overdue_check_in_not_none() -> None:
    # Interview Tuesday 10 Nov, answer promised Friday 13 Nov: check in Tuesday 17 Nov.
    app = application(
        interview(start=ny(2026, 11, 10, 10), end=ny(2026, 11, 10, 11), promised=date(2026, 11, 13))
    )
    check_in = only(expect(app), Kind.CHECK_IN)
    assert check_in.due_at == ny(2026, 11, 17, 23, 59, 59)
    now = urgency(check_in.remind_at, check_in.due_at, check_in.late_at, TODAY)
    assert now.reminded and now.overdue and not now.late


@pytest.mark.parametrize(
    ("day", "check_in_day"),
    [
        (date(2026, 11, 21), date(2026, 11, 30)),  # Saturday interview: Sat 28 -> Mon 30
        (date(2026, 11, 22), date(2026, 11, 30)),  # Sunday interview: Sun 29 -> Mon 30
    ],
)
def test_a_check_in_falling_on_a_weekend_moves_to_monday(day: date, check_in_day: date) -> None:
    start = ny(day.year, day.month, day.day, 10)
    app = application(interview(start=start, end=start + timedelta(hours=1)))
    check_in = only(expect(app), Kind.CHECK_IN)
    d = check_in_day
    assert check_in.remind_at == ny(d.year, d.month, d.day, 9, 0)
    assert check_in.due_at == ny(d.year, d.month, d.day, 23, 59, 59)


def test_a_weekend_thank_you_deadline_is_not_moved() -> None:
    # Only date-based deadlines move to Monday; a Friday interview's thank-you is due Saturday.
    app = application(interview(start=ny(2026, 11, 20, 14), end=ny(2026, 11, 20, 15)))
    thanks = only(expect(app), Kind.THANK_YOU)
    assert thanks.due_at == ny(2026, 11, 21, 15)
    assert thanks.late_at == ny(2026, 11, 22, 15)


def test_the_check_in_day_is_the_users_local_day() -> None:
    # Ends 23:30 Wednesday in New York = 04:30 Thursday in London.
    app = application(interview(start=ny(2026, 11, 18, 22, 30), end=ny(2026, 11, 18, 23, 30)))
    in_ny = only(expect(app, tz=NY), Kind.CHECK_IN)
    in_london = only(expect(app, tz=LON), Kind.CHECK_IN)
    assert in_ny.due_at == ny(2026, 11, 25, 23, 59, 59)
    assert in_london.remind_at == datetime(2026, 11, 26, 9, 0, tzinfo=LON)
    assert in_london.due_at == datetime(2026, 11, 26, 23, 59, 59, tzinfo=LON)


# --- daylight-saving changes -----------------------------------------------------------


def test_thank_you_just_before_the_fall_back_counts_elapsed_hours() -> None:
    # Saturday 2026-10-31 14:00-15:00 EDT; clocks go back at 02:00 on Sunday 1 November.
    app = application(interview(start=ny(2026, 10, 31, 14), end=ny(2026, 10, 31, 15)))
    thanks = only(expect(app), Kind.THANK_YOU)
    assert thanks.remind_at == utc(2026, 10, 31, 21, 0)  # 17:00 EDT
    assert thanks.due_at == utc(2026, 11, 1, 19, 0)  # 24 h later: 14:00 EST
    assert thanks.late_at == utc(2026, 11, 2, 19, 0)


def test_the_same_interview_in_utc_or_local_time_gives_the_same_deadlines() -> None:
    local = application(interview(start=ny(2026, 10, 31, 14), end=ny(2026, 10, 31, 15)))
    in_utc = application(interview(start=utc(2026, 10, 31, 18), end=utc(2026, 10, 31, 19)))
    assert expect(local) == expect(in_utc)


def test_late_evening_interview_before_fall_back() -> None:
    # Ends 23:30 EDT on Saturday 31 October; the reminder (01:30) is quiet -> 08:00 EST.
    app = application(interview(start=ny(2026, 10, 31, 22), end=ny(2026, 10, 31, 23, 30)))
    thanks = only(expect(app), Kind.THANK_YOU)
    assert thanks.remind_at == utc(2026, 11, 1, 13, 0)
    assert thanks.remind_at.astimezone(NY).time() == time(8, 0)
    assert thanks.due_at == utc(2026, 11, 2, 3, 30)  # 22:30 EST, 24 elapsed hours


def test_check_in_after_the_fall_back_keeps_nine_and_end_of_day_local() -> None:
    # Friday 30 October (EDT), no promise: Friday 6 November (EST).
    app = application(interview(start=ny(2026, 10, 30, 10), end=ny(2026, 10, 30, 11)))
    check_in = only(expect(app), Kind.CHECK_IN)
    assert check_in.remind_at == utc(2026, 11, 6, 14, 0)
    assert check_in.due_at == utc(2026, 11, 7, 4, 59, 59)
    assert check_in.remind_at.astimezone(NY).time() == time(9, 0)
    assert check_in.due_at.astimezone(NY).time() == time(23, 59, 59)


def test_promised_check_in_across_the_fall_back() -> None:
    app = application(
        interview(start=ny(2026, 10, 30, 10), end=ny(2026, 10, 30, 11), promised=date(2026, 10, 30))
    )
    check_in = only(expect(app), Kind.CHECK_IN)
    assert check_in.remind_at == utc(2026, 11, 3, 14, 0)  # Tuesday 09:00 EST
    assert check_in.due_at == utc(2026, 11, 4, 4, 59, 59)


def test_check_in_after_the_spring_forward_keeps_nine_and_end_of_day_local() -> None:
    # Friday 6 March (EST); clocks go forward on Sunday 8 March.
    app = application(interview(start=ny(2026, 3, 6, 10), end=ny(2026, 3, 6, 11)))
    check_in = only(expect(app), Kind.CHECK_IN)
    assert check_in.remind_at == utc(2026, 3, 13, 13, 0)  # 09:00 EDT
    assert check_in.due_at == utc(2026, 3, 14, 3, 59, 59)  # 23:59:59 EDT
    promised = application(
        interview(start=ny(2026, 3, 6, 10), end=ny(2026, 3, 6, 11), promised=date(2026, 3, 6))
    )
    check_in = only(expect(promised), Kind.CHECK_IN)
    assert check_in.remind_at == utc(2026, 3, 10, 13, 0)  # Tuesday 09:00 EDT
    assert check_in.due_at == utc(2026, 3, 11, 3, 59, 59)


def test_thank_you_across_the_spring_forward() -> None:
    # Saturday 7 March, ends 19:30 EST: reminder 21:30 is quiet -> Sunday 08:00 EDT.
    app = application(interview(start=ny(2026, 3, 7, 18), end=ny(2026, 3, 7, 19, 30)))
    thanks = only(expect(app), Kind.THANK_YOU)
    assert thanks.remind_at == utc(2026, 3, 8, 12, 0)
    assert thanks.remind_at.astimezone(NY).time() == time(8, 0)
    assert thanks.due_at == utc(2026, 3, 9, 0, 30)  # 24 elapsed hours: 20:30 EDT


def test_london_check_in_across_the_end_of_summer_time() -> None:
    # Friday 23 October 10:00-11:00 BST; British summer time ends on Sunday 25 October.
    start = datetime(2026, 10, 23, 10, tzinfo=LON)
    app = application(interview(start=start, end=start + timedelta(hours=1)))
    check_in = only(expect(app, tz=LON), Kind.CHECK_IN)
    assert check_in.remind_at == utc(2026, 10, 30, 9, 0)  # 09:00 GMT
    assert check_in.due_at == utc(2026, 10, 30, 23, 59, 59)
    thanks = only(expect(app, tz=LON), Kind.THANK_YOU)
    assert thanks.remind_at == utc(2026, 10, 23, 12, 0)  # 13:00 BST


# --- the second check-in and moving on -------------------------------------------------


def _with_first_check_in(
    status: Status, sent_at: datetime | None = None, app: ApplicationFacts | None = None
) -> ApplicationFacts:
    app = settle(app or application())
    return settle(mark(app, stored(app, Kind.CHECK_IN, 1), status, sent_at))


@pytest.mark.parametrize("status", [Status.PENDING, Status.DRAFTED, Status.SKIPPED])
def test_no_second_check_in_until_the_first_was_sent(status: Status) -> None:
    app = _with_first_check_in(status)
    items = expect(app)
    assert of_kind(items, Kind.SECOND_CHECK_IN) == []
    assert of_kind(items, Kind.MOVE_ON) == []


def test_the_second_check_in_is_three_days_after_the_first_was_sent() -> None:
    # The first was due Wednesday 25th but sent early, Tuesday 24th.
    app = _with_first_check_in(Status.SENT, ny(2026, 11, 24, 15, 0))
    second = only(expect(app), Kind.SECOND_CHECK_IN)
    assert second.interview_id == 1
    assert second.contact_id == 101
    assert second.channel == Channel.EMAIL
    assert second.remind_at == ny(2026, 11, 27, 9, 0)
    assert second.due_at == ny(2026, 11, 27, 23, 59, 59)
    assert of_kind(expect(app), Kind.MOVE_ON) == []
    # ...and reconcile stored it.
    assert stored(app, Kind.SECOND_CHECK_IN, 1).status == Status.PENDING


def test_the_second_check_in_counts_from_the_local_day_it_was_sent() -> None:
    # Sent 23:30 Tuesday in New York (04:30 Wednesday UTC): Friday, not Saturday -> Monday.
    app = _with_first_check_in(Status.SENT, utc(2026, 11, 25, 4, 30))
    assert only(expect(app), Kind.SECOND_CHECK_IN).due_at == ny(2026, 11, 27, 23, 59, 59)


def test_a_second_check_in_on_a_weekend_moves_to_monday() -> None:
    app = _with_first_check_in(Status.SENT, ny(2026, 11, 26, 10))  # Thursday + 3 = Sunday
    second = only(expect(app), Kind.SECOND_CHECK_IN)
    assert second.remind_at == ny(2026, 11, 30, 9, 0)
    assert second.due_at == ny(2026, 11, 30, 23, 59, 59)


def test_move_on_comes_seven_days_after_the_second_was_sent() -> None:
    app = _with_first_check_in(Status.SENT, ny(2026, 11, 24, 15))
    app = settle(mark(app, stored(app, Kind.SECOND_CHECK_IN, 1), Status.SENT, ny(2026, 11, 30, 10)))
    move_on = only(expect(app), Kind.MOVE_ON)
    assert move_on.interview_id == 1
    assert move_on.contact_id is None
    assert move_on.channel is None
    assert move_on.remind_at == ny(2026, 12, 7, 9, 0)
    assert move_on.due_at == ny(2026, 12, 7, 23, 59, 59)
    assert stored(app, Kind.MOVE_ON, 1).status == Status.PENDING


def test_move_on_comes_seven_days_after_the_first_when_the_second_was_skipped() -> None:
    app = _with_first_check_in(Status.SENT, ny(2026, 11, 24, 15))
    app = settle(mark(app, stored(app, Kind.SECOND_CHECK_IN, 1), Status.SKIPPED))
    move_on = only(expect(app), Kind.MOVE_ON)
    assert move_on.remind_at == ny(2026, 12, 1, 9, 0)
    assert move_on.due_at == ny(2026, 12, 1, 23, 59, 59)


@pytest.mark.parametrize("status", [Status.PENDING, Status.DRAFTED])
def test_no_move_on_while_the_second_check_in_is_open(status: Status) -> None:
    app = _with_first_check_in(Status.SENT, ny(2026, 11, 24, 15))
    app = settle(mark(app, stored(app, Kind.SECOND_CHECK_IN, 1), status))
    assert of_kind(expect(app), Kind.MOVE_ON) == []


def test_move_on_on_a_weekend_moves_to_monday() -> None:
    app = _with_first_check_in(Status.SENT, ny(2026, 11, 24, 15))
    app = settle(mark(app, stored(app, Kind.SECOND_CHECK_IN, 1), Status.SENT, ny(2026, 11, 29, 10)))
    assert only(expect(app), Kind.MOVE_ON).due_at == ny(2026, 12, 7, 23, 59, 59)  # Sun 6 -> Mon 7


def test_chain_day_settings_are_used() -> None:
    rules = RuleSettings(second_check_in_days=5, move_on_days=10)
    app = _with_first_check_in(Status.SENT, ny(2026, 11, 24, 15))
    app = settle(app, rules)
    assert only(expect(app, rules), Kind.SECOND_CHECK_IN).due_at == ny(2026, 11, 30, 23, 59, 59)
    app = settle(
        mark(app, stored(app, Kind.SECOND_CHECK_IN, 1), Status.SENT, ny(2026, 11, 30, 10)), rules
    )
    assert only(expect(app, rules), Kind.MOVE_ON).due_at == ny(2026, 12, 10, 23, 59, 59)


# --- replies ---------------------------------------------------------------------------


def test_a_reply_after_the_round_began_ends_the_check_in_chain() -> None:
    app = application(interview(who=(101, 102)), replies=(ny(2026, 11, 19, 9, 30),))
    items = expect(app)
    assert [e.kind for e in items] == [Kind.THANK_YOU, Kind.THANK_YOU]


def test_a_reply_before_the_round_does_not_end_the_chain() -> None:
    invitation = ny(2026, 11, 10, 16)
    app = application(replies=(invitation,))
    assert only(expect(app), Kind.CHECK_IN).due_at == ny(2026, 11, 25, 23, 59, 59)


def test_replies_are_compared_as_instants_whatever_their_zone() -> None:
    # The round starts 10:00 New York = 15:00 UTC.
    before = application(replies=(utc(2026, 11, 18, 14, 30),))
    after = application(replies=(utc(2026, 11, 18, 15, 30),))
    assert of_kind(expect(before), Kind.CHECK_IN) != []
    assert of_kind(expect(after), Kind.CHECK_IN) == []


def test_a_reply_ends_the_chain_at_every_stage() -> None:
    app = _with_first_check_in(Status.SENT, ny(2026, 11, 24, 15))
    app = settle(mark(app, stored(app, Kind.SECOND_CHECK_IN, 1), Status.SKIPPED))
    open_move_on = stored(app, Kind.MOVE_ON, 1)
    assert open_move_on.status == Status.PENDING
    replied = replace(app, replies=(ny(2026, 12, 1, 8, 0),))
    plan = reconcile(replied, RULES, NY)
    assert plan.cancel == (open_move_on.id,)
    assert plan.create == () and plan.update == ()


def test_reconcile_after_a_reply_cancels_open_check_ins_only() -> None:
    app = settle(application(interview(who=(101, 102))))
    thanks_sent = stored(app, Kind.THANK_YOU, 1, 101)
    thanks_open = stored(app, Kind.THANK_YOU, 1, 102)
    app = mark(app, thanks_sent, Status.SENT, ny(2026, 11, 18, 16))
    check_in = stored(app, Kind.CHECK_IN, 1)
    app = mark(app, check_in, Status.DRAFTED)
    plan = reconcile(replace(app, replies=(ny(2026, 11, 24, 9, 30),)), RULES, NY)
    assert plan.cancel == (check_in.id,)  # a drafted check-in is cancelled
    assert thanks_open.id not in plan.cancel  # a reply never cancels a thank-you
    assert plan.create == () and plan.update == ()


def test_a_reply_leaves_sent_and_skipped_check_ins_alone() -> None:
    app = _with_first_check_in(Status.SENT, ny(2026, 11, 24, 15))
    app = settle(mark(app, stored(app, Kind.SECOND_CHECK_IN, 1), Status.SKIPPED))
    replied = settle(replace(app, replies=(ny(2026, 12, 1, 8),)))
    assert stored(replied, Kind.CHECK_IN, 1).status == Status.SENT
    assert stored(replied, Kind.SECOND_CHECK_IN, 1).status == Status.SKIPPED
    assert stored(replied, Kind.MOVE_ON, 1).status == Status.CANCELLED
    assert stored(replied, Kind.THANK_YOU, 1).status == Status.PENDING


# --- a second round --------------------------------------------------------------------

# Round two: Wednesday 2 December, 14:00-15:00, with two new interviewers.
R2 = interview(2, ny(2026, 12, 2, 14), ny(2026, 12, 2, 15), who=(201, 202))


def test_the_check_in_follows_the_latest_round_and_both_rounds_keep_thank_yous() -> None:
    items = expect(application(interview(), R2))
    assert [(t.interview_id, t.contact_id) for t in of_kind(items, Kind.THANK_YOU)] == [
        (1, 101),
        (2, 201),
        (2, 202),
    ]
    check_in = only(items, Kind.CHECK_IN)
    assert check_in.interview_id == 2
    assert check_in.contact_id == 201  # first interviewer of the latest round
    assert check_in.due_at == ny(2026, 12, 9, 23, 59, 59)


def test_the_latest_round_is_the_last_to_end_not_the_last_entered() -> None:
    late_round = interview(1, ny(2026, 12, 2, 14), ny(2026, 12, 2, 15), who=(201,))
    early_round = interview(7, R1_START, R1_END, who=(101,))
    app = application(late_round, early_round)
    assert latest_round(app.interviews, RULES) == late_round
    assert only(expect(app), Kind.CHECK_IN).interview_id == 1
    # Thank-yous come in the order the interviews ended.
    assert [t.interview_id for t in of_kind(expect(app), Kind.THANK_YOU)] == [7, 1]


def test_rounds_ending_together_are_ordered_by_id() -> None:
    a = interview(3, who=(301,))
    b = interview(2, who=(201,))
    assert latest_round((a, b), RULES) == a


def test_latest_round_ignores_cancelled_interviews_and_may_be_none() -> None:
    cancelled_r2 = replace(R2, cancelled=True)
    assert latest_round((interview(), cancelled_r2), RULES) == interview()
    assert latest_round((cancelled_r2,), RULES) is None
    assert latest_round((), RULES) is None


def test_a_new_round_moves_the_pending_check_in_to_it() -> None:
    app = settle(application())
    old_check_in = stored(app, Kind.CHECK_IN, 1)
    old_thanks = stored(app, Kind.THANK_YOU, 1)
    app = mark(app, old_thanks, Status.SENT, ny(2026, 11, 18, 14))
    # The invitation to round two arrived before it: it must not end the new chain.
    two_rounds = replace(app, interviews=(interview(), R2), replies=(ny(2026, 11, 24, 11),))
    plan = reconcile(two_rounds, RULES, NY)
    assert plan.cancel == (old_check_in.id,)
    assert plan.update == ()
    assert [(e.kind, e.interview_id, e.contact_id) for e in plan.create] == [
        (Kind.THANK_YOU, 2, 201),
        (Kind.THANK_YOU, 2, 202),
        (Kind.CHECK_IN, 2, 201),
    ]
    after = apply_reconciliation(two_rounds, plan)
    assert stored(after, Kind.THANK_YOU, 1).status == Status.SENT
    assert stored(after, Kind.CHECK_IN, 1).status == Status.CANCELLED
    assert stored(after, Kind.CHECK_IN, 2).status == Status.PENDING
    assert stored(after, Kind.CHECK_IN, 2).due_at == ny(2026, 12, 9, 23, 59, 59)
    assert reconcile(after, RULES, NY).empty


def test_an_older_rounds_open_pending_thank_you_survives_a_new_round() -> None:
    app = settle(application())
    after = settle(replace(app, interviews=(interview(), R2)))
    assert stored(after, Kind.THANK_YOU, 1).status == Status.PENDING


def test_a_new_round_cancels_the_old_rounds_open_second_check_in() -> None:
    app = _with_first_check_in(Status.SENT, ny(2026, 11, 24, 15))
    second = stored(app, Kind.SECOND_CHECK_IN, 1)
    after = settle(replace(app, interviews=(interview(), R2)))
    assert stored(after, Kind.SECOND_CHECK_IN, 1).id == second.id
    assert stored(after, Kind.SECOND_CHECK_IN, 1).status == Status.CANCELLED
    assert stored(after, Kind.CHECK_IN, 1).status == Status.SENT  # the record of what was sent
    assert stored(after, Kind.CHECK_IN, 2).status == Status.PENDING
    assert [e.kind for e in expect(after) if e.kind in CHECK_IN_KINDS] == [Kind.CHECK_IN]


def test_cancelling_the_new_round_brings_the_old_check_in_back() -> None:
    app = settle(application())
    old_check_in = stored(app, Kind.CHECK_IN, 1)
    two = settle(replace(app, interviews=(interview(), R2)))
    back = replace(two, interviews=(interview(), replace(R2, cancelled=True)))
    plan = reconcile(back, RULES, NY)
    assert [(u.followup_id, u.reopen) for u in plan.update] == [(old_check_in.id, True)]
    cancelled_r2 = {fu.id for fu in two.followups if fu.interview_id == 2}
    assert set(plan.cancel) == cancelled_r2
    after = apply_reconciliation(back, plan)
    assert stored(after, Kind.CHECK_IN, 1).status == Status.PENDING
    assert stored(after, Kind.CHECK_IN, 1).due_at == ny(2026, 11, 25, 23, 59, 59)


# --- cancelled interviews and closed applications --------------------------------------


def test_a_cancelled_interview_gets_no_follow_ups() -> None:
    assert expect(application(interview(cancelled=True))) == []


def test_cancelling_an_interview_cancels_its_open_follow_ups_but_not_sent_ones() -> None:
    app = settle(application(interview(who=(101, 102))))
    sent = stored(app, Kind.THANK_YOU, 1, 101)
    app = mark(app, sent, Status.SENT, ny(2026, 11, 18, 15))
    pending = stored(app, Kind.THANK_YOU, 1, 102)
    check_in = stored(app, Kind.CHECK_IN, 1)
    plan = reconcile(
        replace(app, interviews=(interview(who=(101, 102), cancelled=True),)), RULES, NY
    )
    assert set(plan.cancel) == {pending.id, check_in.id}
    assert sent.id not in plan.cancel
    assert plan.create == () and plan.update == ()


def test_un_cancelling_an_interview_reopens_its_follow_ups() -> None:
    app = settle(application())
    gone = settle(replace(app, interviews=(interview(cancelled=True),)))
    assert {fu.status for fu in gone.followups} == {Status.CANCELLED}
    back = settle(replace(gone, interviews=(interview(),)))
    assert {fu.status for fu in back.followups} == {Status.PENDING}
    assert {fu.id for fu in back.followups} == {fu.id for fu in app.followups}  # same rows


@pytest.mark.parametrize("status", sorted(CLOSED_APPLICATION_STATUSES))
def test_a_closed_application_has_no_check_in_chain(status: str) -> None:
    items = expect(application(status=status))
    assert [e.kind for e in items] == [Kind.THANK_YOU]


def test_the_closed_statuses_are_exactly_these() -> None:
    assert {"offer", "rejected", "withdrawn", "no_response", "accepted"} == set(
        CLOSED_APPLICATION_STATUSES
    )


@pytest.mark.parametrize(
    "status", [s for s in APPLICATION_STATUSES if s not in CLOSED_APPLICATION_STATUSES]
)
def test_an_open_application_has_a_check_in(status: str) -> None:
    assert only(expect(application(status=status)), Kind.CHECK_IN).interview_id == 1


def test_closing_an_application_cancels_its_pending_check_in() -> None:
    app = settle(application())
    check_in = stored(app, Kind.CHECK_IN, 1)
    plan = reconcile(replace(app, status="rejected"), RULES, NY)
    assert plan.cancel == (check_in.id,)


# --- the check-in's recipient ----------------------------------------------------------


def test_the_primary_contact_receives_the_check_ins() -> None:
    app = application(interview(), R2, primary=900)
    assert only(expect(app), Kind.CHECK_IN).contact_id == 900


def test_without_a_primary_contact_the_first_interviewer_of_the_latest_round() -> None:
    app = application(interview(who=(101,)), replace(R2, interviewer_ids=(202, 201)))
    assert only(expect(app), Kind.CHECK_IN).contact_id == 202


def test_changing_the_primary_contact_readdresses_open_check_ins_not_thank_yous() -> None:
    app = settle(application())
    check_in = stored(app, Kind.CHECK_IN, 1)
    plan = reconcile(replace(app, primary_contact_id=900), RULES, NY)
    assert [(u.followup_id, u.reopen, u.expected.contact_id) for u in plan.update] == [
        (check_in.id, False, 900)
    ]
    after = apply_reconciliation(replace(app, primary_contact_id=900), plan)
    assert stored(after, Kind.CHECK_IN, 1).contact_id == 900
    assert stored(after, Kind.THANK_YOU, 1).contact_id == 101


# --- reconcile -------------------------------------------------------------------------


def test_a_fresh_application_gets_every_expected_follow_up_created() -> None:
    app = application(interview(who=(101, 102)))
    plan = reconcile(app, RULES, NY)
    assert list(plan.create) == expect(app)
    assert plan.update == () and plan.cancel == ()
    after = apply_reconciliation(app, plan)
    assert sorted(fu.id for fu in after.followups) == [-3, -2, -1]
    assert {fu.status for fu in after.followups} == {Status.PENDING}
    thanks = stored(after, Kind.THANK_YOU, 1, 102)
    assert (thanks.channel, thanks.remind_at, thanks.due_at, thanks.late_at) == (
        Channel.EMAIL,
        ny(2026, 11, 18, 13),
        ny(2026, 11, 19, 11),
        ny(2026, 11, 20, 11),
    )


def test_reconcile_of_a_settled_application_is_empty() -> None:
    app = settle(application(interview(who=(101, 102)), R2, formality="formal"))
    assert reconcile(app, RULES, NY) == Reconciliation()
    assert reconcile(app, RULES, NY).empty


def test_applying_plans_one_after_another_never_reuses_an_id() -> None:
    app = settle(application())
    app = settle(replace(app, interviews=(interview(), R2)))
    ids = [fu.id for fu in app.followups]
    assert len(ids) == len(set(ids)) == 5  # 2 thank-yous (one per round), 3 new rows in round 2
    assert len([fu for fu in app.followups if fu.kind == Kind.CHECK_IN]) == 2


def test_a_rescheduled_interview_moves_its_open_follow_ups() -> None:
    app = settle(application(interview(who=(101, 102))))
    drafted = stored(app, Kind.THANK_YOU, 1, 102)
    app = mark(app, drafted, Status.DRAFTED)
    moved = replace(
        app,
        interviews=(
            interview(start=ny(2026, 11, 19, 10), end=ny(2026, 11, 19, 11), who=(101, 102)),
        ),
    )
    plan = reconcile(moved, RULES, NY)
    assert plan.create == () and plan.cancel == ()
    assert all(not u.reopen for u in plan.update)
    assert len(plan.update) == 3
    after = apply_reconciliation(moved, plan)
    for contact in (101, 102):
        thanks = stored(after, Kind.THANK_YOU, 1, contact)
        assert (thanks.remind_at, thanks.due_at, thanks.late_at) == (
            ny(2026, 11, 19, 13),
            ny(2026, 11, 20, 11),
            ny(2026, 11, 21, 11),
        )
    assert stored(after, Kind.THANK_YOU, 1, 102).status == Status.DRAFTED  # status kept
    assert stored(after, Kind.CHECK_IN, 1).due_at == ny(2026, 11, 26, 23, 59, 59)


@pytest.mark.parametrize("status", [Status.SENT, Status.SKIPPED])
def test_a_rescheduled_interview_leaves_sent_and_skipped_thank_yous_alone(status: Status) -> None:
    app = settle(application())
    thanks = stored(app, Kind.THANK_YOU, 1)
    app = mark(app, thanks, status, ny(2026, 11, 18, 12) if status == Status.SENT else None)
    moved = replace(
        app, interviews=(interview(start=ny(2026, 11, 19, 10), end=ny(2026, 11, 19, 11)),)
    )
    plan = reconcile(moved, RULES, NY)
    assert thanks.id not in [u.followup_id for u in plan.update]
    assert thanks.id not in plan.cancel
    assert [e.kind for e in plan.create] == []


def test_removing_an_interviewer_cancels_only_their_open_thank_you() -> None:
    app = settle(application(interview(who=(101, 102))))
    theirs = stored(app, Kind.THANK_YOU, 1, 102)
    plan = reconcile(replace(app, interviews=(interview(who=(101,)),)), RULES, NY)
    assert plan.cancel == (theirs.id,)
    assert plan.create == () and plan.update == ()


def test_a_check_in_cancelled_by_a_reply_comes_back_when_the_reply_is_removed() -> None:
    app = settle(application())
    check_in = stored(app, Kind.CHECK_IN, 1)
    replied = settle(replace(app, replies=(ny(2026, 11, 20, 9),)))
    assert stored(replied, Kind.CHECK_IN, 1).status == Status.CANCELLED
    unreplied = replace(replied, replies=())
    plan = reconcile(unreplied, RULES, NY)
    assert plan.create == () and plan.cancel == ()
    assert [(u.followup_id, u.reopen) for u in plan.update] == [(check_in.id, True)]
    after = apply_reconciliation(unreplied, plan)
    back = stored(after, Kind.CHECK_IN, 1)
    assert (back.id, back.status, back.due_at) == (
        check_in.id,
        Status.PENDING,
        ny(2026, 11, 25, 23, 59, 59),
    )


def test_a_skipped_check_in_stays_skipped_through_a_reply_and_its_removal() -> None:
    app = _with_first_check_in(Status.SKIPPED)
    skipped = stored(app, Kind.CHECK_IN, 1)
    replied = replace(app, replies=(ny(2026, 11, 20, 9),))
    assert reconcile(replied, RULES, NY).empty
    assert reconcile(replace(replied, replies=()), RULES, NY).empty
    assert stored(settle(replied), Kind.CHECK_IN, 1) == skipped


def test_custom_follow_ups_are_never_touched() -> None:
    custom = FollowUpFacts(
        id=50,
        kind=Kind.CUSTOM,
        status=Status.PENDING,
        interview_id=1,
        contact_id=101,
        channel=Channel.CALL,
        remind_at=ny(2026, 11, 19, 9),
        due_at=ny(2026, 11, 19, 17),
    )
    app = settle(application(followups=(custom,)))
    assert reconcile(app, RULES, NY).empty
    for change in (
        {"interviews": (interview(cancelled=True),)},
        {"replies": (ny(2026, 11, 19, 8),)},
        {"status": "withdrawn"},
        {"interviews": (interview(start=ny(2026, 11, 19, 10), end=ny(2026, 11, 19, 11)),)},
    ):
        plan = reconcile(replace(app, **change), RULES, NY)
        assert custom.id not in plan.cancel
        assert custom.id not in [u.followup_id for u in plan.update]
    assert custom in settle(replace(app, interviews=(interview(cancelled=True),))).followups


def test_a_cancelled_custom_follow_up_is_not_reopened() -> None:
    custom = FollowUpFacts(id=50, kind=Kind.CUSTOM, status=Status.CANCELLED, interview_id=1)
    app = settle(application(followups=(custom,)))
    assert custom in app.followups


def test_an_open_follow_up_with_the_same_times_in_another_zone_is_not_updated() -> None:
    # Storage hands times back in UTC; a time inside the New York fall-back overlap must
    # still count as "unchanged".
    app = settle(application(interview(start=ny(2026, 10, 31, 0), end=ny(2026, 10, 31, 1, 30))))
    as_utc = tuple(
        replace(
            fu,
            remind_at=fu.remind_at and fu.remind_at.astimezone(UTC),
            due_at=fu.due_at and fu.due_at.astimezone(UTC),
            late_at=fu.late_at and fu.late_at.astimezone(UTC),
        )
        for fu in app.followups
    )
    assert reconcile(replace(app, followups=as_utc), RULES, NY).empty
    # 01:30 EDT on 1 November (first occurrence) stored with the user's zone, too:
    thanks = stored(app, Kind.THANK_YOU, 1)
    assert thanks.due_at is not None
    zoned = replace(thanks, due_at=thanks.due_at.astimezone(NY))
    assert zoned.due_at is not None and zoned.due_at.astimezone(NY).hour == 1
    mixed = replace(app, followups=tuple(zoned if f.id == thanks.id else f for f in app.followups))
    assert reconcile(mixed, RULES, NY).empty


# --- "now" plays no part in the rules --------------------------------------------------


def test_the_rules_take_no_clock() -> None:
    for fn in (expected_followups, reconcile):
        assert list(inspect.signature(fn).parameters) == ["app", "settings", "tz"]


def test_an_old_interview_still_expects_its_follow_ups_with_their_old_times() -> None:
    old = application(interview(start=ny(2020, 2, 3, 10), end=ny(2020, 2, 3, 11)))
    items = expect(old)
    assert [e.kind for e in items] == [Kind.THANK_YOU, Kind.CHECK_IN]
    assert only(items, Kind.THANK_YOU).due_at == ny(2020, 2, 4, 11)
    assert only(items, Kind.CHECK_IN).due_at == ny(2020, 2, 10, 23, 59, 59)
    assert expect(old) == items  # deterministic


# --- naive datetimes -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("app", "message"),
    [
        (application(interview(start=datetime(2026, 11, 18, 10), end=None)), "interview 1 start"),
        (application(interview(end=datetime(2026, 11, 18, 11))), "interview 1 end"),
        (
            application(interview(), interview(2, start=datetime(2026, 12, 2, 14), end=None)),
            "interview 2 start",
        ),
        (
            application(interview(start=datetime(2026, 11, 18, 10), end=R1_END)),
            "interview 1 start",
        ),
        (application(replies=(datetime(2026, 11, 19, 9),)), "reply time"),
        (
            application(
                followups=(
                    FollowUpFacts(
                        7, Kind.CHECK_IN, Status.SENT, 1, sent_at=datetime(2026, 11, 24, 15)
                    ),
                )
            ),
            "follow-up 7 sent_at",
        ),
        (
            application(
                followups=(
                    FollowUpFacts(
                        8, Kind.THANK_YOU, Status.PENDING, 1, 101, due_at=datetime(2026, 11, 19)
                    ),
                )
            ),
            "follow-up 8 due_at",
        ),
    ],
)
def test_naive_datetimes_are_refused_with_a_clear_error(
    app: ApplicationFacts, message: str
) -> None:
    with pytest.raises(ValueError, match=f"{message} must carry a time zone"):
        expected_followups(app, RULES, NY)
    with pytest.raises(ValueError, match=f"{message} must carry a time zone"):
        reconcile(app, RULES, NY)


# --- urgency ---------------------------------------------------------------------------

REMIND = ny(2026, 11, 18, 13)
DUE = ny(2026, 11, 19, 11)
LATE = ny(2026, 11, 20, 11)


@pytest.mark.parametrize(
    ("now", "reminded", "overdue", "late"),
    [
        (ny(2026, 11, 18, 12, 59, 59), False, False, False),
        (REMIND, True, False, False),  # the remind time itself has come
        (DUE, True, False, False),  # at the deadline, not yet overdue
        (DUE + timedelta(seconds=1), True, True, False),
        (LATE, True, True, False),
        (LATE + timedelta(seconds=1), True, True, True),
        (TODAY, True, True, True),
    ],
)
def test_urgency_over_time(now: datetime, reminded: bool, overdue: bool, late: bool) -> None:
    got = urgency(REMIND, DUE, LATE, now)
    assert (got.reminded, got.overdue, got.late) == (reminded, overdue, late)
    assert got.due_in == DUE - now


def test_due_in_is_negative_once_overdue() -> None:
    assert urgency(REMIND, DUE, LATE, ny(2026, 11, 19, 14)).due_in == timedelta(hours=-3)


def test_a_snooze_postpones_the_reminder_but_not_the_deadline() -> None:
    snooze = ny(2026, 11, 19, 12)
    before = urgency(REMIND, DUE, LATE, ny(2026, 11, 19, 11, 30), snoozed_until=snooze)
    assert before.reminded is False
    assert before.overdue is True  # snoozing does not move the deadline
    after = urgency(REMIND, DUE, LATE, snooze, snoozed_until=snooze)
    assert after.reminded is True


def test_urgency_without_times() -> None:
    got = urgency(None, None, None, TODAY)
    assert (got.reminded, got.overdue, got.late, got.due_in) == (False, False, False, timedelta(0))


def test_urgency_compares_instants_across_zones() -> None:
    # 13:00 New York is 18:00 UTC.
    assert urgency(REMIND, None, None, utc(2026, 11, 18, 17, 59)).reminded is False
    assert urgency(REMIND, None, None, utc(2026, 11, 18, 18, 0)).reminded is True


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"now": datetime(2026, 11, 22, 12)}, "now"),
        ({"remind_at": datetime(2026, 11, 18, 13)}, "remind_at"),
        ({"due_at": datetime(2026, 11, 19, 11)}, "due_at"),
        ({"late_at": datetime(2026, 11, 20, 11)}, "late_at"),
        ({"snoozed_until": datetime(2026, 11, 19, 12)}, "snoozed_until"),
    ],
)
def test_urgency_refuses_naive_times(kwargs: dict[str, datetime], message: str) -> None:
    args: dict[str, datetime | None] = {
        "remind_at": REMIND,
        "due_at": DUE,
        "late_at": LATE,
        "now": TODAY,
        "snoozed_until": None,
    }
    args.update(kwargs)
    with pytest.raises(ValueError, match=f"{message} must carry a time zone"):
        urgency(**args)  # type: ignore[arg-type]


# --- idempotence, as a property --------------------------------------------------------

ZONES = st.sampled_from([NY, LON, ZoneInfo("UTC"), ZoneInfo("Australia/Sydney")])
BASE = datetime(2026, 1, 1, tzinfo=UTC)


@st.composite
def interviews(draw: st.DrawFn, iid: int) -> InterviewFacts:
    # Minutes across 2026, so both DST changes of both zones are crossed.
    start = BASE + timedelta(minutes=draw(st.integers(0, 365 * 24 * 60)))
    length = draw(st.none() | st.integers(1, 8 * 60))
    promised = draw(st.none() | st.integers(-15, 30))
    return InterviewFacts(
        id=iid,
        starts_at=start,
        ends_at=None if length is None else start + timedelta(minutes=length),
        promised_response_by=None if promised is None else start.date() + timedelta(days=promised),
        interviewer_ids=tuple(draw(st.lists(st.integers(1, 5), max_size=4))),
        cancelled=draw(st.booleans()),
    )


@st.composite
def applications(draw: st.DrawFn) -> ApplicationFacts:
    count = draw(st.integers(1, 3))
    ivs = tuple(draw(interviews(i + 1)) for i in range(count))
    replies = tuple(
        BASE + timedelta(minutes=m)
        for m in draw(st.lists(st.integers(0, 400 * 24 * 60), max_size=2))
    )
    return ApplicationFacts(
        id=1,
        status=draw(st.sampled_from(APPLICATION_STATUSES)),
        formality=draw(st.sampled_from(["formal", "neutral", "casual"])),
        primary_contact_id=draw(st.none() | st.integers(1, 9)),
        interviews=ivs,
        replies=replies,
    )


def _user_acts(data: st.DataObject, app: ApplicationFacts) -> ApplicationFacts:
    """The user sends, skips, drafts or cancels one open follow-up."""
    open_ones = [
        fu
        for fu in app.followups
        if fu.kind != Kind.CUSTOM and fu.status in (Status.PENDING, Status.DRAFTED)
    ]
    if not open_ones:
        return app
    fu = data.draw(st.sampled_from(open_ones))
    status = data.draw(
        st.sampled_from([Status.SENT, Status.SKIPPED, Status.DRAFTED, Status.CANCELLED])
    )
    sent_at = None
    if status == Status.SENT:
        assert fu.remind_at is not None
        sent_at = fu.remind_at + timedelta(minutes=data.draw(st.integers(0, 6 * 24 * 60)))
    return mark(app, fu, status, sent_at)


def _world_changes(data: st.DataObject, app: ApplicationFacts) -> ApplicationFacts:
    """Facts change: an interview is (un)cancelled, a reply arrives or is removed, status."""
    choice = data.draw(st.integers(0, 3))
    if choice == 0:
        i = data.draw(st.integers(0, len(app.interviews) - 1))
        iv = app.interviews[i]
        ivs = list(app.interviews)
        ivs[i] = replace(iv, cancelled=not iv.cancelled)
        return replace(app, interviews=tuple(ivs))
    if choice == 1:
        reply = BASE + timedelta(minutes=data.draw(st.integers(0, 400 * 24 * 60)))
        return replace(app, replies=(*app.replies, reply))
    if choice == 2:
        return replace(app, replies=app.replies[1:])
    return replace(app, status=data.draw(st.sampled_from(APPLICATION_STATUSES)))


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(app=applications(), tz=ZONES, data=st.data())
def test_reconcile_is_idempotent(app: ApplicationFacts, tz: ZoneInfo, data: st.DataObject) -> None:
    custom = FollowUpFacts(id=1000, kind=Kind.CUSTOM, status=Status.PENDING, interview_id=1)
    app = replace(app, followups=(custom,))
    for _ in range(6):
        before = {fu.id: fu for fu in app.followups}
        plan = reconcile(app, RULES, tz)
        app = apply_reconciliation(app, plan)
        assert reconcile(app, RULES, tz) == Reconciliation()
        after = {fu.id: fu for fu in app.followups}
        # Ids are unique; the user's record (sent, skipped, custom) is never rewritten.
        assert len(after) == len(app.followups)
        for fid, old in before.items():
            if old.kind == Kind.CUSTOM or old.status in (Status.SENT, Status.SKIPPED):
                assert after[fid] == old
        # Never two live rule-made follow-ups for the same thing.
        live_keys = [fu.key for fu in app.followups if fu.status != Status.CANCELLED]
        assert len(live_keys) == len(set(live_keys))
        # At most one round has an open check-in chain.
        assert (
            len(
                {
                    fu.interview_id
                    for fu in app.followups
                    if fu.kind in CHECK_IN_KINDS and fu.status in (Status.PENDING, Status.DRAFTED)
                }
            )
            <= 1
        )
        act = _user_acts if data.draw(st.booleans()) else _world_changes
        app = act(data, app)
