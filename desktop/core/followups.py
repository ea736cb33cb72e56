# Over 400 lines on purpose: the etiquette is one pure function; its steps keep their order here.
"""Which follow-ups an application should have, and when each is due (ARCHITECTURE §1).

The rules are a pure function of the recorded facts: interviews, who sat on them, what
was promised, which follow-ups were sent and which replies came. They do not depend on
"now", so recomputing them is always safe; "now" only decides what is overdue.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import StrEnum

from desktop.core.calendar import (
    add_business_days,
    after_quiet_hours,
    at_local,
    end_of_day,
    local_date,
    next_business_day_on_or_after,
    require_aware,
)
from desktop.core.settings import RuleSettings


class Kind(StrEnum):
    THANK_YOU = "thank_you"
    CHECK_IN = "check_in"
    SECOND_CHECK_IN = "second_check_in"
    MOVE_ON = "move_on"
    CUSTOM = "custom"


class Channel(StrEnum):
    EMAIL = "email"
    CARD = "card"
    CALL = "call"


class Status(StrEnum):
    PENDING = "pending"
    DRAFTED = "drafted"
    SENT = "sent"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"


OPEN_STATUSES = frozenset({Status.PENDING, Status.DRAFTED})

APPLICATION_STATUSES = (
    "wishlist",
    "applied",
    "interviewing",
    "offer",
    "accepted",
    "rejected",
    "withdrawn",
    "no_response",
)
# No check-in chain runs on an application that has reached one of these.
CLOSED_APPLICATION_STATUSES = frozenset(
    {"offer", "accepted", "rejected", "withdrawn", "no_response"}
)

# What a reply from the employer said; each but "other" moves the application on.
REPLY_OUTCOMES = ("next_round", "offer", "rejection", "other")
_STATUS_AFTER_REPLY = {"next_round": "interviewing", "offer": "offer", "rejection": "rejected"}


def status_after_reply(outcome: str, status: str) -> str:
    """The application's status once a reply with `outcome` came (unchanged for "other")."""
    return _STATUS_AFTER_REPLY.get(outcome, status)


INTERVIEW_KINDS = ("phone", "video", "onsite", "panel", "technical", "informal", "other")

# The chain of check-ins, in order; a reply ends all of them.
CHECK_IN_KINDS = frozenset({Kind.CHECK_IN, Kind.SECOND_CHECK_IN, Kind.MOVE_ON})

Key = tuple[Kind, int | None, int | None]


@dataclass(frozen=True)
class InterviewFacts:
    id: int
    starts_at: datetime
    ends_at: datetime | None = None
    promised_response_by: date | None = None
    interviewer_ids: tuple[int, ...] = ()
    cancelled: bool = False

    def end(self, settings: RuleSettings) -> datetime:
        """When the interview ended, assuming the default length if no end was recorded."""
        return self.ends_at or self.starts_at + settings.default_interview_length


@dataclass(frozen=True)
class FollowUpFacts:
    """A follow-up as it is stored."""

    id: int
    kind: Kind
    status: Status
    interview_id: int | None = None
    contact_id: int | None = None
    channel: Channel | None = None
    remind_at: datetime | None = None
    due_at: datetime | None = None
    late_at: datetime | None = None
    sent_at: datetime | None = None
    # The user set the times by hand: the rules leave them alone.
    pinned: bool = False

    @property
    def key(self) -> Key:
        return rule_key(self.kind, self.interview_id, self.contact_id)


@dataclass(frozen=True)
class ApplicationFacts:
    id: int
    status: str = "interviewing"
    formality: str = "neutral"
    primary_contact_id: int | None = None
    interviews: tuple[InterviewFacts, ...] = ()
    followups: tuple[FollowUpFacts, ...] = ()
    replies: tuple[datetime, ...] = ()


@dataclass(frozen=True)
class ExpectedFollowUp:
    """A follow-up the rules say should exist, with its times."""

    kind: Kind
    interview_id: int | None
    contact_id: int | None
    channel: Channel | None
    remind_at: datetime
    due_at: datetime
    late_at: datetime | None = None

    @property
    def key(self) -> Key:
        return rule_key(self.kind, self.interview_id, self.contact_id)


