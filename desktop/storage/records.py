"""Plain data handed to the window: records read, inputs to save. Never live ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from desktop.errors import UserError


class ValidationError(UserError, ValueError):
    """Input a person typed is not valid; `problems` maps a field name to its message."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))


@dataclass(frozen=True)
class CompanyRecord:
    id: int
    name: str
    industry: str
    formality: str
    website: str
    notes: str
    contacts: int = 0
    applications: int = 0
    mailing_address: str = ""


@dataclass(frozen=True)
class CompanyInput:
    name: str
    industry: str = ""
    formality: str = "neutral"
    website: str = ""
    notes: str = ""
    mailing_address: str = ""


@dataclass(frozen=True)
class ContactRecord:
    id: int
    name: str
    preferred_name: str
    title: str
    company_id: int | None
    company: str
    email: str
    phone: str
    mailing_address: str
    notes: str
    salutation: str = ""  # Ms., Mr., Mx., Dr., Prof. or ""
    surname: str = ""
    linkedin_url: str = ""
    tags: tuple[str, ...] = ()

    @property
    def display_name(self) -> str:
        """'Dr. Alan Chu': the name with its salutation, as lists show it."""
        return f"{self.salutation} {self.name}" if self.salutation else self.name


@dataclass(frozen=True)
class ContactInput:
    name: str
    preferred_name: str = ""
    title: str = ""
    company_id: int | None = None
    email: str = ""
    phone: str = ""
    mailing_address: str = ""
    notes: str = ""
    # Empty: taken from the name ("Dr. Alan Chu" → "Dr.", surname "Chu") when saved.
    salutation: str = ""
    surname: str = ""
    linkedin_url: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ApplicationRecord:
    id: int
    company_id: int
    company: str
    role: str
    status: str
    source: str
    posting_url: str
    applied_on: date | None
    closed_on: date | None
    primary_contact_id: int | None
    notes: str
    interviews: int = 0
    last_interview_at: datetime | None = None
    # The latest reply from the employer, if any: when, and what it said (REPLY_OUTCOMES).
    last_reply_at: datetime | None = None
    last_reply_outcome: str = ""
    next_due_at: datetime | None = None
    # The rules' move-on point has come: offer to close it as "no response".
    suggest_close: bool = False
    job: JobDetails = field(default_factory=lambda: JobDetails())
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class JobDetails:
    """The job itself: where, how it is worked, what it pays, and the posting's text."""

    location: str = ""
    work_mode: str = ""  # remote | hybrid | onsite | ""
    salary_min: int | None = None
    salary_max: int | None = None
    salary_currency: str = ""
    salary_period: str = ""  # year | month | week | day | hour | ""
    description: str = ""


@dataclass(frozen=True)
class ApplicationInput:
    company_id: int
    role: str
    status: str = "applied"
    source: str = ""
    posting_url: str = ""
    applied_on: date | None = None
    closed_on: date | None = None
    primary_contact_id: int | None = None
    notes: str = ""
    job: JobDetails = field(default_factory=lambda: JobDetails())
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParticipantRecord:
    contact_id: int
    name: str
    title: str = ""
    role: str = "interviewer"
    talking_points: str = ""


@dataclass(frozen=True)
class InterviewRecord:
    id: int
    application_id: int
    company: str
    role: str
    starts_at: datetime
    ends_at: datetime | None
    kind: str
    location: str
    promised_response_by: date | None
    notes: str
    cancelled: bool
    participants: tuple[ParticipantRecord, ...] = ()
    # The employer's reply after this interview (before the next one), if one came.
    reply_at: datetime | None = None
    reply_outcome: str = ""


@dataclass(frozen=True)
class ParticipantInput:
    contact_id: int
    role: str = "interviewer"
    talking_points: str = ""


@dataclass(frozen=True)
class InterviewInput:
    application_id: int
    starts_at: datetime
    ends_at: datetime | None = None
    kind: str = "other"
    location: str = ""
    promised_response_by: date | None = None
    notes: str = ""
    cancelled: bool = False
    participants: tuple[ParticipantInput, ...] = ()


@dataclass(frozen=True)
class ReplyRecord:
    id: int
    application_id: int
    received_at: datetime
    note: str
    outcome: str = "other"  # next_round | offer | rejection | other


@dataclass(frozen=True)
class ReplyInput:
    received_at: datetime
    note: str = ""
    outcome: str = "other"


@dataclass(frozen=True)
class ReplyRecorded:
    """A reply just saved, and what it changed: enough for Ctrl+Z to take it back."""

    reply_id: int
    application_id: int
    status_before: str
    closed_on_before: date | None
    status_after: str


@dataclass(frozen=True)
class SearchHit:
    """One search result: what it is, which record to open, and the text that matched."""

    kind: str  # company | contact | application | interview
    id: int
    title: str
    snippet: str


@dataclass(frozen=True)
class Snapshot:
    """Rows removed by a delete, enough to put them back exactly (undo)."""

    description: str
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # Foreign keys a delete set to NULL: (table, row id, column, old value).
    nulled: list[tuple[str, int, str, Any]] = field(default_factory=list)
    # Surviving rows the delete's re-planning may change (the follow-ups of applications
    # that lost an interview or an interviewer), as they were before; undo puts them back.
    before: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    replanned: tuple[int, ...] = ()


@dataclass(frozen=True)
class DueItem:
    """A follow-up whose remind time has come, as the CLI, window and tray show it."""

    id: int
    kind: str
    status: str
    channel: str | None
    contact: str | None
    contact_id: int | None
    company: str
    role: str
    application_id: int
    interview_id: int | None
    remind_at: datetime
    due_at: datetime | None
    late_at: datetime | None
    overdue: bool
    late: bool
    # So the Today view can group thank-yous under their interview.
    interview_starts_at: datetime | None = None
    # A user-made (custom) follow-up's own title.
    title: str = ""
