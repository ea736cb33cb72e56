"""A job-tracker spreadsheet (one's own, a Notion table, a Huntr or Teal export) as
applications, with their companies and contacts.

The columns are matched by a declarative table (TRACKER_COLUMNS): each entry names where a
column goes and the header names it goes by. Applications have company, role, status,
source, posting link, applied and closed dates, a primary contact, notes, and the job
itself (location and remote/hybrid/on-site, a salary range, the description, tags); what a
tracker keeps beyond that (type of job, next step, a rating) goes into the application's
notes as readable lines ("Next step: call Sam"), and the summary says so. A salary with no
amount in it ("competitive") is kept the same way.
Problems are numbered by row, the file's line number (the header is row 1).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from desktop.core.job import normalize_tags, parse_salary, read_work_mode, salary_problem
from desktop.interchange.document_builder import (
    ROLE_NOT_GIVEN,
    DocumentBuilder,
    check_count,
    is_email,
    name_from_email,
)
from desktop.interchange.document_model import Document, Record
from desktop.interchange.errors import InterchangeError
from desktop.interchange.lookup import ExistingIndex


@dataclass(frozen=True)
class TrackerColumn:
    """Where a tracker's column goes: an application field, 'contact', 'contact_email',
    'company_industry', 'salary' (read into a range), 'work_mode', or 'note:Label' (a
    "Label: value" line in the notes)."""

    target: str
    headers: tuple[str, ...]  # lower case, letters and digits only


TRACKER_COLUMNS = (
    TrackerColumn(
        "company", ("company", "companyname", "employer", "organization", "organisation")
    ),
    TrackerColumn(
        "role",
        ("role", "rolename", "position", "jobtitle", "title", "job", "roletitle", "positiontitle"),
    ),
    TrackerColumn("status", ("status", "stage", "list", "applicationstatus", "state")),
    TrackerColumn(
        "applied_on",
        ("dateapplied", "applieddate", "appliedon", "applied", "applicationdate", "date"),
    ),
    TrackerColumn("closed_on", ("dateclosed", "closedon", "closeddate", "rejectedon")),
    TrackerColumn(
        "posting_url",
        (
            "url",
            "link",
            "joburl",
            "joblink",
            "jobposturl",
            "postingurl",
            "postinglink",
            "posting",
            "joburl1",
        ),
    ),
    TrackerColumn("source", ("source", "channel", "foundvia", "foundon", "jobboard", "platform")),
    TrackerColumn(
        "contact",
        ("contact", "contactname", "contactperson", "recruiter", "hiringmanager", "recruitername"),
    ),
    TrackerColumn("contact_email", ("contactemail", "recruiteremail", "email", "emailaddress")),
    TrackerColumn("company_industry", ("sector", "industry")),
    TrackerColumn("notes", ("notes", "note", "comments", "comment")),
    TrackerColumn("description", ("description", "jobdescription", "postingtext", "jd", "details")),
    TrackerColumn("salary", ("salary", "salaryrange", "compensation", "pay", "expectedsalary")),
    TrackerColumn("location", ("location", "city", "officelocation", "joblocation")),
    TrackerColumn(
        "work_mode",
        ("remote", "workplace", "workplacetype", "workmode", "worktype", "remoteonsite", "onsite"),
    ),
    TrackerColumn("tags", ("tags", "labels", "tag", "keywords")),
    TrackerColumn("note:Type", ("roletype", "jobtype", "employmenttype", "contracttype")),
    TrackerColumn("note:Next step", ("nextstep", "nextaction", "followup", "todo")),
    TrackerColumn("note:Fit", ("fitrating", "excitement", "priority", "rating", "matchscore")),
)
_TARGETS = {key: c.target for c in TRACKER_COLUMNS for key in c.headers}
# Words trackers use for a stage, to Afterword's statuses (Huntr's lists, Teal's stages).
STATUS_WORDS = {
    "wishlist": "wishlist",
    "bookmarked": "wishlist",
    "saved": "wishlist",
    "interested": "wishlist",
    "draft": "wishlist",
    "toapply": "wishlist",
    "planned": "wishlist",
    "applied": "applied",
    "applying": "applied",
    "submitted": "applied",
    "sent": "applied",
    "interview": "interviewing",
    "interviews": "interviewing",
    "interviewing": "interviewing",
    "phonescreen": "interviewing",
    "screening": "interviewing",
    "screen": "interviewing",
    "onsite": "interviewing",
    "assessment": "interviewing",
    "inprogress": "interviewing",
    "offer": "offer",
    "offered": "offer",
    "offerreceived": "offer",
    "accepted": "accepted",
    "hired": "accepted",
    "rejected": "rejected",
    "notselected": "rejected",
    "declined": "rejected",
    "withdrawn": "withdrawn",
    "withdrew": "withdrawn",
    "ghosted": "no_response",
    "noresponse": "no_response",
    "noanswer": "no_response",
}
_DATE_FORMATS = ("%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%b %d %Y")


def _key(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def tracker_columns(header: list[str]) -> dict[str, list[int]]:
    """Target -> the columns that go there, in the header's order."""
    columns: dict[str, list[int]] = {}
    for index, name in enumerate(header):
        target = _TARGETS.get(_key(name))
        if target is not None:
            columns.setdefault(target, []).append(index)
    return columns