@dataclass(frozen=True)
class Update:
    """New times (and status, when a cancelled follow-up comes back) for a stored one."""

    followup_id: int
    expected: ExpectedFollowUp
    reopen: bool = False


@dataclass(frozen=True)
class Reconciliation:
    create: tuple[ExpectedFollowUp, ...] = ()
    update: tuple[Update, ...] = ()
    cancel: tuple[int, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.create or self.update or self.cancel)


def rule_key(kind: Kind, interview_id: int | None, contact_id: int | None) -> Key:
    """What makes two follow-ups "the same one": a thank-you per (interview, interviewer);
    a check-in per interview round, whoever it goes to."""
    if kind == Kind.THANK_YOU:
        return (kind, interview_id, contact_id)
    return (kind, interview_id, None)


def thank_you_channel(formality: str, settings: RuleSettings) -> Channel:
    """Formal companies get a handwritten card, the others an email."""
    if formality == "formal" and settings.card_for_formal:
        return Channel.CARD
    return Channel.EMAIL


def expected_followups(
    app: ApplicationFacts, settings: RuleSettings, tz: tzinfo
) -> list[ExpectedFollowUp]:
    """Every follow-up the etiquette asks for on this application, in a stable order."""
    _require_aware_facts(app)
    expected: list[ExpectedFollowUp] = []
    live = [iv for iv in app.interviews if not iv.cancelled]
    for interview in sorted(live, key=lambda iv: (iv.end(settings).astimezone(UTC), iv.id)):
        expected.extend(_thank_yous(interview, app.formality, settings, tz))
    expected.extend(_check_in_chain(app, live, settings, tz))
    return expected


def _require_aware_facts(app: ApplicationFacts) -> None:
    """Refuse naive instants up front, before comparing them raises a bare TypeError."""
    for iv in app.interviews:
        require_aware(iv.starts_at, f"interview {iv.id} start")
        if iv.ends_at is not None:
            require_aware(iv.ends_at, f"interview {iv.id} end")
    for reply in app.replies:
        require_aware(reply, "reply time")
    for fu in app.followups:
        for what, moment in (
            ("remind_at", fu.remind_at),
            ("due_at", fu.due_at),
            ("late_at", fu.late_at),
            ("sent_at", fu.sent_at),
        ):
            if moment is not None:
                require_aware(moment, f"follow-up {fu.id} {what}")


def _thank_yous(
    interview: InterviewFacts, formality: str, settings: RuleSettings, tz: tzinfo
) -> Iterable[ExpectedFollowUp]:
    # Hours after the end are elapsed hours: count them in UTC, since adding a timedelta
    # to a zoned datetime counts wall-clock hours and would shift across a DST change.
    end = require_aware(interview.end(settings), "interview end").astimezone(UTC)
    channel = thank_you_channel(formality, settings)
    seen: set[int] = set()
    for contact_id in interview.interviewer_ids:
        if contact_id in seen:
            continue
        seen.add(contact_id)
        yield ExpectedFollowUp(
            kind=Kind.THANK_YOU,
            interview_id=interview.id,
            contact_id=contact_id,
            channel=channel,
            remind_at=_quiet(end + settings.thank_you_remind, settings, tz),
            due_at=end + settings.thank_you_due,
            late_at=end + settings.thank_you_late,
        )


def latest_round(
    interviews: Sequence[InterviewFacts], settings: RuleSettings
) -> InterviewFacts | None:
    """The interview the check-in chain follows: the last one to end."""
    live = [iv for iv in interviews if not iv.cancelled]
    if not live:
        return None
    return max(live, key=lambda iv: (iv.end(settings).astimezone(UTC), iv.id))


