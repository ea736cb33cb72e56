"""What the database already holds, read once so an importer can match rows before writing.

Records are kept in the form of the JSON document (ARCHITECTURE §5) with ids ``db-c<n>``,
``db-p<n>``, ``db-a<n>``, ``db-i<n>``, so an importer can put an existing row back into
the document it builds with every field intact and the writer leaves it as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from desktop.core.followups import CLOSED_APPLICATION_STATUSES
from desktop.core.job import normalize_tags
from desktop.interchange.document_model import JOB_FIELDS

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Record = dict[str, Any]
_PREFIX = {"companies": "c", "contacts": "p", "applications": "a", "interviews": "i"}
# How importers keep a contact's profile page in its notes ("LinkedIn: https://…").
PROFILE_NOTE = re.compile(r"^LinkedIn: (\S+)", re.MULTILINE)


@dataclass
class ExistingIndex:
    """Existing rows as document records, with the keys importers match on."""

    companies: dict[int, Record] = field(default_factory=dict)
    contacts: dict[int, Record] = field(default_factory=dict)
    applications: dict[int, Record] = field(default_factory=dict)
    interviews: dict[int, Record] = field(default_factory=dict)
    company_by_name: dict[str, int] = field(default_factory=dict)
    company_by_domain: dict[str, int] = field(default_factory=dict)
    contact_by_email: dict[str, int] = field(default_factory=dict)
    contact_by_name: dict[tuple[str, int | None], int] = field(default_factory=dict)
    contact_by_profile: dict[str, int] = field(default_factory=dict)
    profile_of: dict[int, str] = field(default_factory=dict)
    open_application_by_company: dict[int, int] = field(default_factory=dict)
    interview_by_uid: dict[str, int] = field(default_factory=dict)


def local_id(section: str, row_id: int) -> str:
    """The document id an existing row gets: ``db-c3`` for company 3."""
    return f"db-{_PREFIX[section]}{row_id}"


def profile_key(url: str) -> str:
    """A profile URL as one key: 'http://www.LinkedIn.com/in/ann/?x=1' → 'linkedin.com/in/ann'."""
    text = url.strip().lower().split("?")[0].split("#")[0].rstrip("/")
    text = re.sub(r"^https?://", "", text)
    return text.removeprefix("www.")


def email_domain(email: str) -> str:
    """The part after the @, lower-cased; empty when there is none."""
    _, at, domain = email.strip().lower().rpartition("@")
    return domain if at else ""


def _iso(value: date | datetime | None, tz: tzinfo) -> str | None:
    if isinstance(value, datetime):
        return value.astimezone(tz).isoformat()
    return value.isoformat() if value is not None else None


def load_existing(session: Session, tz: tzinfo) -> ExistingIndex:
    """Read companies, contacts, applications and calendar-made interviews for matching."""
    # Imported here so parsing a file (and its tests) does not pay for SQLAlchemy.
    from sqlalchemy import select

    from desktop.storage.models import Application, Company, Contact, Interview, Participant

    index = ExistingIndex()
    for c in session.scalars(select(Company).order_by(Company.id)):
        index.companies[c.id] = {
            "id": local_id("companies", c.id),
            "name": c.name,
            "industry": c.industry,
            "formality": c.formality,
            "website": c.website,
            "mailing_address": c.mailing_address,
            "notes": c.notes,
        }
        index.company_by_name.setdefault(c.name.strip().lower(), c.id)
    domain_votes: dict[str, dict[int, int]] = {}
    for p in session.scalars(select(Contact).order_by(Contact.id)):
        index.contacts[p.id] = {
            "id": local_id("contacts", p.id),
            "salutation": p.salutation or None,
            "name": p.name,
            "surname": p.surname,
            "preferred_name": p.preferred_name,
            "title": p.title,
            "company": local_id("companies", p.company_id) if p.company_id else None,
            "email": p.email,
            "phone": p.phone,
            "mailing_address": p.mailing_address,
            "notes": p.notes,
            "linkedin_url": p.linkedin_url,
            "tags": list(normalize_tags(p.tags)),
        }
        if p.email:
            index.contact_by_email.setdefault(p.email.strip().lower(), p.id)
            domain = email_domain(p.email)
            if domain and p.company_id is not None:
                votes = domain_votes.setdefault(domain, {})
                votes[p.company_id] = votes.get(p.company_id, 0) + 1
        index.contact_by_name.setdefault((p.name.strip().lower(), p.company_id), p.id)
        found = PROFILE_NOTE.search(p.notes or "")
        profile = p.linkedin_url or (found.group(1) if found else "")
        if profile:
            index.profile_of[p.id] = profile_key(profile)
            index.contact_by_profile.setdefault(index.profile_of[p.id], p.id)
    for domain, votes in domain_votes.items():
        # The company most of that domain's contacts work at.
        index.company_by_domain[domain] = max(votes, key=lambda cid: (votes[cid], -cid))
    for a in session.scalars(select(Application).order_by(Application.id)):
        index.applications[a.id] = {
            "id": local_id("applications", a.id),
            "company": local_id("companies", a.company_id),
            "role": a.role,
            "status": a.status,
            "source": a.source,
            "posting_url": a.posting_url,
            "applied_on": _iso(a.applied_on, tz),
            "closed_on": _iso(a.closed_on, tz),
            "primary_contact": (
                local_id("contacts", a.primary_contact_id) if a.primary_contact_id else None
            ),
            "notes": a.notes,
            **{name: getattr(a, name) for name in JOB_FIELDS},
            "tags": list(normalize_tags(a.tags)),
        }
        if a.status not in CLOSED_APPLICATION_STATUSES:
            # The newest open application at a company is the one an invite belongs to.
            index.open_application_by_company[a.company_id] = a.id
    parts: dict[int, list[Record]] = {}
    for part in session.scalars(
        select(Participant)
        .join(Interview)
        .where(Interview.calendar_uid.is_not(None))
        .order_by(Participant.interview_id, Participant.position, Participant.id)
    ):
        parts.setdefault(part.interview_id, []).append(
            {
                "contact": local_id("contacts", part.contact_id),
                "role": part.role,
                "talking_points": part.talking_points,
            }
        )
    for v in session.scalars(
        select(Interview).where(Interview.calendar_uid.is_not(None)).order_by(Interview.id)
    ):
        index.interviews[v.id] = {
            "id": local_id("interviews", v.id),
            "application": local_id("applications", v.application_id),
            "starts_at": _iso(v.starts_at, tz),
            "ends_at": _iso(v.ends_at, tz),
            "kind": v.kind,
            "location": v.location,
            "promised_response_by": _iso(v.promised_response_by, tz),
            "notes": v.notes,
            "cancelled": v.cancelled,
            "calendar_uid": v.calendar_uid,
            "calendar_sequence": v.calendar_sequence,
            "calendar_stamp": _iso(v.calendar_stamp, tz),
            "participants": parts.get(v.id, []),
        }
        if v.calendar_uid:
            index.interview_by_uid[v.calendar_uid] = v.id
    return index
