"""The activity report: every application with its dates, interviews, follow-ups sent and
replies, for a date range. It is the record job centres and unemployment offices ask for.

An application is in the report when anything happened to it in the range: it was applied
for or closed, an interview was held, a follow-up was sent or a reply came. Its events are
the ones inside the range; its applied and closed dates are always shown.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from typing import TYPE_CHECKING

from desktop.core.progress import ProgressFigures, progress_lines
from desktop.core.wording import (
    APPLICATION_STATUS_WORDS,
    REPORT_CHANNEL_WORDS,
    REPORT_KIND_WORDS,
)
from desktop.interchange.csv_cells import neutralise_row

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

CSV_COLUMNS = (
    "date",
    "company",
    "role",
    "source",
    "applied_on",
    "closed_on",
    "status",
    "activity",
    "kind",
    "with",
    "channel",
    "details",
)


@dataclass(frozen=True)
class Activity:
    """One dated thing that happened: an interview, a follow-up sent, a reply."""

    day: date
    # "Applied", "Interview" (or "Interview scheduled", "Interview cancelled"),
    # "Follow-up sent", "Reply received", "Closed".
    activity: str
    kind: str = ""  # "Onsite", "Thank-you note", …
    people: str = ""  # the interviewers, or whom a follow-up went to
    channel: str = ""
    details: str = ""


@dataclass(frozen=True)
class ApplicationRecord:
    company: str
    role: str
    source: str
    applied_on: date | None
    closed_on: date | None
    status: str
    activities: tuple[Activity, ...]


@dataclass(frozen=True)
class ActivityReport:
    """The report's content, ready for a CSV or PDF writer."""

    person: str
    start: date | None
    end: date | None
    made_on: date
    applications: tuple[ApplicationRecord, ...] = field(default_factory=tuple)
    # How the whole search is going on the day the report is made (the Progress view's).
    progress: ProgressFigures | None = None

    def count(self, activity: str) -> int:
        return sum(1 for a in self.applications for x in a.activities if x.activity == activity)

    def period(self) -> str:
        """The period in words: two dates, 'up to …', 'from …' or 'all dates'."""
        if self.start and self.end:
            return f"{long_date(self.start)} to {long_date(self.end)}"
        if self.end:
            return f"up to {long_date(self.end)}"
        if self.start:
            return f"from {long_date(self.start)}"
        return "all dates"


def long_date(day: date) -> str:
    return f"{day.day} {day.strftime('%b %Y')}"


def _local_day(moment: datetime, tz: tzinfo) -> date:
    if moment.tzinfo is None:  # the database stores UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(tz).date()


def _within(day: date | None, start: date | None, end: date | None) -> bool:
    return day is not None and (start is None or day >= start) and (end is None or day <= end)


def build_report(
    session: Session,
    tz: tzinfo,
    *,
    start: date | None = None,
    end: date | None = None,
    person: str = "",
    today: date | None = None,
    now: datetime | None = None,
) -> ActivityReport:
    """Read what happened between `start` and `end` (inclusive, in the user's zone)."""
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from desktop.core.followups import Status
    from desktop.storage.models import Application, Contact, FollowUp, Interview, Participant

    # A check-in names no contact of its own: it goes to the application's main contact.
    names: dict[int, str] = {
        row.id: row.name for row in session.execute(select(Contact.id, Contact.name))
    }
    applications = session.scalars(
        select(Application)
        .options(
            selectinload(Application.company),
            selectinload(Application.interviews)
            .selectinload(Interview.participants)
            .selectinload(Participant.contact),
            selectinload(Application.followups).selectinload(FollowUp.contact),
            selectinload(Application.replies),
        )
        .order_by(Application.id)
    ).all()
    made_today = today is None
    today = today or datetime.now(tz).date()
    records = []
    for app in applications:
        main_contact = names.get(app.primary_contact_id or -1, "")
        events: list[Activity] = []
        if _within(app.applied_on, start, end) and app.applied_on is not None:
            events.append(Activity(app.applied_on, "Applied"))
        for interview in app.interviews:
            day = _local_day(interview.starts_at, tz)
            if not _within(day, start, end):
                continue
            people = ", ".join(
                p.contact.name for p in interview.participants if p.role == "interviewer"
            )
            time = interview.starts_at.replace(tzinfo=interview.starts_at.tzinfo or UTC)
            details = time.astimezone(tz).strftime("%H:%M")
            if interview.location:
                details += f", {interview.location.splitlines()[0][:80]}"
            events.append(
                Activity(
                    day,
                    "Interview cancelled"
                    if interview.cancelled
                    else "Interview scheduled"
                    if day > today
                    else "Interview",
                    interview.kind.replace("_", " ").capitalize(),
                    people,
                    details=details,
                )
            )
        for fu in app.followups:
            if fu.status != Status.SENT or fu.sent_at is None:
                continue
            day = _local_day(fu.sent_at, tz)
            if _within(day, start, end):
                events.append(
                    Activity(
                        day,
                        "Follow-up sent",
                        fu.title or REPORT_KIND_WORDS.get(fu.kind, fu.kind),
                        fu.contact.name if fu.contact is not None else main_contact,
                        REPORT_CHANNEL_WORDS.get(fu.channel or "", fu.channel or ""),
                    )
                )
        for reply in app.replies:
            day = _local_day(reply.received_at, tz)
            if _within(day, start, end):
                events.append(Activity(day, "Reply received", details=reply.note.strip()[:300]))
        if _within(app.closed_on, start, end) and app.closed_on is not None:
            status = APPLICATION_STATUS_WORDS.get(app.status, app.status)
            events.append(Activity(app.closed_on, "Closed", status))
        if not events:
            continue
        order = {"Applied": 0, "Closed": 2}
        events.sort(key=lambda e: (e.day, order.get(e.activity, 1)))
        records.append(
            ApplicationRecord(
                app.company.name,
                app.role,
                app.source,
                app.applied_on,
                app.closed_on,
                APPLICATION_STATUS_WORDS.get(app.status, app.status),
                tuple(events),
            )
        )
    records.sort(key=lambda r: (r.applied_on or r.activities[0].day, r.company.lower()))
    from desktop.storage.progress import read_progress

    if now is None:
        from desktop.core.calendar import end_of_day

        # A report made "as of" a day counts what had happened by that day's end.
        now = datetime.now(UTC) if made_today else end_of_day(today, tz)
    figures = read_progress(session, now, tz)
    return ActivityReport(person, start, end, today, tuple(records), figures)


def report_csv(report: ActivityReport) -> str:
    """One row per activity, with its application's details repeated (RFC 4180, UTF-8)."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for app in report.applications:
        for event in app.activities:
            writer.writerow(
                neutralise_row(
                    {
                        "date": event.day.isoformat(),
                        "company": app.company,
                        "role": app.role,
                        "source": app.source,
                        "applied_on": app.applied_on.isoformat() if app.applied_on else "",
                        "closed_on": app.closed_on.isoformat() if app.closed_on else "",
                        "status": app.status,
                        "activity": event.activity,
                        "kind": event.kind,
                        "with": event.people,
                        "channel": event.channel,
                        "details": event.details,
                    }
                )
            )
    if report.progress is not None:
        # The Progress figures as rows of the same table, so one CSV reader takes both.
        for section, label, value in progress_lines(report.progress):
            writer.writerow(
                neutralise_row(
                    {
                        "date": report.made_on.isoformat(),
                        "activity": "Progress",
                        "kind": section,
                        "with": label,
                        "details": value,
                    }
                )
            )
    return buffer.getvalue()