def _check_in_chain(
    app: ApplicationFacts,
    live: Sequence[InterviewFacts],
    settings: RuleSettings,
    tz: tzinfo,
) -> list[ExpectedFollowUp]:
    if app.status in CLOSED_APPLICATION_STATUSES:
        return []
    anchor = latest_round(live, settings)
    if anchor is None:
        return []
    # A reply that came after this round began ends the chain; one from before it (the
    # invitation to this round, say) does not.
    if any(require_aware(r, "reply time") >= anchor.starts_at for r in app.replies):
        return []
    anchor_end = anchor.end(settings)
    recipient = app.primary_contact_id
    if recipient is None and anchor.interviewer_ids:
        recipient = anchor.interviewer_ids[0]

    if anchor.promised_response_by is not None:
        day = add_business_days(
            anchor.promised_response_by, settings.check_in_business_days_after_promise
        )
    else:
        day = local_date(anchor_end, tz) + timedelta(days=settings.check_in_days_without_promise)
    # A promised date before the interview itself (a typo, or an old import) still never
    # puts the check-in before the next business day after the interview.
    day = max(day, add_business_days(local_date(anchor_end, tz), 1))
    chain = [_dated(Kind.CHECK_IN, anchor.id, recipient, Channel.EMAIL, day, settings, tz)]

    stored = {fu.key: fu for fu in app.followups}
    first = stored.get(rule_key(Kind.CHECK_IN, anchor.id, None))
    if first is None or first.status != Status.SENT or first.sent_at is None:
        return chain
    second_day = local_date(first.sent_at, tz) + timedelta(days=settings.second_check_in_days)
    chain.append(
        _dated(Kind.SECOND_CHECK_IN, anchor.id, recipient, Channel.EMAIL, second_day, settings, tz)
    )
    second = stored.get(rule_key(Kind.SECOND_CHECK_IN, anchor.id, None))
    if second is not None and second.status == Status.SENT and second.sent_at is not None:
        last_sent: datetime | None = second.sent_at
    elif second is not None and second.status == Status.SKIPPED:
        last_sent = first.sent_at
    else:
        last_sent = None
    if last_sent is not None:
        move_on_day = local_date(last_sent, tz) + timedelta(days=settings.move_on_days)
        chain.append(_dated(Kind.MOVE_ON, anchor.id, None, None, move_on_day, settings, tz))
    return chain


def _dated(
    kind: Kind,
    interview_id: int,
    contact_id: int | None,
    channel: Channel | None,
    day: date,
    settings: RuleSettings,
    tz: tzinfo,
) -> ExpectedFollowUp:
    """A date-based deadline: due at the end of the day, reminded that morning.

    Nobody checks in on a weekend, so such a day moves to the Monday after.
    """
    day = next_business_day_on_or_after(day)
    remind_at, due_at = dated_times(day, settings, tz)
    return ExpectedFollowUp(
        kind=kind,
        interview_id=interview_id,
        contact_id=contact_id,
        channel=channel,
        remind_at=remind_at,
        due_at=due_at,
    )


# The kinds whose deadline is a day in the user's zone, not an instant after an interview.
DATED_KINDS = frozenset({Kind.CHECK_IN, Kind.SECOND_CHECK_IN, Kind.MOVE_ON})


def dated_times(day: date, settings: RuleSettings, tz: tzinfo) -> tuple[datetime, datetime]:
    """(remind_at, due_at) of a deadline on `day` in `tz`, as UTC instants: reminded that
    morning (after quiet hours), due at the day's end."""
    remind_at = _quiet(at_local(day, settings.morning_reminder, tz), settings, tz)
    return remind_at, end_of_day(day, tz).astimezone(UTC)


def retimed(
    due_at: datetime, settings: RuleSettings, old_tz: tzinfo, new_tz: tzinfo
) -> tuple[datetime, datetime]:
    """A date-based deadline computed in `old_tz`, on the same day in `new_tz`: "end of
    Monday" stays Monday when the user's zone changes."""
    return dated_times(local_date(due_at, old_tz), settings, new_tz)


def _quiet(moment: datetime, settings: RuleSettings, tz: tzinfo) -> datetime:
    return after_quiet_hours(moment, settings.quiet_start, settings.quiet_end, tz).astimezone(UTC)


