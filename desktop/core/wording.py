"""The words a person reads, in one place: the window, the tray, the CLI and the reports.

Keyed by the core's values (follow-up kinds, channels, statuses, reply outcomes), so a new
value is worded once. Dates and times follow one style taken from the locale: the same
"Sat 21 Nov 2026, 14:00" (or "Sat, Nov 21, 2026, 2:00 PM") in every front end, and one
wording of how soon something is due. Day and month names stay English until the
interface is translated; every string here is a whole phrase so it can be wrapped then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from functools import cache

from desktop.core.followups import Channel, Kind, Status

# An application's status as the window's lists and the activity report show it.
APPLICATION_STATUS_WORDS = {
    "wishlist": "Wishlist",
    "applied": "Applied",
    "interviewing": "Interviewing",
    "offer": "Offer",
    "accepted": "Accepted",
    "rejected": "Rejected",
    "withdrawn": "Withdrawn",
    "no_response": "No response",
}

# An interview's kind (core.followups.INTERVIEW_KINDS) as a calendar or agenda names it.
INTERVIEW_KIND_WORDS = {
    "phone": "Phone interview",
    "video": "Video interview",
    "onsite": "On-site interview",
    "panel": "Panel interview",
    "technical": "Technical interview",
    "informal": "Informal chat",
    "other": "Interview",
}
# How an application's job is worked (core.job.WORK_MODES).
WORK_MODE_WORDS = {"": "—", "remote": "Remote", "hybrid": "Hybrid", "onsite": "On-site"}
SALARY_PERIOD_WORDS = {
    "": "—",
    "year": "per year",
    "month": "per month",
    "week": "per week",
    "day": "per day",
    "hour": "per hour",
}

# What a reply from the employer said (core.followups.REPLY_OUTCOMES).
REPLY_OUTCOME_WORDS = {
    "next_round": "Invited to a next round",
    "offer": "An offer",
    "rejection": "A rejection",
    "other": "Something else",
}
# The same, short, for a list's column: "Reply: next round".
REPLY_OUTCOME_SHORT = {
    "next_round": "next round",
    "offer": "offer",
    "rejection": "rejection",
    "other": "replied",
}

# A follow-up's kind as a heading: "Thank-you to Margaret Hale".
KIND_WORDS: dict[str, str] = {
    Kind.THANK_YOU: "Thank-you",
    Kind.CHECK_IN: "Check-in",
    Kind.SECOND_CHECK_IN: "Second check-in",
    Kind.MOVE_ON: "Last note",
    Kind.CUSTOM: "Note",
}
# Counting follow-ups of one kind: "3 thank-you notes".
KIND_PLURALS: dict[str, tuple[str, str]] = {
    Kind.THANK_YOU: ("thank-you note", "thank-you notes"),
    Kind.CHECK_IN: ("check-in", "check-ins"),
    Kind.SECOND_CHECK_IN: ("second check-in", "second check-ins"),
    Kind.MOVE_ON: ("application to close", "applications to close"),
    Kind.CUSTOM: ("follow-up", "follow-ups"),
}
CHANNEL_WORDS: dict[str, str] = {
    Channel.EMAIL: "email",
    Channel.CARD: "handwritten card",
    Channel.CALL: "phone call",
}
# A follow-up sent, as the activity report lists it: "Thank-you note", "card by post".
REPORT_KIND_WORDS: dict[str, str] = {
    Kind.THANK_YOU: "Thank-you note",
    Kind.CHECK_IN: "Check-in",
    Kind.SECOND_CHECK_IN: "Second check-in",
    Kind.MOVE_ON: "Closing note",
    Kind.CUSTOM: "Follow-up",
}
REPORT_CHANNEL_WORDS: dict[str, str] = {
    Channel.EMAIL: "email",
    Channel.CARD: "card by post",
    Channel.CALL: "phone call",
}
FOLLOWUP_STATUS_WORDS: dict[str, str] = {
    Status.PENDING: "to write",
    Status.DRAFTED: "drafted",
    Status.SENT: "sent",
    Status.SKIPPED: "skipped",
    Status.CANCELLED: "cancelled",
}

_ACTIONS: dict[str, str] = {
    Kind.THANK_YOU: "Thank {who}",
    Kind.CHECK_IN: "Check in with {who}",
    Kind.SECOND_CHECK_IN: "Check in again with {who}",
    Kind.MOVE_ON: "Consider closing {role} at {company} as no response",
    Kind.CUSTOM: "Follow up with {who}",
}


def action_text(kind: str, contact: str | None, company: str, role: str) -> str:
    """'Thank Margaret Hale', 'Check in with Priya Raman', … (the company when no person)."""
    template = _ACTIONS.get(kind, _ACTIONS[Kind.CUSTOM])
    return template.format(who=contact or company, company=company, role=role)


def count_text(count: int, kind: str = Kind.CUSTOM) -> str:
    """'1 thank-you note', '3 follow-ups'."""
    singular, plural = KIND_PLURALS.get(kind, KIND_PLURALS[Kind.CUSTOM])
    return f"{count:,} {singular if count == 1 else plural}"


# --- dates and times ---------------------------------------------------------------------

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class DateStyle:
    """How the locale writes a time of day and a date: the two choices that differ."""

    hour12: bool = False  # "2:00 PM" rather than "14:00"
    month_first: bool = False  # "Sat, Nov 21" rather than "Sat 21 Nov"


@cache
def locale_style() -> DateStyle:
    """The style of the user's locale (LC_ALL, LC_TIME or LANG; the system's on Windows),
    read once per process by asking the C library how it writes 13:05 on 21 November."""
    import locale
    import time as clock

    sample = (2026, 11, 21, 13, 5, 0, 5, 325, 0)
    try:
        previous = locale.setlocale(locale.LC_TIME)
        try:
            locale.setlocale(locale.LC_TIME, "")
            day_text_, time_text = clock.strftime("%x", sample), clock.strftime("%X", sample)
        finally:
            locale.setlocale(locale.LC_TIME, previous)
    except (locale.Error, ValueError):
        return DateStyle()
    month, day_ = day_text_.find("11"), day_text_.find("21")
    return DateStyle(
        hour12="13" not in time_text,
        month_first=0 <= month < day_ if day_ >= 0 else False,
    )


def clock_text(moment: datetime, style: DateStyle | None = None) -> str:
    """'14:05' or '2:05 PM' for a local time."""
    style = style or locale_style()
    if style.hour12:
        hour = moment.hour % 12 or 12
        return f"{hour}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"
    return f"{moment.hour:02d}:{moment.minute:02d}"


def day_text(day: date, style: DateStyle | None = None, *, year: bool = True) -> str:
    """'Sat 21 Nov 2026' or 'Sat, Nov 21, 2026' (without the year when `year` is False)."""
    style = style or locale_style()
    weekday, month = _WEEKDAYS[day.weekday()][:3], _MONTHS[day.month - 1]
    if style.month_first:
        return f"{weekday}, {month} {day.day}" + (f", {day.year}" if year else "")
    return f"{weekday} {day.day} {month}" + (f" {day.year}" if year else "")


def moment_text(
    moment: datetime | None,
    tz: tzinfo,
    style: DateStyle | None = None,
    *,
    now: datetime | None = None,
) -> str:
    """'Sat 21 Nov 2026, 14:05' in the user's zone; the year is left out when `now` is
    given and in the same year. Empty for no time."""
    if moment is None:
        return ""
    local = moment.astimezone(tz)
    same_year = now is not None and now.astimezone(tz).year == local.year
    return f"{day_text(local.date(), style, year=not same_year)}, {clock_text(local, style)}"


def _relative(local: datetime, today: date, style: DateStyle | None) -> str:
    """'11:00 today', '17:00 tomorrow', 'Friday 17:00', 'Fri 27 Nov, 17:00'."""
    days = (local.date() - today).days
    clock = clock_text(local, style)
    if days == 0:
        return f"{clock} today"
    if days == 1:
        return f"{clock} tomorrow"
    if days == -1:
        return f"{clock} yesterday"
    if 1 < days < 7:
        return f"{_WEEKDAYS[local.weekday()]} {clock}"
    return f"{day_text(local.date(), style, year=local.year != today.year)}, {clock}"


NO_DEADLINE = "no deadline"


def due_phrase(
    due_at: datetime | None, now: datetime, tz: tzinfo, style: DateStyle | None = None
) -> str:
    """'due by 11:00 today', 'due by Friday 17:00', 'overdue since 09:00 yesterday'."""
    if due_at is None:
        return NO_DEADLINE
    local = due_at.astimezone(tz)
    when = _relative(local, now.astimezone(tz).date(), style)
    return f"overdue since {when}" if due_at <= now else f"due by {when}"


def due_state(overdue: bool, late: bool) -> str:
    """The command line's column for how urgent a follow-up is: 'LATE', 'OVERDUE', 'due'."""
    return "LATE" if late else "OVERDUE" if overdue else "due"


