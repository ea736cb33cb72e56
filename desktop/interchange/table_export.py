"""Applications or contacts as a CSV table (UTF-8, a header row, RFC 4180 line ends).

A cell a spreadsheet would run as a formula is written as text (csv_cells).
Times are written in the user's zone as ISO 8601 with their offset; dates as YYYY-MM-DD.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import UTC, date, datetime, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.core.followups import OPEN_STATUSES
from desktop.interchange.csv_cells import neutralise_row
from desktop.storage.models import Application, Contact

TABLES = ("applications", "contacts")

APPLICATION_COLUMNS = (
    "company",
    "role",
    "status",
    "source",
    "applied_on",
    "closed_on",
    "interviews",
    "last_interview",
    "next_deadline",
)
CONTACT_COLUMNS = ("name", "preferred_name", "title", "company", "email", "phone")


def _time(moment: datetime | None, tz: tzinfo) -> str:
    if moment is None:
        return ""
    if moment.tzinfo is None:  # the database stores UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(tz).isoformat()


def _date(day: date | None) -> str:
    return "" if day is None else day.isoformat()


def _csv(columns: tuple[str, ...], rows: Iterable[dict[str, str]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(neutralise_row(row) for row in rows)
    return buffer.getvalue()


def _application_row(app: Application, tz: tzinfo) -> dict[str, str]:
    held = [i for i in app.interviews if not i.cancelled]
    open_due = [
        f.due_at for f in app.followups if f.status in OPEN_STATUSES and f.due_at is not None
    ]
    return {
        "company": app.company.name,
        "role": app.role,
        "status": app.status,
        "source": app.source,
        "applied_on": _date(app.applied_on),
        "closed_on": _date(app.closed_on),
        "interviews": str(len(held)),
        "last_interview": _time(max((i.starts_at for i in held), default=None), tz),
        "next_deadline": _time(min(open_due, default=None), tz),
    }


def export_applications(session: Session, tz: tzinfo) -> str:
    """One row per application, with its interviews and the soonest open follow-up deadline."""
    applications = session.scalars(
        select(Application)
        .options(
            selectinload(Application.company),
            selectinload(Application.interviews),
            selectinload(Application.followups),
        )
        .order_by(Application.id)
    )
    return _csv(APPLICATION_COLUMNS, (_application_row(a, tz) for a in applications))


def export_contacts(session: Session) -> str:
    """One row per contact, with the name of their company."""
    contacts = session.scalars(
        select(Contact).options(selectinload(Contact.company)).order_by(Contact.id)
    )
    return _csv(
        CONTACT_COLUMNS,
        (
            {
                "name": c.name,
                "preferred_name": c.preferred_name,
                "title": c.title,
                "company": c.company.name if c.company is not None else "",
                "email": c.email,
                "phone": c.phone,
            }
            for c in contacts
        ),
    )


def export_table(session: Session, table: str, tz: tzinfo) -> str:
    if table == "contacts":
        return export_contacts(session)
    if table == "applications":
        return export_applications(session, tz)
    raise ValueError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
