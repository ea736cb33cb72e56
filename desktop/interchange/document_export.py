"""The whole database as the JSON document of ARCHITECTURE §5.

Ids are local to the file (c1, p1, a1, i1, f1 in database order), empty fields are left
out, and times are written in the user's zone, so exporting, importing into an empty
database and exporting again gives the same document.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.followups import Kind
from desktop.core.job import normalize_tags
from desktop.interchange.document_model import FORMAT_NAME, FORMAT_VERSION, JOB_FIELDS
from desktop.storage.models import (
    Application,
    Company,
    Contact,
    Draft,
    FollowUp,
    Interview,
    Participant,
    Reply,
)


def _value(value: Any, tz: tzinfo) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(tz).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _tags(stored: str) -> list[str] | None:
    return list(normalize_tags(stored)) or None


def _record(tz: tzinfo, **fields: Any) -> dict[str, Any]:
    """Fields with a value; empty text, None, False and 0 are left out."""
    return {
        k: _value(v, tz) for k, v in fields.items() if v not in (None, "", False, 0) or k == "id"
    }


def export_document(session: Session, tz: tzinfo) -> dict[str, Any]:
    """Everything in the database, as a JSON-ready dict."""
    companies = list(session.scalars(select(Company).order_by(Company.id)))
    contacts = list(session.scalars(select(Contact).order_by(Contact.id)))
    applications = list(session.scalars(select(Application).order_by(Application.id)))
    interviews = list(session.scalars(select(Interview).order_by(Interview.id)))
    followups = list(session.scalars(select(FollowUp).order_by(FollowUp.id)))
    drafts = list(session.scalars(select(Draft).order_by(Draft.id)))
    replies = list(session.scalars(select(Reply).order_by(Reply.id)))
    participants: dict[int, list[Participant]] = {}
    for part in session.scalars(
        select(Participant).order_by(Participant.interview_id, Participant.position, Participant.id)
    ):
        participants.setdefault(part.interview_id, []).append(part)

    cid = {c.id: f"c{i}" for i, c in enumerate(companies, 1)}
    pid = {p.id: f"p{i}" for i, p in enumerate(contacts, 1)}
    aid = {a.id: f"a{i}" for i, a in enumerate(applications, 1)}
    iid = {v.id: f"i{i}" for i, v in enumerate(interviews, 1)}
    fid = {f.id: f"f{i}" for i, f in enumerate(followups, 1)}

    def ref(table: dict[int, str], key: int | None) -> str | None:
        return table.get(key) if key is not None else None

    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "companies": [
            _record(
                tz,
                id=cid[c.id],
                name=c.name,
                industry=c.industry,
                formality=c.formality,
                website=c.website,
                mailing_address=c.mailing_address,
                notes=c.notes,
            )
            for c in companies
        ],
        "contacts": [
            _record(
                tz,
                id=pid[p.id],
                salutation=p.salutation,
                name=p.name,
                surname=p.surname,
                preferred_name=p.preferred_name,
                title=p.title,
                company=ref(cid, p.company_id),
                email=p.email,
                phone=p.phone,
                mailing_address=p.mailing_address,
                notes=p.notes,
                linkedin_url=p.linkedin_url,
                tags=_tags(p.tags),
            )
            for p in contacts
        ],
        "applications": [
            _record(
                tz,
                id=aid[a.id],
                company=cid[a.company_id],
                role=a.role,
                status=a.status,
                source=a.source,
                posting_url=a.posting_url,
                applied_on=a.applied_on,
                closed_on=a.closed_on,
                primary_contact=ref(pid, a.primary_contact_id),
                notes=a.notes,
                **{name: getattr(a, name) for name in JOB_FIELDS},
                tags=_tags(a.tags),
            )
            for a in applications
        ],
        "interviews": [
            {
                **_record(
                    tz,
                    id=iid[v.id],
                    application=aid[v.application_id],
                    starts_at=v.starts_at,
                    ends_at=v.ends_at,
                    kind=v.kind,
                    location=v.location,
                    promised_response_by=v.promised_response_by,
                    notes=v.notes,
                    cancelled=v.cancelled,
                    calendar_uid=v.calendar_uid,
                    calendar_sequence=v.calendar_sequence,
                    calendar_stamp=v.calendar_stamp,
                ),
                "participants": [
                    _record(
                        tz,
                        contact=pid[part.contact_id],
                        role=None if part.role == "interviewer" else part.role,
                        talking_points=part.talking_points,
                    )
                    for part in participants.get(v.id, [])
                ],
            }
            for v in interviews
        ],
        "followups": [
            _record(
                tz,
                id=fid[f.id],
                kind=f.kind,
                application=None if f.kind == Kind.THANK_YOU else aid[f.application_id],
                interview=ref(iid, f.interview_id),
                contact=ref(pid, f.contact_id),
                channel=f.channel,
                status=f.status,
                title=f.title,
                remind_at=f.remind_at,
                due_at=f.due_at,
                late_at=f.late_at,
                snoozed_until=f.snoozed_until,
                sent_at=f.sent_at,
            )
            for f in followups
        ],
        "drafts": [
            _record(tz, followup=fid[d.followup_id], subject=d.subject, body_html=d.body_html)
            for d in drafts
        ],
        "replies": [
            _record(
                tz,
                application=aid[r.application_id],
                received_at=r.received_at,
                note=r.note,
                # "other" is what an older file's reply means: left out like any default.
                outcome=None if r.outcome == "other" else r.outcome,
            )
            for r in replies
        ],
    }