def reconcile(app: ApplicationFacts, settings: RuleSettings, tz: tzinfo) -> Reconciliation:
    """What to change in storage so the stored follow-ups match the rules.

    - an expected follow-up with no stored twin is created;
    - an open one whose times moved is updated; one the rules had cancelled comes back;
    - an open rule-made one the rules no longer ask for is cancelled (a reply ends the
      chain, an interview was cancelled, a new round replaced the old one);
    - sent, skipped and custom follow-ups are the user's record and are never touched.
    """
    stored: dict[Key, FollowUpFacts] = {}
    for fu in sorted(app.followups, key=lambda f: f.id):
        if fu.kind != Kind.CUSTOM:
            stored.setdefault(fu.key, fu)
    expected = expected_followups(app, settings, tz)
    expected_keys = {e.key for e in expected}

    create: list[ExpectedFollowUp] = []
    update: list[Update] = []
    for item in expected:
        twin = stored.get(item.key)
        if twin is None:
            create.append(item)
        elif twin.status == Status.CANCELLED:
            update.append(Update(twin.id, item, reopen=True))
        elif twin.status in OPEN_STATUSES and not twin.pinned and _times_differ(twin, item):
            update.append(Update(twin.id, item))
    cancel = tuple(
        fu.id
        for fu in sorted(app.followups, key=lambda f: f.id)
        if fu.kind != Kind.CUSTOM and fu.status in OPEN_STATUSES and fu.key not in expected_keys
    )
    return Reconciliation(tuple(create), tuple(update), cancel)


def _times_differ(stored: FollowUpFacts, item: ExpectedFollowUp) -> bool:
    return (
        not _same_instant(stored.remind_at, item.remind_at)
        or not _same_instant(stored.due_at, item.due_at)
        or not _same_instant(stored.late_at, item.late_at)
        or (item.kind != Kind.THANK_YOU and stored.contact_id != item.contact_id)
    )


def _same_instant(a: datetime | None, b: datetime | None) -> bool:
    """Equality by instant: `==` between zones is always False for a time in a DST overlap."""
    if a is None or b is None:
        return a is b
    return a.astimezone(UTC) == b.astimezone(UTC)


def apply_reconciliation(app: ApplicationFacts, plan: Reconciliation) -> ApplicationFacts:
    """The application as it would be stored after `plan` (new ones get negative ids)."""
    by_id = {fu.id: fu for fu in app.followups}
    for upd in plan.update:
        old = by_id[upd.followup_id]
        by_id[old.id] = replace(
            old,
            remind_at=upd.expected.remind_at,
            due_at=upd.expected.due_at,
            late_at=upd.expected.late_at,
            contact_id=old.contact_id if old.kind == Kind.THANK_YOU else upd.expected.contact_id,
            status=Status.PENDING if upd.reopen else old.status,
        )
    for fid in plan.cancel:
        by_id[fid] = replace(by_id[fid], status=Status.CANCELLED)
    # Below every id in use, so applying one plan after another never reuses an id.
    base = min((0, *by_id))
    new = [
        FollowUpFacts(
            id=base - (i + 1),
            kind=e.kind,
            status=Status.PENDING,
            interview_id=e.interview_id,
            contact_id=e.contact_id,
            channel=e.channel,
            remind_at=e.remind_at,
            due_at=e.due_at,
            late_at=e.late_at,
        )
        for i, e in enumerate(plan.create)
    ]
    return replace(app, followups=(*by_id.values(), *new))


@dataclass(frozen=True)
class Urgency:
    """Where a follow-up stands at a given moment."""

    reminded: bool  # its remind time has come
    overdue: bool  # past its deadline
    late: bool  # past the point where etiquette calls it late
    due_in: timedelta = field(default=timedelta(0))


def urgency(
    remind_at: datetime | None,
    due_at: datetime | None,
    late_at: datetime | None,
    now: datetime,
    snoozed_until: datetime | None = None,
) -> Urgency:
    """Whether a follow-up should be shown now, and whether it is overdue or late."""
    require_aware(now, "now")
    for what, moment in (
        ("remind_at", remind_at),
        ("due_at", due_at),
        ("late_at", late_at),
        ("snoozed_until", snoozed_until),
    ):
        if moment is not None:
            require_aware(moment, what)
    remind = snoozed_until if snoozed_until is not None else remind_at
    overdue, late = overdue_and_late(due_at, late_at, now)
    return Urgency(
        reminded=remind is not None and remind <= now,
        overdue=overdue,
        late=late,
        due_in=(due_at - now) if due_at is not None else timedelta(0),
    )


def overdue_and_late(
    due_at: datetime | None, late_at: datetime | None, now: datetime
) -> tuple[bool, bool]:
    """Whether a follow-up is past its deadline, and past the point etiquette calls late.

    The part of `urgency` a list of thousands needs (`afterword due`), without its checks
    and object: a twentieth of the time. All three times are aware.
    """
    return (due_at is not None and now > due_at, late_at is not None and now > late_at)
