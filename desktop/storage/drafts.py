"""Drafts: what the composer needs to write one note per interviewer, and where it keeps them.

A draft is saved many times a minute while the user types (autosave), so saving is a single
upsert of one row; it never re-applies the follow-up rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.storage.models import (
    Application,
    Company,
    Contact,
    Draft,
    FollowUp,
    Interview,
    Participant,
)
from desktop.storage.records import ValidationError

USER_WORDS_KEY = "dictionary.words"
SUBJECT_MAX = 500


@dataclass(frozen=True)
class DraftRecord:
    subject: str
    body_html: str
    updated_at: datetime


@dataclass(frozen=True)
class NoteTarget:
    """One follow-up as the composer sees it: who it goes to, what about, and its draft."""

    followup_id: int
    kind: str
    channel: str | None
    status: str
    sent_at: datetime | None
    application_id: int
    company: str
    formality: str
    role: str
    contact_id: int | None
    recipient_name: str
    preferred_name: str
    title: str
    email: str
    mailing_address: str
    interview_id: int | None
    interview_starts_at: datetime | None
    interview_kind: str
    promised_response_by: date | None
    talking_points: str
    draft: DraftRecord | None
    salutation: str = ""
    surname: str = ""
    company_address: str = ""  # the envelope's address when the contact has none
    # The posting's text, beside the note so it can speak to the role (schema 0006).
    job_description: str = ""

    @property
    def envelope_address(self) -> str:
        """Where a card goes: the contact's own address, else their company's (named)."""
        if self.mailing_address.strip():
            return self.mailing_address.strip()
        if not self.company_address.strip():
            return ""
        lines = self.company_address.strip().splitlines()
        if self.company and lines[0].strip() != self.company:
            lines.insert(0, self.company)
        return "\n".join(lines)

    @property
    def label(self) -> str:
        """What a tab or list shows for this note."""
        return self.recipient_name or self.company


def _target(session: Session, followup: FollowUp) -> NoteTarget:
    application = session.get(Application, followup.application_id)
    assert application is not None  # a follow-up always belongs to an application
    company = session.get(Company, application.company_id)
    contact = session.get(Contact, followup.contact_id) if followup.contact_id else None
    interview = session.get(Interview, followup.interview_id) if followup.interview_id else None
    points = ""
    if interview is not None and contact is not None:
        points = (
            session.scalar(
                select(Participant.talking_points).where(
                    Participant.interview_id == interview.id,
                    Participant.contact_id == contact.id,
                )
            )
            or ""
        )
    draft = session.scalar(select(Draft).where(Draft.followup_id == followup.id))
    return NoteTarget(
        followup_id=followup.id,
        kind=followup.kind,
        channel=followup.channel,
        status=followup.status,
        sent_at=followup.sent_at,
        application_id=application.id,
        company=company.name if company else "",
        formality=company.formality if company else "neutral",
        role=application.role,
        contact_id=contact.id if contact else None,
        recipient_name=contact.name if contact else "",
        preferred_name=contact.preferred_name if contact else "",
        title=contact.title if contact else "",
        email=contact.email if contact else "",
        mailing_address=contact.mailing_address if contact else "",
        interview_id=interview.id if interview else None,
        interview_starts_at=interview.starts_at if interview else None,
        interview_kind=interview.kind if interview else "",
        promised_response_by=interview.promised_response_by if interview else None,
        talking_points=points,
        draft=DraftRecord(draft.subject, draft.body_html, draft.updated_at) if draft else None,
        salutation=contact.salutation if contact else "",
        surname=contact.surname if contact else "",
        company_address=company.mailing_address if company else "",
        job_description=application.description,
    )


def note_targets(session: Session, followup_id: int) -> list[NoteTarget]:
    """The follow-up and, for an interview, the same kind of note to each other interviewer.

    The opened follow-up comes first; the others follow in the order the interviewers were
    added, skipping ones already sent or skipped. An unknown id gives an empty list.
    """
    followup = session.get(FollowUp, followup_id)
    if followup is None:
        return []
    targets = [_target(session, followup)]
    if followup.interview_id is None:
        return targets
    siblings = session.scalars(
        select(FollowUp)
        .outerjoin(
            Participant,
            (Participant.interview_id == FollowUp.interview_id)
            & (Participant.contact_id == FollowUp.contact_id),
        )
        .where(
            FollowUp.interview_id == followup.interview_id,
            FollowUp.kind == followup.kind,
            FollowUp.id != followup.id,
            FollowUp.status.in_(("pending", "snoozed")),
        )
        .order_by(Participant.id, FollowUp.id)
    )
    targets.extend(_target(session, sibling) for sibling in siblings)
    return targets


def save_draft(
    session: Session, followup_id: int, subject: str, body_html: str, at: datetime | None = None
) -> datetime:
    """Create or replace the draft of a follow-up; returns the time it was saved."""
    if session.get(FollowUp, followup_id) is None:
        raise ValidationError({"followup": f"there is no follow-up #{followup_id}"})
    if len(subject) > SUBJECT_MAX:
        raise ValidationError({"subject": f"longer than {SUBJECT_MAX} characters"})
    moment = at or datetime.now(UTC)
    draft = session.scalar(select(Draft).where(Draft.followup_id == followup_id))
    if draft is None:
        session.add(
            Draft(followup_id=followup_id, subject=subject, body_html=body_html, updated_at=moment)
        )
    else:
        draft.subject = subject
        draft.body_html = body_html
        draft.updated_at = moment
    return moment


def read_draft(session: Session, followup_id: int) -> DraftRecord | None:
    draft = session.scalar(select(Draft).where(Draft.followup_id == followup_id))
    return DraftRecord(draft.subject, draft.body_html, draft.updated_at) if draft else None


def user_words(session: Session) -> frozenset[str]:
    """The words the user added to the dictionary."""
    from desktop.storage.settings_store import read_value

    value = read_value(session, USER_WORDS_KEY)
    if not isinstance(value, list):
        return frozenset()
    return frozenset(str(word) for word in value)


def add_user_word(session: Session, word: str) -> frozenset[str]:
    from desktop.storage.settings_store import write_value

    word = word.strip()
    if not word or any(ch.isspace() for ch in word):
        raise ValidationError({"word": "a dictionary entry is one word"})
    words = set(user_words(session)) | {word}
    write_value(session, USER_WORDS_KEY, sorted(words))
    return frozenset(words)
