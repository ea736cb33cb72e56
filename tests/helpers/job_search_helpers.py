"""A small job search built through the facade, as the window would build it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from desktop.storage.job_search import JobSearch
from desktop.storage.records import (
    ApplicationInput,
    CompanyInput,
    ContactInput,
    InterviewInput,
    ParticipantInput,
)

NY = ZoneInfo("America/New_York")


def at(day: int, hour: int = 10, minute: int = 0) -> datetime:
    """A moment in November 2026, New York time."""
    return datetime(2026, 11, day, hour, minute, tzinfo=NY)


@dataclass
class Search:
    company: int
    margaret: int
    tom: int
    application: int
    interview: int


def job_search(workspace: object) -> JobSearch:
    js = JobSearch(workspace.store, workspace.rules, NY)  # type: ignore[attr-defined]
    js.clock = lambda: at(16, 14)
    return js


def build(js: JobSearch, name: str = "Hale & Pierce LLP") -> Search:
    company = js.save_company(CompanyInput(name=name, industry="law", formality=""))
    margaret = js.save_contact(
        ContactInput(name="Margaret Hale", title="Partner", company_id=company, email="m@hale.law")
    )
    tom = js.save_contact(ContactInput(name="Tom Pierce", title="Associate", company_id=company))
    application = js.save_application(
        ApplicationInput(company_id=company, role="Associate", status="interviewing")
    )
    interview = js.save_interview(
        InterviewInput(
            application_id=application,
            starts_at=at(16, 10),
            ends_at=at(16, 11),
            kind="onsite",
            location="1 Court St, Boston",
            notes="Second round",
            participants=(
                ParticipantInput(margaret, talking_points="her clerkship story"),
                ParticipantInput(tom, talking_points="the pro bono program"),
            ),
        )
    )
    return Search(company, margaret, tom, application, interview)
