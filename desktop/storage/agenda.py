"""Coming up: interviews and follow-ups (their reminders and deadlines) in a week or month,
and one contact's history (interviews, notes sent to them, replies) for their timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from desktop.storage.due_query import OPEN_STATUSES_SQL
from desktop.storage.plain_rows import plain_rows, stored_time, utc_time


@dataclass(frozen=True)
class AgendaEntry:
    """One thing on the agenda. `what`: interview | remind | due (a follow-up's reminder or
    its deadline); `ref` is the interview's or the follow-up's id."""

    at: datetime
    what: str
    ref: int
    company: str
    role: str
    kind: str  # the interview's kind, or the follow-up's
    contact: str = ""
    title: str = ""
    overdue: bool = False


_INTERVIEWS = """
SELECT i.starts_at, i.id, co.name, a.role, i.kind,
       (SELECT group_concat(c.name, ', ') FROM participants AS p
        JOIN contacts AS c ON c.id = p.contact_id
        WHERE p.interview_id = i.id AND p.role = 'interviewer')
FROM interviews AS i
JOIN applications AS a ON a.id = i.application_id
JOIN companies AS co ON co.id = a.company_id
WHERE i.cancelled = 0 AND i.starts_at >= :start AND i.starts_at < :end
"""
_FOLLOWUPS = f"""
SELECT f.{{column}}, f.id, co.name, a.role, f.kind, c.name, f.title
FROM followups AS f
JOIN applications AS a ON a.id = f.application_id
JOIN companies AS co ON co.id = a.company_id
LEFT JOIN contacts AS c ON c.id = f.contact_id
WHERE f.status IN ({OPEN_STATUSES_SQL}) AND f.{{column}} >= :start AND f.{{column}} < :end
"""


def read_agenda(
    session: Session, start: datetime, end: datetime, now: datetime
) -> list[AgendaEntry]:
    """Everything from `start` up to `end`, in time order (interviews first at a tie)."""
    params = {"start": stored_time(start), "end": stored_time(end)}
    entries = [
        AgendaEntry(utc_time(at), "interview", ref, company, role, kind, people or "")
        for at, ref, company, role, kind, people in plain_rows(session, _INTERVIEWS, params)
    ]
    for column, what in (("remind_at", "remind"), ("due_at", "due")):
        sql = _FOLLOWUPS.replace("{column}", column)
        for at, ref, company, role, kind, contact, title in plain_rows(session, sql, params):
            moment = utc_time(at)
            entries.append(
                AgendaEntry(
                    moment,
                    what,
                    ref,
                    company,
                    role,
                    kind,
                    contact or "",
                    title or "",
                    overdue=what == "due" and moment <= now,
                )
            )
    order = {"interview": 0, "due": 1, "remind": 2}
    entries.sort(key=lambda e: (e.at, order[e.what], e.ref))
    return entries


@dataclass(frozen=True)
class TimelineEntry:
    """One event in a contact's history. `what`: interview | note | reply | planned (a note
    still to write)."""

    at: datetime
    what: str
    company: str
    role: str
    detail: str = ""  # the interview's kind, the note's kind and channel, the reply's outcome
    ref: int = 0  # the interview's or follow-up's id; the reply's application


_TIMELINE_INTERVIEWS = """
SELECT i.starts_at, i.id, co.name, a.role, i.kind, p.talking_points
FROM participants AS p
JOIN interviews AS i ON i.id = p.interview_id
JOIN applications AS a ON a.id = i.application_id
JOIN companies AS co ON co.id = a.company_id
WHERE p.contact_id = :contact AND i.cancelled = 0
"""
_TIMELINE_NOTES = f"""
SELECT coalesce(f.sent_at, f.due_at), f.id, co.name, a.role, f.kind, f.channel, f.status
FROM followups AS f
JOIN applications AS a ON a.id = f.application_id
JOIN companies AS co ON co.id = a.company_id
WHERE f.contact_id = :contact AND (f.status = 'sent' OR (f.status IN ({OPEN_STATUSES_SQL})
      AND f.due_at IS NOT NULL))
"""
# Replies to applications this person interviewed for, or is the contact of.
_TIMELINE_REPLIES = """
SELECT r.received_at, r.application_id, co.name, a.role, r.outcome, r.note
FROM replies AS r
JOIN applications AS a ON a.id = r.application_id
JOIN companies AS co ON co.id = a.company_id
WHERE a.primary_contact_id = :contact OR a.id IN (
    SELECT i.application_id FROM participants AS p
    JOIN interviews AS i ON i.id = p.interview_id WHERE p.contact_id = :contact)
"""


def read_timeline(session: Session, contact_id: int) -> list[TimelineEntry]:
    """The contact's history, latest first (notes still to write lead, by deadline)."""
    params = {"contact": contact_id}
    entries = [
        TimelineEntry(utc_time(at), "interview", company, role, kind, ref)
        for at, ref, company, role, kind, _points in session.execute(
            text(_TIMELINE_INTERVIEWS), params
        )
    ]
    for at, ref, company, role, kind, channel, status in session.execute(
        text(_TIMELINE_NOTES), params
    ):
        what = "note" if status == "sent" else "planned"
        entries.append(
            TimelineEntry(utc_time(at), what, company, role, f"{kind}:{channel or ''}", ref)
        )
    for at, ref, company, role, outcome, _note in session.execute(text(_TIMELINE_REPLIES), params):
        entries.append(TimelineEntry(utc_time(at), "reply", company, role, outcome, ref))
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries
