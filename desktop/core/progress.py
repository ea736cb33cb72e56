"""How the search is going: the figures of the Progress view and the activity report.

Pure arithmetic over plain rows the storage layer reads (no Qt, no SQL), so the window and
the report show the same numbers. "Response" means the employer's first reply after an
interview; its channel is how the thank-you for that interview went: a card, an email, a
call, or none sent at all. No other tracker can split replies this way: none of them
knows when (or whether) a note went out.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

CHANNEL_GROUPS = ("card", "email", "call", "none")
FORMALITY_GROUPS = ("formal", "neutral", "casual")
WEEKS = 12


@dataclass(frozen=True)
class InterviewFact:
    """A past interview, how it was thanked, and how long (if ever) they took to answer."""

    channel: str  # card | email | call | none: the thank-you sent for it
    formality: str
    reply_days: float | None  # from the interview's end to the first reply after it


@dataclass(frozen=True)
class ResponseRow:
    group: str
    interviews: int
    replies: int
    median_days: float | None

    @property
    def rate(self) -> float | None:
        return self.replies / self.interviews if self.interviews else None


@dataclass(frozen=True)
class WeekCount:
    week: date  # its Monday
    applied: int = 0
    interviews: int = 0
    notes_sent: int = 0


@dataclass(frozen=True)
class Funnel:
    applied: int = 0
    interviewed: int = 0
    offered: int = 0

    def share(self, count: int) -> float | None:
        return count / self.applied if self.applied else None


@dataclass(frozen=True)
class ThankYous:
    on_time: int = 0
    late: int = 0
    missed: int = 0  # still unsent after its deadline


@dataclass(frozen=True)
class OpenFollowUps:
    total: int = 0
    overdue: int = 0


@dataclass(frozen=True)
class ProgressFigures:
    funnel: Funnel = field(default_factory=Funnel)
    weeks: tuple[WeekCount, ...] = ()
    by_channel: tuple[ResponseRow, ...] = ()
    by_formality: tuple[ResponseRow, ...] = ()
    thank_yous: ThankYous = field(default_factory=ThankYous)
    open_followups: OpenFollowUps = field(default_factory=OpenFollowUps)

    @property
    def empty(self) -> bool:
        return not self.funnel.applied and not any(r.interviews for r in self.by_channel)


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_counts(
    today: date,
    applied: Iterable[date],
    interviews: Iterable[date],
    notes: Iterable[date],
    weeks: int = WEEKS,
) -> tuple[WeekCount, ...]:
    """The last `weeks` weeks (Monday first, this week last), each with its counts."""
    first = week_of(today) - timedelta(weeks=weeks - 1)
    counts = {first + timedelta(weeks=i): [0, 0, 0] for i in range(weeks)}
    for slot, days in enumerate((applied, interviews, notes)):
        # Thousands of dates fall on a few dozen days: find each day's week once.
        for day, count in Counter(days).items():
            week = week_of(day)
            if week in counts:
                counts[week][slot] += count
    return tuple(WeekCount(week, *values) for week, values in counts.items())


def response_rows(
    facts: Iterable[InterviewFact], key: str, groups: tuple[str, ...]
) -> tuple[ResponseRow, ...]:
    """Response rate and median days to a reply, per channel or per formality."""
    seen: dict[str, list[InterviewFact]] = {g: [] for g in groups}
    for fact in facts:
        seen.setdefault(getattr(fact, key), []).append(fact)
    rows = []
    for group, items in seen.items():
        days = [f.reply_days for f in items if f.reply_days is not None]
        rows.append(
            ResponseRow(
                group,
                len(items),
                len(days),
                round(statistics.median(days), 1) if days else None,
            )
        )
    return tuple(rows)


CHANNEL_GROUP_WORDS = {
    "card": "Handwritten card",
    "email": "Email",
    "call": "Phone call",
    "none": "No note sent",
}
FORMALITY_GROUP_WORDS = {"formal": "Formal firms", "neutral": "Neutral", "casual": "Casual"}


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.0f}%"


def days_text(days: float | None) -> str:
    if days is None:
        return "—"
    return f"{days:.1f} day" + ("" if days == 1 else "s")


def response_text(row: ResponseRow) -> str:
    """'2 of 3 replied (67%), median 1.8 days': one row of the replies table in words."""
    if not row.interviews:
        return "no interviews yet"
    text = f"{row.replies} of {row.interviews} replied ({percent(row.rate)})"
    return text + (f", median {days_text(row.median_days)}" if row.median_days is not None else "")


def progress_lines(figures: ProgressFigures) -> list[tuple[str, str, str]]:
    """Every figure as (section, label, value in words): the report's rows."""
    f, t, o = figures.funnel, figures.thank_yous, figures.open_followups
    lines = [
        ("Funnel", "Applied", str(f.applied)),
        ("Funnel", "Interviewed", f"{f.interviewed} ({percent(f.share(f.interviewed))})"),
        ("Funnel", "Offer", f"{f.offered} ({percent(f.share(f.offered))})"),
    ]
    for row in figures.by_channel:
        if row.interviews or row.group != "call":
            label = CHANNEL_GROUP_WORDS.get(row.group, row.group)
            lines.append(("Replies by thank-you", label, response_text(row)))
    for row in figures.by_formality:
        label = FORMALITY_GROUP_WORDS.get(row.group, row.group)
        lines.append(("Replies by formality", label, response_text(row)))
    sent = t.on_time + t.late
    lines += [
        ("Thank-you notes", "Sent on time", f"{t.on_time} of {sent}" if sent else "0"),
        ("Thank-you notes", "Sent late", str(t.late)),
        ("Thank-you notes", "Past due, not sent", str(t.missed)),
        ("Follow-ups", "Open", str(o.total)),
        ("Follow-ups", "Overdue", str(o.overdue)),
    ]
    for week in figures.weeks:
        lines.append(
            (
                "Weeks",
                f"Week of {week.week.isoformat()}",
                f"{week.applied} applied, {_n(week.interviews, 'interview')}, "
                f"{_n(week.notes_sent, 'note')} sent",
            )
        )
    return lines
