"""The four record lists: applications (by status), interviews, contacts, companies."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from desktop.core.followups import APPLICATION_STATUSES
from desktop.core.wording import (
    APPLICATION_STATUS_WORDS,
    REPLY_OUTCOME_SHORT,
    day_text,
    moment_text,
)
from desktop.ui.formatting import day
from desktop.ui.table_model import Column
from desktop.ui.views.records import RecordsView

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.storage.job_search import JobSearch
    from desktop.storage.records import ApplicationRecord, CompanyRecord, ContactRecord


def reply_text(outcome: str, at: datetime | None, tz: Any) -> str:
    """'Next round · Sat 21 Nov 2026': what the employer said, and when."""
    if at is None:
        return ""
    words = REPLY_OUTCOME_SHORT.get(outcome, "replied")
    return f"{words[:1].upper()}{words[1:]} · {day_text(at.astimezone(tz).date())}"


def applications_view(search: JobSearch, parent: QWidget | None = None) -> RecordsView:
    tz = search.tz

    def when(moment: datetime | None, _tz: Any) -> str:  # this year's dates without the year
        return moment_text(moment, tz, now=search.clock())

    columns: list[Column[ApplicationRecord]] = [
        Column(QCoreApplication.translate("lists", "Company"), lambda a: a.company),
        Column(QCoreApplication.translate("lists", "Role"), lambda a: a.role),
        Column(
            QCoreApplication.translate("lists", "Status"),
            lambda a: (
                APPLICATION_STATUS_WORDS.get(a.status, a.status)
                + ("  — time to move on?" if a.suggest_close else "")
            ),
            sort=lambda a: (
                APPLICATION_STATUSES.index(a.status) if a.status in APPLICATION_STATUSES else 99
            ),
        ),
        Column(
            QCoreApplication.translate("lists", "Interviews"),
            lambda a: str(a.interviews) if a.interviews else "",
            sort=lambda a: a.interviews,
        ),
        Column(
            QCoreApplication.translate("lists", "Last interview"),
            lambda a: when(a.last_interview_at, tz),
            sort=lambda a: a.last_interview_at.timestamp() if a.last_interview_at else 0,
        ),
        Column(
            QCoreApplication.translate("lists", "Next deadline"),
            lambda a: when(a.next_due_at, tz),
            sort=lambda a: a.next_due_at.timestamp() if a.next_due_at else float("inf"),
        ),
        Column(
            QCoreApplication.translate("lists", "Last reply"),
            lambda a: reply_text(a.last_reply_outcome, a.last_reply_at, tz),
            sort=lambda a: a.last_reply_at.timestamp() if a.last_reply_at else 0,
        ),
        Column(
            QCoreApplication.translate("lists", "Applied"),
            lambda a: day(a.applied_on),
            sort=lambda a: a.applied_on.toordinal() if a.applied_on else 0,
        ),
        tags_column(),
    ]
    choices = [("All applications", None)] + [
        (APPLICATION_STATUS_WORDS[s], s) for s in APPLICATION_STATUSES
    ]
    return RecordsView(
        "Applications",
        "application",
        columns,
        fetch=lambda offset, limit, text, status: search.applications(offset, limit, status=status),
        count=lambda text, status: search.count_applications(status=status),
        empty_text="No applications yet.\n\nAdd a company and the role you applied for, "
        "or import a job search from File ▸ Import.",
        choices=choices,
        parent=parent,
        filterable=False,
        stretch=1,  # the role
        keep=(0,),  # the company
    )


def interviews_view(
    search: JobSearch, clock: Callable[[], datetime], parent: QWidget | None = None
) -> RecordsView:
    tz = search.tz

    def when(moment: datetime | None, _tz: Any) -> str:  # this year's dates without the year
        return moment_text(moment, tz, now=clock())

    def interviewers(iv: Any) -> str:
        return ", ".join(p.name for p in iv.participants if p.role == "interviewer")

    columns = [
        Column(
            QCoreApplication.translate("lists", "When"),
            lambda i: when(i.starts_at, tz) + ("  (cancelled)" if i.cancelled else ""),
            sort=lambda i: i.starts_at.timestamp(),
        ),
        Column(QCoreApplication.translate("lists", "Company"), lambda i: i.company),
        Column(QCoreApplication.translate("lists", "Role"), lambda i: i.role),
        Column(QCoreApplication.translate("lists", "Kind"), lambda i: i.kind.capitalize()),
        Column(
            QCoreApplication.translate("lists", "Interviewers"),
            interviewers,
            tooltip=lambda i: "\n".join(
                f"{p.name}: {p.talking_points}" for p in i.participants if p.talking_points
            ),
        ),
        Column(
            QCoreApplication.translate("lists", "Reply"),
            lambda i: reply_text(i.reply_outcome, i.reply_at, tz),
            sort=lambda i: i.reply_at.timestamp() if i.reply_at else 0,
        ),
        Column(QCoreApplication.translate("lists", "Where"), lambda i: i.location),
    ]
    choices = [("Upcoming", True), ("Past", False), ("All interviews", None)]
    return RecordsView(
        "Interviews",
        "interview",
        columns,
        fetch=lambda offset, limit, text, upcoming: search.interviews(
            offset, limit, upcoming=upcoming, now=clock()
        ),
        count=lambda text, upcoming: search.count_interviews(upcoming=upcoming, now=clock()),
        empty_text="No interviews recorded.\n\nAdd each interview with the people you met and "
        "what you talked about; the thank-you notes follow from it.",
        choices=choices,
        parent=parent,
        filterable=False,
        stretch=2,  # the role
        keep=(0, 1),  # when, and the company
    )


def tags_column() -> Column[Any]:
    return Column(
        QCoreApplication.translate("lists", "Tags"), lambda r: "  ".join(f"#{t}" for t in r.tags)
    )


def tag_choices(search: JobSearch, kind: str, everything: str) -> list[tuple[str, Any]]:
    """The tag filter's entries: everything, then each tag in use."""
    return [(everything, ""), *((f"#{t}", t) for t in search.tags(kind))]


