"""Interviews and open follow-ups as an iCalendar file: one event per interview (its own
time, place and interviewers), and one per follow-up with an alarm at its remind time.

Each event's UID is `interview-<id>@afterword.local` or `followup-<id>@afterword.local`,
so importing the file again into a calendar updates the events rather than duplicating
them. An interview that came from an invitation gets our own UID, never the invitation's:
the user's calendar already holds that event, and ours must not replace it. A cancelled
interview is written with STATUS:CANCELLED, so a re-import takes it off the calendar.
Nothing volatile goes into the file (DTSTAMP is the record's last change), so the same
data always gives the same bytes. All times are written in UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Calendar, Event
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from desktop.core.followups import OPEN_STATUSES
from desktop.core.links import meeting_link
from desktop.core.wording import INTERVIEW_KIND_WORDS, action_text
from desktop.storage.models import Application, FollowUp, Interview, Participant

PRODID = "-//Afterword//EN"
UID_DOMAIN = "afterword.local"
EVENT_LENGTH = timedelta(minutes=15)


def followup_uid(followup_id: int) -> str:
    return f"followup-{followup_id}@{UID_DOMAIN}"


def interview_uid(interview_id: int) -> str:
    return f"interview-{interview_id}@{UID_DOMAIN}"


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:  # the database stores UTC
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _event(followup: FollowUp) -> Event | None:
    remind = followup.snoozed_until or followup.remind_at
    start = followup.due_at or remind
    if start is None:
        return None  # nothing to put in a calendar
    application = followup.application
    company = application.company.name
    contact = followup.contact.name if followup.contact is not None else None
    summary = action_text(followup.kind, contact, company, application.role)
    if contact:
        summary = f"{summary} ({company})"
    details = [f"{application.role} at {company}"]
    if followup.channel:
        details.append(f"Channel: {followup.channel}")
    if followup.title:
        details.append(followup.title)

    event = Event()
    event.add("uid", followup_uid(followup.id))
    event.add("dtstamp", _utc(followup.updated_at))
    event.add("sequence", 0)
    event.add("summary", summary)
    event.add("description", "\n".join(details))
    event.add("dtstart", _utc(start))
    event.add("dtend", _utc(start) + EVENT_LENGTH)
    event.add("categories", ["Afterword"])

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    if remind is None:
        alarm.add("trigger", timedelta(0))
    else:
        # An absolute trigger must say so: TRIGGER defaults to a duration (RFC 5545 3.8.6.3).
        alarm.add("trigger", _utc(remind), parameters={"VALUE": "DATE-TIME"})
    event.add_component(alarm)
    return event


def _interview_event(interview: Interview) -> Event:
    application = interview.application
    company = application.company.name
    label = INTERVIEW_KIND_WORDS.get(interview.kind, "Interview")
    event = Event()
    event.add("uid", interview_uid(interview.id))
    event.add("dtstamp", _utc(interview.updated_at))
    event.add("sequence", interview.calendar_sequence or 0)
    event.add("summary", f"{label}: {application.role} at {company}")
    start = _utc(interview.starts_at)
    event.add("dtstart", start)
    event.add("dtend", _utc(interview.ends_at) if interview.ends_at else start + timedelta(hours=1))
    people = [
        f"{p.contact.name}" + (f", {p.contact.title}" if p.contact.title else "")
        for p in interview.participants
        if p.role == "interviewer"
    ]
    details = [f"{application.role} at {company}"]
    if people:
        details.append("With " + "; ".join(people))
    if interview.notes:
        details.append(interview.notes)
    event.add("description", "\n".join(details))
    if interview.location:
        event.add("location", interview.location)
        link = meeting_link(interview.location)
        if link:
            event.add("url", link)
    event.add("status", "CANCELLED" if interview.cancelled else "CONFIRMED")
    event.add("categories", ["Afterword", "Interview"])
    return event


def export_calendar(session: Session) -> bytes:
    """Interviews and the open (pending or drafted) follow-ups as an RFC 5545 calendar."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Afterword interviews and follow-ups")
    interviews = session.scalars(
        select(Interview)
        .options(
            joinedload(Interview.application).joinedload(Application.company),
            selectinload(Interview.participants).joinedload(Participant.contact),
        )
        .order_by(Interview.starts_at, Interview.id)
    )
    for interview in interviews:
        calendar.add_component(_interview_event(interview))
    followups = session.scalars(
        select(FollowUp)
        .where(FollowUp.status.in_([s.value for s in OPEN_STATUSES]))
        .options(
            joinedload(FollowUp.application).joinedload(Application.company),
            joinedload(FollowUp.contact),
        )
        .order_by(FollowUp.id)
    )
    for followup in followups:
        event = _event(followup)
        if event is not None:
            calendar.add_component(event)
    return bytes(calendar.to_ical())
