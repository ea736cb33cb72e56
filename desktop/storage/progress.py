"""The Progress view's figures, read in a handful of aggregate queries.

Each query returns little: counts, or one row per past interview (the unit replies are
measured by). The arithmetic is desktop.core.progress's, shared with the activity report.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from desktop.core.calendar import local_date
from desktop.core.progress import (
    CHANNEL_GROUPS,
    FORMALITY_GROUPS,
    Funnel,
    InterviewFact,
    OpenFollowUps,
    ProgressFigures,
    ThankYous,
    response_rows,
    week_of,
    weekly_counts,
)
from desktop.storage.due_query import OPEN_STATUSES_SQL
from desktop.storage.plain_rows import plain_rows, stored_time, utc_time

_FUNNEL = """
SELECT count(*) FILTER (WHERE a.status != 'wishlist'),
       count(*) FILTER (WHERE a.status != 'wishlist' AND (
           a.status IN ('interviewing', 'offer', 'accepted') OR EXISTS (
               SELECT 1 FROM interviews AS i WHERE i.application_id = a.id
               AND i.cancelled = 0 AND i.starts_at <= :now))),
       count(*) FILTER (WHERE a.status IN ('offer', 'accepted') OR EXISTS (
           SELECT 1 FROM replies AS r WHERE r.application_id = a.id AND r.outcome = 'offer'))
FROM applications AS a
"""
# One row per past interview: the firm's formality, how its thank-yous went, and the days
# from its end to the first reply that came after it (NULL when none came).
_INTERVIEWS = """
WITH thanked AS (
    SELECT interview_id,
           max(channel = 'card') AS card, max(channel = 'email') AS email,
           max(channel = 'call') AS call
    FROM followups WHERE kind = 'thank_you' AND status = 'sent' AND interview_id IS NOT NULL
    GROUP BY interview_id
)
SELECT co.formality, t.card, t.email, t.call,
       julianday((SELECT min(r.received_at) FROM replies AS r
                  WHERE r.application_id = i.application_id AND r.received_at >= i.starts_at))
       - julianday(coalesce(i.ends_at, i.starts_at))
FROM interviews AS i
JOIN applications AS a ON a.id = i.application_id
JOIN companies AS co ON co.id = a.company_id
LEFT JOIN thanked AS t ON t.interview_id = i.id
WHERE i.cancelled = 0 AND i.starts_at <= :now
"""
_THANK_YOUS = f"""
SELECT count(*) FILTER (WHERE status = 'sent' AND (due_at IS NULL OR sent_at <= due_at)),
       count(*) FILTER (WHERE status = 'sent' AND sent_at > due_at),
       count(*) FILTER (WHERE status IN ({OPEN_STATUSES_SQL}) AND due_at < :now)
FROM followups WHERE kind = 'thank_you'
"""
_OPEN_FOLLOWUPS = f"""
SELECT count(*), count(*) FILTER (WHERE due_at < :now)
FROM followups WHERE status IN ({OPEN_STATUSES_SQL})
"""
_APPLIED_DAYS = """
SELECT coalesce(applied_on, date(created_at)), count(*) FROM applications
WHERE status != 'wishlist' AND coalesce(applied_on, date(created_at)) >= :since
GROUP BY 1
"""
_INTERVIEW_TIMES = """
SELECT starts_at FROM interviews WHERE cancelled = 0 AND starts_at >= :since_time
"""
_SENT_TIMES = """
SELECT sent_at FROM followups WHERE status = 'sent' AND sent_at >= :since_time
"""


def _channel(card: Any, email: Any, call: Any) -> str:
    if card:
        return "card"
    if email:
        return "email"
    return "call" if call else "none"


def _local_days(rows: list[tuple[Any, ...]], tz: tzinfo) -> list[date]:
    """Each stored time's day where the user lives. Times sharing a minute share a day (no
    zone's offset has seconds), so each minute is converted once."""
    minutes = Counter(str(value)[:16] for (value,) in rows)
    days: list[date] = []
    for minute, count in minutes.items():
        days += [local_date(utc_time(minute), tz)] * count
    return days


def read_progress(session: Session, now: datetime, tz: tzinfo, weeks: int = 12) -> ProgressFigures:
    params = {"now": stored_time(now)}
    applied, interviewed, offered = session.execute(text(_FUNNEL), params).one()
    facts = [
        InterviewFact(_channel(card, email, call), formality or "neutral", reply_days)
        for formality, card, email, call, reply_days in plain_rows(session, _INTERVIEWS, params)
    ]
    on_time, late, missed = session.execute(text(_THANK_YOUS), params).one()
    total_open, overdue = session.execute(text(_OPEN_FOLLOWUPS), params).one()

    today = local_date(now, tz)
    since = week_of(today) - timedelta(weeks=weeks - 1)
    since_time = datetime(since.year, since.month, since.day, tzinfo=tz) - timedelta(days=1)
    window = {"since": since.isoformat(), "since_time": stored_time(since_time)}
    applied_days: list[date] = []
    for day, count in session.execute(text(_APPLIED_DAYS), window):
        applied_days += [date.fromisoformat(str(day)[:10])] * int(count)
    interview_days = _local_days(plain_rows(session, _INTERVIEW_TIMES, window), tz)
    note_days = _local_days(plain_rows(session, _SENT_TIMES, window), tz)
    return ProgressFigures(
        funnel=Funnel(int(applied or 0), int(interviewed or 0), int(offered or 0)),
        weeks=weekly_counts(today, applied_days, interview_days, note_days, weeks),
        by_channel=response_rows(facts, "channel", CHANNEL_GROUPS),
        by_formality=response_rows(facts, "formality", FORMALITY_GROUPS),
        thank_yous=ThankYous(int(on_time or 0), int(late or 0), int(missed or 0)),
        open_followups=OpenFollowUps(int(total_open or 0), int(overdue or 0)),
    )