def contacts_view(
    search: JobSearch, parent: QWidget | None = None, clock: Callable[[], datetime] | None = None
) -> RecordsView:
    from desktop.ui.views.person import PersonPanel

    columns: list[Column[ContactRecord]] = [
        Column(
            QCoreApplication.translate("lists", "Name"),
            lambda c: c.display_name,
            sort=lambda c: c.name.casefold(),
        ),
        Column(QCoreApplication.translate("lists", "Title"), lambda c: c.title),
        Column(QCoreApplication.translate("lists", "Company"), lambda c: c.company),
        Column(QCoreApplication.translate("lists", "Email"), lambda c: c.email),
        Column(QCoreApplication.translate("lists", "Phone"), lambda c: c.phone),
        tags_column(),
    ]
    view = RecordsView(
        "Contacts",
        "contact",
        columns,
        fetch=lambda offset, limit, text, tag: search.contacts(
            offset, limit, text=text, tag=tag or ""
        ),
        count=lambda text, tag: search.count_contacts(text=text, tag=tag or ""),
        empty_text="No contacts yet.\n\nInterviewers you add to an interview appear here; "
        "you can also import contacts (vCard, LinkedIn) from File ▸ Import.",
        choices=[("All contacts", "")],
        parent=parent,
        stretch=1,  # the title
        keep=(0, 2),  # the name and the company
    )
    view.choice.setAccessibleName(QCoreApplication.translate("lists", "Show contacts tagged"))
    view.choice_source = lambda: tag_choices(search, "contact", "All contacts")
    view.person = PersonPanel(search, clock or search.clock, view)  # type: ignore[attr-defined]
    view.add_side(view.person)  # type: ignore[attr-defined]
    view.selection_changed.connect(view.person.show_contact)  # type: ignore[attr-defined]
    return view


def companies_view(search: JobSearch, parent: QWidget | None = None) -> RecordsView:
    columns: list[Column[CompanyRecord]] = [
        Column(QCoreApplication.translate("lists", "Name"), lambda c: c.name),
        Column(QCoreApplication.translate("lists", "Industry"), lambda c: c.industry),
        Column(
            QCoreApplication.translate("lists", "Formality"), lambda c: c.formality.capitalize()
        ),
        Column(
            QCoreApplication.translate("lists", "Contacts"),
            lambda c: str(c.contacts) if c.contacts else "",
            sort=lambda c: c.contacts,
        ),
        Column(
            QCoreApplication.translate("lists", "Applications"),
            lambda c: str(c.applications) if c.applications else "",
            sort=lambda c: c.applications,
        ),
    ]
    return RecordsView(
        "Companies",
        "company",
        columns,
        fetch=lambda offset, limit, text, _: search.companies(offset, limit, text=text),
        count=lambda text, _: search.count_companies(text=text),
        empty_text="No companies yet.\n\nAdd the companies you are talking to. Formal ones "
        "(law, banking, government) get a handwritten card for the thank-you.",
        parent=parent,
    )
