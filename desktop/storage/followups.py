"""Keeping stored follow-ups in step with the rules, and reading what is due."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from desktop.core.followups import (
    ApplicationFacts,
    Channel,
    FollowUpFacts,
    InterviewFacts,
    Kind,
    Reconciliation,
    Status,
    reconcile,
)
from desktop.core.settings import RuleSettings
from desktop.storage.models import (
    Application,
    Company,
    Contact,
    FollowUp,
    Interview,
    Participant,
    Reply,
)
from desktop.storage.records import DueItem


def application_facts(
    session: Session, application_ids: Iterable[int] | None = None
) -> list[ApplicationFacts]:
    """The facts the rules need, for the given applications (all if None), in bulk."""
    app_query = select(
        Application.id, Application.status, Application.primary_contact_id, Company.formality
    ).join(Company, Company.id == Application.company_id)
    ids = None if application_ids is None else sorted(set(application_ids))
    if ids is not None:
        if not ids:
            return []
        app_query = app_query.where(Application.id.in_(ids))
    apps = session.execute(app_query.order_by(Application.id)).all()

    def scoped(stmt: Any, column: Any) -> Any:
        return stmt if ids is None else stmt.where(column.in_(ids))

    interviewers: dict[int, list[int]] = defaultdict(list)
    for interview_id, contact_id in session.execute(
        scoped(
            select(Participant.interview_id, Participant.contact_id)
            .join(Interview, Interview.id == Participant.interview_id)
            .where(Participant.role == "interviewer")
            .order_by(Participant.interview_id, Participant.position, Participant.id),
            Interview.application_id,
        )
    ):
        interviewers[interview_id].append(contact_id)

    interviews: dict[int, list[InterviewFacts]] = defaultdict(list)
    for row in session.execute(
        scoped(
            select(
                Interview.id,
                Interview.application_id,
                Interview.starts_at,
                Interview.ends_at,
                Interview.promised_response_by,
                Interview.cancelled,
            ),
            Interview.application_id,
        )
    ):
        interviews[row.application_id].append(
            InterviewFacts(
                id=row.id,
                starts_at=row.starts_at,
                ends_at=row.ends_at,
                promised_response_by=row.promised_response_by,
                interviewer_ids=tuple(interviewers.get(row.id, ())),
                cancelled=row.cancelled,
            )
        )

    followups: dict[int, list[FollowUpFacts]] = defaultdict(list)
    for fu in session.scalars(scoped(select(FollowUp), FollowUp.application_id)):
        followups[fu.application_id].append(facts_of(fu))

    replies: dict[int, list[datetime]] = defaultdict(list)
    for app_id, received in session.execute(
        scoped(select(Reply.application_id, Reply.received_at), Reply.application_id)
    ):
        replies[app_id].append(received)

    return [
        ApplicationFacts(
            id=app.id,
            status=app.status,
            formality=app.formality,
            primary_contact_id=app.primary_contact_id,
            interviews=tuple(interviews.get(app.id, ())),
            followups=tuple(followups.get(app.id, ())),
            replies=tuple(replies.get(app.id, ())),
        )
        for app in apps
    ]


def facts_of(fu: FollowUp) -> FollowUpFacts:
    return FollowUpFacts(
        id=fu.id,
        kind=Kind(fu.kind),
        status=Status(fu.status),
        interview_id=fu.interview_id,
        contact_id=fu.contact_id,
        channel=Channel(fu.channel) if fu.channel else None,
        remind_at=fu.remind_at,
        due_at=fu.due_at,
        late_at=fu.late_at,
        sent_at=fu.sent_at,
        pinned=fu.pinned,
    )


def refresh_followups(
    session: Session,
    settings: RuleSettings,
    tz: tzinfo,
    application_ids: Iterable[int] | None = None,
) -> dict[int, Reconciliation]:
    """Create, update and cancel follow-ups so they match the rules. Returns what changed.

    Sent follow-ups feed the chain (a sent check-in brings the second one), so this
    repeats until nothing changes; two passes are enough in practice, three at most.
    """
    changed: dict[int, Reconciliation] = {}
    pending_ids = None if application_ids is None else list(application_ids)
    for _ in range(4):
        session.flush()
        plans = {
            facts.id: reconcile(facts, settings, tz)
            for facts in application_facts(session, pending_ids)
        }
        plans = {app_id: plan for app_id, plan in plans.items() if not plan.empty}
        if not plans:
            break
        for app_id, plan in plans.items():
            _apply(session, app_id, plan)
            changed[app_id] = plan
        pending_ids = list(plans)
    from desktop.storage.follow_zone import remember_zone

    remember_zone(session, tz)  # so a later change of zone is noticed (storage.follow_zone)
    session.flush()
    return changed


def _apply(session: Session, application_id: int, plan: Reconciliation) -> None:
    if plan.create:
        # One executemany rather than an ORM object each: an interview with thousands of
        # interviewers (an all-hands invite) brings as many thank-yous.
        session.execute(
            insert(FollowUp),
            [
                {
                    "application_id": application_id,
                    "interview_id": item.interview_id,
                    "contact_id": item.contact_id,
                    "kind": item.kind.value,
                    "channel": item.channel.value if item.channel else None,
                    "status": Status.PENDING.value,
                    "remind_at": item.remind_at,
                    "due_at": item.due_at,
                    "late_at": item.late_at,
                }
                for item in plan.create
            ],
        )
    for upd in plan.update:
        fu = session.get_one(FollowUp, upd.followup_id)
        fu.remind_at = upd.expected.remind_at
        fu.due_at = upd.expected.due_at
        fu.late_at = upd.expected.late_at
        if upd.expected.kind != Kind.THANK_YOU:
            fu.contact_id = upd.expected.contact_id
        if upd.reopen:
            fu.status = Status.PENDING.value
            fu.snoozed_until = None
    for followup_id in plan.cancel:
        session.get_one(FollowUp, followup_id).status = Status.CANCELLED.value


def due_followups(session: Session, at: datetime, limit: int | None = None) -> list[DueItem]:
    """Open follow-ups whose remind time (or snooze) has come by `at`, soonest deadline first.

    The one query lives in due_query (plain sqlite3, so the tray and the window's first
    paint need no SQLAlchemy); here it runs on the session's own connection and sees
    its uncommitted writes.
    """
    from desktop.storage.due_query import read_due

    raw = session.connection().connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    return read_due(raw, at, limit)


@dataclass(frozen=True)
class NoteSource:
    """What a card or email for one follow-up is made from."""

    followup_id: int
    kind: str
    body_html: str | None  # None: no draft written yet
    contact: str | None
    mailing_address: str
    company: str


def note_source(session: Session, followup_id: int) -> NoteSource | None:
    """The draft and recipient of a follow-up, or None if there is no such follow-up."""
    from desktop.storage.models import Draft

    row = session.execute(
        select(
            FollowUp.id,
            FollowUp.kind,
            Draft.body_html,
            Contact.name,
            Contact.mailing_address,
            Company.name.label("company"),
        )
        .join(Application, Application.id == FollowUp.application_id)
        .join(Company, Company.id == Application.company_id)
        .outerjoin(Contact, Contact.id == FollowUp.contact_id)
        .outerjoin(Draft, Draft.followup_id == FollowUp.id)
        .where(FollowUp.id == followup_id)
    ).first()
    if row is None:
        return None
    return NoteSource(
        row.id, row.kind, row.body_html, row.name, row.mailing_address or "", row.company
    )