def looks_like_tracker(head: bytes) -> bool:
    """A header with a company, a role and a status or applied date, and no person's name."""
    line = head.decode("utf-8", "replace").lstrip("\ufeff").splitlines()[:1]
    if not line:
        return False
    cells = [c.strip().strip('"') for c in re.split(r"[,;\t|]", line[0])]
    keys = {_key(c) for c in cells}
    targets = {_TARGETS.get(k) for k in keys}
    people = {"firstname", "lastname", "displayname", "givenname", "fullname"}
    return (
        {"company", "role"} <= targets
        and bool({"status", "applied_on"} & targets)
        and not keys & people
    )


def _day(text: str, day_first: bool) -> date | None:
    text = text.strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    match = re.match(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$", text)
    if match:
        a, b, year = (int(x) for x in match.groups())
        year += 2000 if year < 100 else 0
        day, month = (a, b) if day_first else (b, a)
        try:
            return date(year, month, day)
        except ValueError:
            return None
    return None


def _day_first(values: list[str]) -> bool:
    """Whether slashed dates in the file are day/month: any first number over 12 says so."""
    for value in values:
        match = re.match(r"^(\d{1,2})[/.](\d{1,2})[/.]", value.strip())
        if match and int(match.group(1)) > 12:
            return True
    return False


def parse_tracker(
    rows: list[tuple[int, list[str]]],
    header: list[str],
    *,
    source: str,
    tz: tzinfo,
    existing: ExistingIndex,
) -> Document:
    """Read a tracker's rows (line number, cells) into applications."""
    columns = tracker_columns(header)
    missing = [t for t in ("company", "role") if t not in columns]
    if missing:
        raise InterchangeError(
            source,
            [f"row 1: no column for the {' or the '.join(missing)} (columns: {', '.join(header)})"],
        )
    check_count(len(rows), "rows", source)
    builder = DocumentBuilder(existing, source, tz)
    dated = [
        row[i]
        for _, row in rows
        for t in ("applied_on", "closed_on")
        for i in columns.get(t, [])
        if i < len(row)
    ]
    day_first = _day_first(dated)
    if not day_first and any(re.match(r"^\d{1,2}[/.]\d{1,2}[/.]", v.strip()) for v in dated):
        builder.warnings.append(
            "dates such as 03/11/2026 were read month first (US); if they are day first, "
            "write them as 2026-11-03"
        )
    noted = [header[i] for t, idx in columns.items() if t.startswith("note:") for i in idx]
    first_label = next((t[5:] for t in columns if t.startswith("note:")), "")
    apps: dict[tuple[str, str], str] = {}
    for number, row in rows:
        if not any(cell.strip() for cell in row):
            continue

        def cell(target: str, row: list[str] = row) -> str:
            return next(iter(cells(target, row)), "")

        def cells(target: str, row: list[str] = row) -> list[str]:
            values = (row[i].strip() for i in columns.get(target, []) if i < len(row))
            return [v for v in values if v]

        _row(builder, cell, cells, f"row {number}", day_first, apps)
    if noted:
        builder.warnings.append(
            f"{', '.join(noted)}: Afterword has no place for these yet; they are kept in "
            f"each application's notes (e.g. “{first_label}: …”)"
        )
    if not builder.records["applications"] and not builder.problems:
        raise InterchangeError(source, ["no applications below the header (row 1)"])
    return builder.build()


def _row(
    b: DocumentBuilder,
    cell: Callable[[str], str],
    cells: Callable[[str], list[str]],
    origin: str,
    day_first: bool,
    apps: dict[tuple[str, str], str],
) -> None:
    company_name = cell("company")
    if not company_name:
        b.problem(origin, "company: required (the company column is empty)")
        return
    if len(company_name) > 200:
        b.problem(origin, f"company: too long ({len(company_name)} characters; at most 200)")
        return
    record: Record = {}
    for target in ("applied_on", "closed_on"):
        text = cell(target)
        if not text:
            continue
        day = _day(text, day_first)
        if day is None:
            label = "applied date" if target == "applied_on" else "closed date"
            b.problem(origin, f"{label}: {text!r} is not a date (e.g. 2026-11-20)")
            return
        record[target] = day.isoformat()
    status_text = cell("status")
    status = STATUS_WORDS.get(_key(status_text))
    if status_text and status is None:
        b.warnings.append(
            f"{origin}: the status {status_text!r} is not one Afterword knows; kept in the notes"
        )
    role = cell("role")[:200]
    if not role:
        b.warnings.append(f"{origin}: no role; saved as “{ROLE_NOT_GIVEN}” for you to fill in")
    company = b.company(company_name, origin)
    industry = cell("company_industry")
    if industry and not b.records["companies"][company].get("industry"):
        b.records["companies"][company]["industry"] = industry[:120]
    # Some trackers call the posting's link its "source"; a link is a link wherever it is.
    sources = cells("source")
    links = [v for v in sources if v.lower().startswith(("http://", "https://"))]
    source = next((v for v in sources if v not in links), "")
    link = cell("posting_url") or next(iter(links), "")
    notes = [cell("notes")] if cell("notes") else []
    if status_text and status is None:
        notes.append(f"Status: {status_text}")
    for target in (c.target for c in TRACKER_COLUMNS if c.target.startswith("note:")):
        if cell(target):
            notes.append(f"{target[5:]}: {cell(target)}")
    record.update(_job(cell, notes))
    record.update(
        {
            "company": company,
            "role": role or ROLE_NOT_GIVEN,
            "status": status or ("applied" if record.get("applied_on") else "wishlist"),
            "source": source[:200] or "job tracker",
            "posting_url": link[:2000],
            "notes": "\n".join(notes),
        }
    )
    contact = _contact(b, cell, company, origin)
    if contact is None:
        return
    if contact:
        record["primary_contact"] = contact
    key = (company, record["role"].lower())
    if key in apps:
        b.warnings.append(f"{origin}: the same application as {apps[key]}; this row updates it")
        b.records["applications"][apps[key]].update({k: v for k, v in record.items() if v})
        return
    record["id"] = b.new_id("a")
    apps[key] = b.put("applications", record, origin)


def _job(cell: Callable[[str], str], notes: list[str]) -> Record:
    """The job itself from its cells: a location cell may say how it is worked too
    ("Remote (US)"), a work-mode cell may say yes/no, a salary cell is read as a range."""
    job: Record = {}
    mode, place = read_work_mode(cell("location"))
    worked = cell("work_mode")
    if worked:
        said = worked.strip().lower()
        mode = "remote" if said in ("yes", "y", "true", "1") else read_work_mode(worked)[0] or mode
    if mode:
        job["work_mode"] = mode
    if place:
        job["location"] = place[:200]
    salary_cell = cell("salary")
    salary = parse_salary(salary_cell) if salary_cell else None
    if salary is not None and salary_problem(salary) is None:
        job.update(
            salary_min=salary.minimum,
            salary_max=salary.maximum,
            salary_currency=salary.currency,
            salary_period=salary.period or "year",
        )
    elif salary_cell:
        notes.append(f"Salary: {salary_cell}")
    if cell("description"):
        # A quoted cell keeps the file's line ends; the description is kept as typed text.
        text = cell("description").replace("\r\n", "\n").replace("\r", "\n")
        job["description"] = text[:100_000]
    if cell("tags"):
        job["tags"] = list(normalize_tags(cell("tags").replace(";", ",")))[:20]
    return job


def _contact(
    b: DocumentBuilder, cell: Callable[[str], str], company: str, origin: str
) -> str | None:
    """The row's contact (''), or None after a problem."""
    name, email = cell("contact"), cell("contact_email")
    if is_email(name) and not email:
        name, email = "", name
    if email and not is_email(email):
        b.problem(origin, f"contact email: not an email address ({email!r})")
        return None
    if not (name or email):
        return ""
    fields: Record = {"name": (name or name_from_email(email))[:200], "email": email}
    fields["company"] = company
    return b.contact(fields, origin)