def when_phrase(moment: datetime, now: datetime, tz: tzinfo, style: DateStyle | None = None) -> str:
    """A time near now in the same words: '09:00 tomorrow', 'Friday 13:00'."""
    return _relative(moment.astimezone(tz), now.astimezone(tz).date(), style)


@dataclass(frozen=True)
class DueCounts:
    """How urgent the follow-ups whose time has come are, for a heading."""

    overdue: int = 0
    due_today: int = 0
    later: int = 0

    @property
    def total(self) -> int:
        return self.overdue + self.due_today + self.later


def due_counts(
    deadlines: list[datetime | None], now: datetime, tz: tzinfo, more: int = 0
) -> DueCounts:
    """Sort deadlines into overdue, due by the end of today, and later; `more` are due
    after all of them (a page's unread rest)."""
    today = now.astimezone(tz).date()
    overdue = sum(1 for d in deadlines if d is not None and d <= now)
    due_today = sum(
        1 for d in deadlines if d is not None and d > now and d.astimezone(tz).date() == today
    )
    return DueCounts(overdue, due_today, len(deadlines) - overdue - due_today + more)


def today_heading(counts: DueCounts) -> str:
    """'Today — 1 overdue, 2 due today', or 'Today — 2 follow-ups to write, none due today'."""
    if not counts.total:
        return "Today — nothing due"
    parts = []
    if counts.overdue:
        parts.append(f"{counts.overdue:,} overdue")
    if counts.due_today:
        parts.append(f"{counts.due_today:,} due today")
    if not parts:
        return f"Today — {count_text(counts.total)} to write, none due today"
    if counts.later:
        parts.append(f"{counts.later:,} due later")
    return "Today — " + ", ".join(parts)


def soon_phrase(moment: datetime, now: datetime) -> str:
    """'in 25 min', 'in 3 h', 'in 2 days' for a time ahead; 'now' for one just come."""
    ahead = moment - now
    if ahead < timedelta(minutes=1):
        return "now"
    if ahead < timedelta(hours=1):
        return f"in {int(ahead.total_seconds() // 60)} min"
    if ahead < timedelta(days=1):
        return f"in {int(ahead.total_seconds() // 3600)} h"
    days = ahead.days
    return f"in {days} day{'s' if days != 1 else ''}"
