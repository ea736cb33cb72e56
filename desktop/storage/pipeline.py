# Over 400 lines on purpose: applications, interviews and replies are saved as one pipeline.
"""Applications, interviews and replies: paged reads and validated saves."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from desktop.core.followups import (
    APPLICATION_STATUSES,
    CLOSED_APPLICATION_STATUSES,
    INTERVIEW_KINDS,
    OPEN_STATUSES,
    REPLY_OUTCOMES,
    Kind,
    status_after_reply,
)
from desktop.core.job import (
    WORK_MODES,
    Salary,
    normalize_tags,
    salary_problem,
    tags_problem,
    tags_text,
)
from desktop.core.validation import interview_times_problem, promised_date_problem, required
from desktop.storage.models import (
    Application,
    Company,
    Contact,
    FollowUp,
    Interview,
    Participant,
    Reply,
)
from desktop.storage.records import (
    ApplicationInput,
    ApplicationRecord,
    InterviewInput,
    InterviewRecord,
    JobDetails,
    ParticipantRecord,
    ReplyInput,
    ReplyRecord,
    ReplyRecorded,
    ValidationError,
)

AnySelect = Select[*tuple[Any, ...]]
_OPEN = [s.value for s in OPEN_STATUSES]

# --- applications ---


def _status_filter(stmt: AnySelect, status: str | None, tag: str = "") -> AnySelect:
    if tag.strip():
        stmt = stmt.where(tag_clause(Application.tags, tag))
    return stmt if status is None else stmt.where(Application.status == status)


def count_applications(session: Session, status: str | None, tag: str = "") -> int:
    stmt = _status_filter(select(func.count(Application.id)), status, tag)
    return int(session.scalar(stmt) or 0)


def read_applications(
    session: Session,
    now: datetime,
    offset: int = 0,
    limit: int = 200,
    status: str | None = None,
    application_id: int | None = None,
    tag: str = "",
) -> list[ApplicationRecord]:
    """Applications, most recent activity first, with per-application figures in bulk."""
    talks = (
        select(
            Interview.application_id,
            func.count(Interview.id).label("n"),
            func.max(Interview.starts_at).label("last"),
        )
        .group_by(Interview.application_id)
        .subquery()
    )
    heard = (
        select(Reply.application_id, func.max(Reply.received_at).label("last"))
        .group_by(Reply.application_id)
        .subquery()
    )
    # The outcome of the latest reply (the newest row when two share a time).
    last_outcome = (
        select(Reply.outcome)
        .where(Reply.application_id == Application.id)
        .order_by(Reply.received_at.desc(), Reply.id.desc())
        .limit(1)
        .correlate(Application)
        .scalar_subquery()
    )
    due = (
        select(FollowUp.application_id, func.min(FollowUp.due_at).label("next"))
        .where(FollowUp.status.in_(_OPEN))
        .group_by(FollowUp.application_id)
        .subquery()
    )
    # Grouped, not correlated: SQLite would walk the status index once per application.
    move_on = (
        select(FollowUp.application_id, func.count(FollowUp.id).label("n"))
        .where(
            FollowUp.kind == Kind.MOVE_ON.value,
            FollowUp.status.in_(_OPEN),
            FollowUp.remind_at <= now,
            or_(FollowUp.snoozed_until.is_(None), FollowUp.snoozed_until <= now),
        )
        .group_by(FollowUp.application_id)
        .subquery()
    )
    # Times are stored as sortable UTC text, so SQLite's scalar max() picks the latest.
    activity = func.max(
        Application.updated_at,
        func.coalesce(talks.c.last, Application.updated_at),
        func.coalesce(heard.c.last, Application.updated_at),
    )
    stmt = (
        select(
            Application,
            Company.name.label("company"),
            func.coalesce(talks.c.n, 0).label("interviews"),
            talks.c.last.label("last_interview_at"),
            due.c.next.label("next_due_at"),
            move_on.c.n.label("suggest_close"),
            heard.c.last.label("last_reply_at"),
            last_outcome.label("last_reply_outcome"),
        )
        .join(Company, Company.id == Application.company_id)
        .outerjoin(talks, talks.c.application_id == Application.id)
        .outerjoin(heard, heard.c.application_id == Application.id)
        .outerjoin(due, due.c.application_id == Application.id)
        .outerjoin(move_on, move_on.c.application_id == Application.id)
    )
    if application_id is not None:
        stmt = stmt.where(Application.id == application_id)
    stmt = _status_filter(stmt, status, tag).order_by(activity.desc(), Application.id.desc())
    rows = session.execute(stmt.offset(offset).limit(limit)).all()
    return [
        ApplicationRecord(
            id=a.id,
            company_id=a.company_id,
            company=row.company,
            role=a.role,
            status=a.status,
            source=a.source,
            posting_url=a.posting_url,
            applied_on=a.applied_on,
            closed_on=a.closed_on,
            primary_contact_id=a.primary_contact_id,
            notes=a.notes,
            interviews=int(row.interviews),
            last_interview_at=_utc(row.last_interview_at),
            next_due_at=_utc(row.next_due_at),
            suggest_close=bool(row.suggest_close),
            last_reply_at=_utc(row.last_reply_at),
            last_reply_outcome=row.last_reply_outcome or "",
            job=job_details(a),
            tags=normalize_tags(a.tags),
        )
        for row in rows
        for a in [row[0]]
    ]


def job_details(a: Application) -> JobDetails:
    return JobDetails(
        location=a.location,
        work_mode=a.work_mode,
        salary_min=a.salary_min,
        salary_max=a.salary_max,
        salary_currency=a.salary_currency,
        salary_period=a.salary_period,
        description=a.description,
    )


def tag_clause(column: Any, tag: str) -> Any:
    """Rows whose tags column holds `tag` (as a whole tag, ignoring case)."""
    padded = func.lower(", " + column + ",")
    return padded.contains(f", {tag.strip().lower()},", autoescape=True)


def _utc(value: Any) -> datetime | None:
    """Aggregates bypass the column type: bring stored UTC text back as an aware time."""
    from datetime import UTC

    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    assert isinstance(value, datetime)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def application_problems(session: Session, data: ApplicationInput) -> dict[str, str]:
    problems: dict[str, str] = {}
    if message := required(data.role, "Role"):
        problems["role"] = message
    if data.status not in APPLICATION_STATUSES:
        problems["status"] = f"Status must be one of {', '.join(APPLICATION_STATUSES)}"
    if session.get(Company, data.company_id) is None:
        problems["company_id"] = "Choose the company this application is with"
    if (
        data.primary_contact_id is not None
        and session.get(Contact, data.primary_contact_id) is None
    ):
        problems["primary_contact_id"] = "That contact no longer exists"
    if data.applied_on and data.closed_on and data.closed_on < data.applied_on:
        problems["closed_on"] = "The application cannot close before it was made"
    job = data.job
    if job.work_mode not in WORK_MODES:
        problems["work_mode"] = f"Work mode must be one of {', '.join(m for m in WORK_MODES if m)}"
    salary = Salary(job.salary_min, job.salary_max, job.salary_currency, job.salary_period)
    if message := salary_problem(salary):
        problems["salary"] = message
    if message := tags_problem(normalize_tags(data.tags)):
        problems["tags"] = message
    return problems


def save_application(session: Session, data: ApplicationInput, application_id: int | None) -> int:
    if problems := application_problems(session, data):
        raise ValidationError(problems)
    app = Application() if application_id is None else _get(session, Application, application_id)
    app.company_id = data.company_id
    app.role = data.role.strip()
    app.status = data.status
    app.source = data.source.strip()
    app.posting_url = data.posting_url.strip()
    app.applied_on = data.applied_on
    app.closed_on = data.closed_on
    app.primary_contact_id = data.primary_contact_id
    app.notes = data.notes
    job = data.job
    app.location = job.location.strip()
    app.work_mode = job.work_mode
    app.salary_min, app.salary_max = job.salary_min, job.salary_max
    app.salary_currency = job.salary_currency.strip().upper()
    app.salary_period = job.salary_period
    app.description = job.description
    app.tags = tags_text(normalize_tags(data.tags))
    session.add(app)
    session.flush()
    return app.id


def close_application(session: Session, application_id: int, status: str, on: Any) -> None:
    if status not in CLOSED_APPLICATION_STATUSES:
        allowed = ", ".join(sorted(CLOSED_APPLICATION_STATUSES))
        raise ValidationError({"status": f"An application closes as one of {allowed}"})
    app = _get(session, Application, application_id)
    app.status = status
    app.closed_on = on


# --- interviews ---


def _when(stmt: AnySelect, upcoming: bool | None, now: datetime) -> AnySelect:
    if upcoming is True:
        return stmt.where(Interview.starts_at >= now)
    if upcoming is False:
        return stmt.where(Interview.starts_at < now)
    return stmt


def count_interviews(session: Session, upcoming: bool | None, now: datetime) -> int:
    return int(session.scalar(_when(select(func.count(Interview.id)), upcoming, now)) or 0)


def read_interviews(
    session: Session,
    now: datetime,
    offset: int = 0,
    limit: int = 200,
    upcoming: bool | None = None,
    interview_id: int | None = None,
) -> list[InterviewRecord]:
    """Upcoming interviews soonest first; past (or all) ones latest first."""
    stmt = (
        select(Interview, Company.name.label("company"), Application.role)
        .join(Application, Application.id == Interview.application_id)
        .join(Company, Company.id == Application.company_id)
    )
    if interview_id is not None:
        stmt = stmt.where(Interview.id == interview_id)
    stmt = _when(stmt, upcoming, now)
    order = (
        (Interview.starts_at, Interview.id)
        if upcoming
        else (Interview.starts_at.desc(), Interview.id.desc())
    )
    rows = session.execute(stmt.order_by(*order).offset(offset).limit(limit)).all()
    people = _participants(session, [row[0].id for row in rows])
    answers = _replies_after(session, [row[0] for row in rows])
    return [
        InterviewRecord(
            id=v.id,
            application_id=v.application_id,
            company=company,
            role=role,
            starts_at=v.starts_at,
            ends_at=v.ends_at,
            kind=v.kind,
            location=v.location,
            promised_response_by=v.promised_response_by,
            notes=v.notes,
            cancelled=v.cancelled,
            participants=tuple(people.get(v.id, ())),
            reply_at=answers.get(v.id, (None, ""))[0],
            reply_outcome=answers.get(v.id, (None, ""))[1],
        )
        for v, company, role in rows
    ]


def _replies_after(
    session: Session, interviews: list[Interview]
) -> dict[int, tuple[datetime, str]]:
    """For each interview, the first reply that came after it and before the next
    interview of the same application: the answer to that round."""
    app_ids = {v.application_id for v in interviews}
    if not app_ids:
        return {}
    starts: dict[int, list[datetime]] = defaultdict(list)
    for app_id, start in session.execute(
        select(Interview.application_id, Interview.starts_at)
        .where(Interview.application_id.in_(app_ids), Interview.cancelled.is_(False))
        .order_by(Interview.starts_at)
    ):
        starts[app_id].append(start)
    replies: dict[int, list[tuple[datetime, str]]] = defaultdict(list)
    for app_id, received, outcome in session.execute(
        select(Reply.application_id, Reply.received_at, Reply.outcome)
        .where(Reply.application_id.in_(app_ids))
        .order_by(Reply.received_at, Reply.id)
    ):
        replies[app_id].append((received, outcome))
    out: dict[int, tuple[datetime, str]] = {}
    for v in interviews:
        later = [s for s in starts[v.application_id] if s > v.starts_at]
        until = later[0] if later else None
        for received, outcome in replies[v.application_id]:
            if received >= v.starts_at and (until is None or received < until):
                out[v.id] = (received, outcome)
                break
    return out


def _participants(session: Session, interview_ids: list[int]) -> dict[int, list[ParticipantRecord]]:
    out: dict[int, list[ParticipantRecord]] = defaultdict(list)
    if not interview_ids:
        return out
    rows = session.execute(
        select(Participant, Contact.name, Contact.title)
        .join(Contact, Contact.id == Participant.contact_id)
        .where(Participant.interview_id.in_(interview_ids))
        .order_by(Participant.interview_id, Participant.position, Participant.id)
    )
    for part, name, title in rows:
        out[part.interview_id].append(
            ParticipantRecord(part.contact_id, name, title, part.role, part.talking_points)
        )
    return out


def interview_problems(session: Session, data: InterviewInput, tz: tzinfo) -> dict[str, str]:
    problems: dict[str, str] = {}
    if session.get(Application, data.application_id) is None:
        problems["application_id"] = "Choose the application this interview is for"
    naive = [t for t in (data.starts_at, data.ends_at) if t is not None and t.tzinfo is None]
    if naive:
        problems["starts_at"] = "Times must carry a time zone"
        return problems
    if message := interview_times_problem(data.starts_at, data.ends_at):
        problems["ends_at" if data.starts_at else "starts_at"] = message
    local_start = data.starts_at.astimezone(tz) if data.starts_at else None
    if message := promised_date_problem(data.promised_response_by, local_start):
        problems["promised_response_by"] = message
    if data.kind not in INTERVIEW_KINDS:
        problems["kind"] = f"Kind must be one of {', '.join(INTERVIEW_KINDS)}"
    ids = [p.contact_id for p in data.participants]
    if len(set(ids)) != len(ids):
        problems["participants"] = "Each interviewer can be listed only once"
    elif ids:
        found = set(session.scalars(select(Contact.id).where(Contact.id.in_(ids))))
        if missing := [i for i in ids if i not in found]:
            problems["participants"] = f"{len(missing)} of these contacts no longer exist"
    if any(not p.role.strip() for p in data.participants):
        problems.setdefault("participants", "Each participant needs a role")
    return problems


def save_interview(
    session: Session, data: InterviewInput, interview_id: int | None, tz: tzinfo
) -> tuple[int, set[int]]:
    """Create or update an interview and its participants. Returns its id and the
    applications touched (two when the interview moved to another application)."""
    if problems := interview_problems(session, data, tz):
        raise ValidationError(problems)
    touched = {data.application_id}
    if interview_id is None:
        interview = Interview()
    else:
        interview = _get(session, Interview, interview_id)
        touched.add(interview.application_id)
    interview.application_id = data.application_id
    interview.starts_at = data.starts_at
    interview.ends_at = data.ends_at
    interview.kind = data.kind
    interview.location = data.location.strip()
    interview.promised_response_by = data.promised_response_by
    interview.notes = data.notes
    interview.cancelled = data.cancelled
    session.add(interview)
    session.flush()
    existing = {
        p.contact_id: p
        for p in session.scalars(
            select(Participant).where(Participant.interview_id == interview.id)
        )
    }
    wanted = {p.contact_id for p in data.participants}
    for contact_id, part in existing.items():
        if contact_id not in wanted:
            session.delete(part)
    session.flush()
    # Update rows in place so a participant kept on the panel keeps its row id.
    for position, item in enumerate(data.participants):
        part = existing.get(item.contact_id) or Participant(
            interview_id=interview.id, contact_id=item.contact_id
        )
        part.role = item.role
        part.talking_points = item.talking_points
        part.position = position
        session.add(part)
    session.flush()
    return interview.id, touched


# --- replies ---


def read_replies(session: Session, application_id: int) -> list[ReplyRecord]:
    rows = session.scalars(
        select(Reply)
        .where(Reply.application_id == application_id)
        .order_by(Reply.received_at.desc(), Reply.id.desc())
    )
    return [ReplyRecord(r.id, r.application_id, r.received_at, r.note, r.outcome) for r in rows]


def add_reply(session: Session, application_id: int, data: ReplyInput) -> ReplyRecorded:
    """Record the employer's reply; its outcome moves the application's status on
    (a rejection also closes it on the reply's day)."""
    app = session.get(Application, application_id)
    if app is None:
        raise ValidationError({"application_id": "That application no longer exists"})
    if data.received_at.tzinfo is None:
        raise ValidationError({"received_at": "The time must carry a time zone"})
    if data.outcome not in REPLY_OUTCOMES:
        raise ValidationError({"outcome": f"Outcome must be one of {', '.join(REPLY_OUTCOMES)}"})
    reply = Reply(
        application_id=application_id,
        received_at=data.received_at,
        note=data.note.strip(),
        outcome=data.outcome,
    )
    session.add(reply)
    before_status, before_closed = app.status, app.closed_on
    app.status = status_after_reply(data.outcome, app.status)
    if app.status in CLOSED_APPLICATION_STATUSES and before_status != app.status:
        app.closed_on = data.received_at.date()
    elif app.status not in CLOSED_APPLICATION_STATUSES:
        app.closed_on = None
    session.flush()
    return ReplyRecorded(reply.id, application_id, before_status, before_closed, app.status)


def remove_reply(session: Session, recorded: ReplyRecorded) -> None:
    """Undo `add_reply`: the reply goes, and the status comes back unless changed since."""
    reply = session.get(Reply, recorded.reply_id)
    if reply is None:
        raise ValidationError({"id": "That reply is no longer there"})
    session.delete(reply)
    app = session.get(Application, recorded.application_id)
    if app is not None and app.status == recorded.status_after:
        app.status = recorded.status_before
        app.closed_on = recorded.closed_on_before
    session.flush()


def _get(session: Session, model: type[Any], row_id: int) -> Any:
    row = session.get(model, row_id)
    if row is None:
        raise ValidationError({"id": f"That {model.__tablename__[:-1]} no longer exists"})
    return row
