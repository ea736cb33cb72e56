"""Open follow-ups as an iCalendar file: one event per follow-up, with an alarm at its remind time.

Each event's UID is `followup-<id>@afterword.local`, so importing the file again into a
calendar updates the events rather than duplicating them. Nothing volatile goes into the
file (DTSTAMP is the follow-up's last change, SEQUENCE is 0), so the same data always gives
the same bytes. All times are written in UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Calendar, Event
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from desktop.core.followups import OPEN_STATUSES
from desktop.core.wording import action_text
from desktop.storage.models import Application, FollowUp

PRODID = "-//Afterword//EN"
UID_DOMAIN = "afterword.local"
EVENT_LENGTH = timedelta(minutes=15)


def followup_uid(followup_id: int) -> str:
    return f"followup-{followup_id}@{UID_DOMAIN}"


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


def export_calendar(session: Session) -> bytes:
    """The open (pending or drafted) follow-ups as an RFC 5545 calendar."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Afterword follow-ups")
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
