"""When the tray speaks and what it says: pure decisions, the clock passed in.

No Qt and no database here. The tray's Qt shell asks `plan()` what to announce now and
when to look again, turns the answer into one timer with `timer_delay_ms()`, and checks
`clock_jump()` each time it wakes so a changed clock or a sleep is noticed.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo

from desktop.core.calendar import after_quiet_hours, at_local, in_quiet_hours, local_date
from desktop.core.wording import CHANNEL_WORDS, KIND_PLURALS, action_text, due_phrase
from desktop.storage.records import DueItem

# QTimer's interval is a signed 32-bit count of milliseconds: about 24.8 days.
MAX_TIMER_MS = 2**31 - 1
# However far the next reminder is, the tray looks again at least this often.
SAFETY_CHECK = timedelta(hours=1)
# Timers drift by milliseconds; a wall clock that moved more than this against the
# monotonic clock was changed by hand, by NTP, or the machine slept.
CLOCK_JUMP_TOLERANCE = timedelta(seconds=30)
# Lines listed in a catch-up summary before "and N more".
SUMMARY_LINES = 4
# The tray reads at most this many due follow-ups in full for its menu, and this many
# unannounced ones for a notice (more are only counted: they become a summary anyway), so
# a look costs the same on a backlog of thousands.
MENU_ITEMS = 10
NOTICE_ITEMS = 50


@dataclass(frozen=True)
class QuietHours:
    """The user's quiet hours (they may wrap past midnight) in their own zone."""

    start: time
    end: time
    tz: tzinfo

    def contains(self, moment: datetime) -> bool:
        return in_quiet_hours(moment, self.start, self.end, self.tz)

    def after(self, moment: datetime) -> datetime:
        """`moment`, or the end of the quiet hours it falls in."""
        return after_quiet_hours(moment, self.start, self.end, self.tz)


@dataclass(frozen=True)
class Plan:
    """What to announce now, and when something may next need saying."""

    announce: tuple[DueItem, ...]
    wake_at: datetime | None  # None: nothing is scheduled; only the safety check runs
    held_until: datetime | None = None  # due reminders wait (quiet hours, pause) until then


def plan(
    now: datetime,
    unannounced: Sequence[DueItem],
    next_remind_at: datetime | None,
    quiet: QuietHours,
    paused_until: datetime | None = None,
) -> Plan:
    """Decide at `now`.

    `unannounced` are the follow-ups whose remind time has come and that no tray has
    announced yet; `next_remind_at` is the earliest remind time still in the future.
    Inside quiet hours or a pause nothing is said; it waits until they end.
    """
    hold = _hold_end(now, quiet, paused_until)
    if hold is not None:
        wake = hold if unannounced else None
        announce: tuple[DueItem, ...] = ()
    else:
        wake, announce = None, tuple(unannounced)
    if next_remind_at is not None:
        later = _hold_end(next_remind_at, quiet, paused_until) or next_remind_at
        wake = later if wake is None else min(wake, later)
    return Plan(announce=announce, wake_at=wake, held_until=hold if unannounced else None)


def _hold_end(
    moment: datetime, quiet: QuietHours, paused_until: datetime | None
) -> datetime | None:
    """When speaking is allowed again if it is not allowed at `moment`, else None."""
    end = moment
    # A pause may end inside quiet hours and quiet hours inside nothing: two passes settle it.
    for _ in range(2):
        if paused_until is not None and end < paused_until:
            end = paused_until
        end = quiet.after(end)
    return None if end == moment else end


def timer_delay_ms(
    now: datetime, wake_at: datetime | None, safety: timedelta | None = SAFETY_CHECK
) -> int | None:
    """Milliseconds until the tray should wake: the next reminder or the safety check,
    whichever is sooner, cut to what one QTimer can hold (a longer wait is done in
    chunks: the timer fires, finds nothing due, and is set again). None: no timer."""
    waits = [] if safety is None else [safety]
    if wake_at is not None:
        waits.append(max(wake_at - now, timedelta(0)))
    if not waits:
        return None
    wait = min(waits)
    # Round up: waking a millisecond early finds nothing due and costs a second wake-up.
    ms = -(-wait // timedelta(milliseconds=1))
    return min(ms, MAX_TIMER_MS)


@dataclass(frozen=True)
class ClockReading:
    """The wall clock and the monotonic clock (seconds) read at the same moment."""

    wall: datetime
    monotonic: float


def clock_jump(
    before: ClockReading, after: ClockReading, tolerance: timedelta = CLOCK_JUMP_TOLERANCE
) -> timedelta | None:
    """How far the wall clock moved beyond the monotonic clock (positive: forward, e.g.
    after a sleep, which the monotonic clock does not count), or None within tolerance."""
    drift = (after.wall - before.wall) - timedelta(seconds=after.monotonic - before.monotonic)
    return drift if abs(drift) > tolerance else None


def pause_until_tomorrow(now: datetime, quiet: QuietHours) -> datetime:
    """Tomorrow morning in the user's zone: when quiet hours end (midnight without them)."""
    tomorrow = local_date(now, quiet.tz) + timedelta(days=1)
    morning = quiet.end if quiet.start != quiet.end else time(0, 0)
    return at_local(tomorrow, morning, quiet.tz)


# --- what is said ------------------------------------------------------------------------


@dataclass(frozen=True)
class Notice:
    """One notification: a title and a body, and the follow-ups it speaks for."""

    title: str
    body: str
    followup_ids: tuple[int, ...]


def reminder_line(item: DueItem, now: datetime, tz: tzinfo) -> str:
    """'Thank Margaret Hale (Hale & Pierce LLP) — due by 11:00 tomorrow'."""
    action = action_text(item.kind, item.contact, item.company, item.role)
    context = f" ({item.company})" if item.contact and item.kind != "move_on" else ""
    return f"{action}{context} — {due_phrase(item.due_at, now, tz)}"


def notice_for(
    items: Sequence[DueItem],
    now: datetime,
    tz: tzinfo,
    count: int | None = None,
    kinds: Collection[str] | None = None,
) -> Notice:
    """One reminder names the person and the action; several (caught up after a sleep or
    a day off) become one summary, never a burst.

    `items` may be the first of more: `count` is then how many there are in all, and
    `kinds` their kinds."""
    if not items:
        raise ValueError("a notice needs at least one follow-up")
    ids = tuple(item.id for item in items)
    total = len(items) if count is None else count
    if total == 1:
        item = items[0]
        details = [f"{item.role} at {item.company}"]
        if item.channel in CHANNEL_WORDS:
            details.append(CHANNEL_WORDS[item.channel])
        return Notice(reminder_line(item, now, tz), " · ".join(details), ids)
    lines = [reminder_line(item, now, tz) for item in items[:SUMMARY_LINES]]
    if total > SUMMARY_LINES:
        lines.append(f"and {total - SUMMARY_LINES} more")
    return Notice(summary_title(items, count, kinds), "\n".join(lines), ids)


def summary_title(
    items: Sequence[DueItem], count: int | None = None, kinds: Collection[str] | None = None
) -> str:
    """'3 thank-you notes are due'; '4 follow-ups are due' when the kinds are mixed."""
    every_kind = {item.kind for item in items} if kinds is None else set(kinds)
    kind = every_kind.pop() if len(every_kind) == 1 else "custom"
    singular, plural = KIND_PLURALS.get(kind, KIND_PLURALS["custom"])
    count = len(items) if count is None else count
    return f"{count} {plural} are due" if count != 1 else f"1 {singular} is due"
