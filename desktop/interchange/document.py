# Over 400 lines on purpose: every section's checks share one field-path reporter.
"""The JSON backup document of ARCHITECTURE §5: reading and checking it, field by field.

A document is refused whole if any field is wrong; each problem names the field by its
path, e.g. ``interviews[0].starts_at: not an ISO-8601 time``. Unknown keys are reported
as warnings, never silently dropped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, datetime, tzinfo
from typing import Any

from desktop.core.followups import (
    APPLICATION_STATUSES,
    INTERVIEW_KINDS,
    REPLY_OUTCOMES,
    Channel,
    Kind,
    Status,
)
from desktop.core.job import (
    SALARY_PERIODS,
    WORK_MODES,
    Salary,
    linkedin_problem,
    linkedin_url,
    normalize_tags,
    salary_problem,
    tags_problem,
)
from desktop.core.names import SALUTATIONS
from desktop.core.settings import FORMALITIES
from desktop.interchange.document_model import (
    FORMAT_NAME,
    FORMAT_VERSION,
    JOB_FIELDS,
    MAX_DOCUMENT_BYTES,
    SECTIONS,
    Document,
    Record,
)
from desktop.interchange.errors import InterchangeError

MAX_ROWS_PER_SECTION = 200_000
PARTICIPANT_ROLES = ("interviewer", "coordinator")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class _Checker:
    def __init__(self, tz: tzinfo) -> None:
        self.tz = tz
        self.problems: list[str] = []
        self.warnings: list[str] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    # Field readers: each returns the parsed value, or None after recording a problem.
    def text(
        self, rec: Record, key: str, path: str, *, required: bool = False, limit: int = 2000
    ) -> str:
        value = rec.get(key)
        if value is None:
            if required:
                self.problem(f"{path}.{key}", "required")
            return ""
        if not isinstance(value, str):
            self.problem(f"{path}.{key}", f"expected text, got {type(value).__name__}")
            return ""
        if required and not value.strip():
            self.problem(f"{path}.{key}", "must not be empty")
        if len(value) > limit:
            self.problem(f"{path}.{key}", f"too long ({len(value)} characters; at most {limit})")
        return value

    def choice(
        self, rec: Record, key: str, path: str, options: tuple[str, ...], default: str | None
    ) -> str | None:
        value = rec.get(key)
        if value is None:
            if default is None:
                self.problem(f"{path}.{key}", f"required (one of {', '.join(options)})")
            return default
        if value not in options:
            self.problem(f"{path}.{key}", f"{value!r} is not one of {', '.join(options)}")
            return default
        return str(value)

    def moment(
        self, rec: Record, key: str, path: str, *, required: bool = False
    ) -> datetime | None:
        value = rec.get(key)
        if value is None:
            if required:
                self.problem(f"{path}.{key}", "required")
            return None
        if not isinstance(value, str):
            self.problem(f"{path}.{key}", "not an ISO-8601 time")
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            self.problem(f"{path}.{key}", f"not an ISO-8601 time: {value!r}")
            return None
        # A time without an offset is read in the user's zone.
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=self.tz)

    def day(self, rec: Record, key: str, path: str) -> date | None:
        value = rec.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem(f"{path}.{key}", "not an ISO-8601 date (YYYY-MM-DD)")
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.problem(f"{path}.{key}", f"not an ISO-8601 date (YYYY-MM-DD): {value!r}")
            return None

    def flag(self, rec: Record, key: str, path: str) -> bool:
        value = rec.get(key, False)
        if not isinstance(value, bool):
            self.problem(f"{path}.{key}", "expected true or false")
            return False
        return value

    def number(self, rec: Record, key: str, path: str) -> int:
        value = rec.get(key, 0)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            self.problem(f"{path}.{key}", "expected a whole number, 0 or more")
            return 0
        return value

    def amount(self, rec: Record, key: str, path: str) -> int | None:
        value = rec.get(key)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            self.problem(f"{path}.{key}", "expected a whole number, 0 or more")
            return None
        return value

    def tags(self, rec: Record, key: str, path: str) -> list[str]:
        """A list of tags (a comma-separated text is read too)."""
        value = rec.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            value = value.split(",")
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(f"{path}.{key}", "expected a list of text")
            return []
        tags = normalize_tags(value)
        if message := tags_problem(tags):
            self.problem(f"{path}.{key}", message)
        return list(tags)

    def ref(
        self,
        rec: Record,
        key: str,
        path: str,
        known: dict[str, int],
        what: str,
        *,
        required: bool = False,
    ) -> str | None:
        value = rec.get(key)
        if value is None:
            if required:
                self.problem(f"{path}.{key}", "required")
            return None
        ref = _id_text(value)
        if ref is None or ref not in known:
            self.problem(f"{path}.{key}", f"no {what} with id {value!r} in this file")
            return None
        return ref

    def unknown(self, rec: Record, path: str, allowed: frozenset[str]) -> None:
        for key in rec:
            if key not in allowed:
                self.warnings.append(f"{path}.{key}: unknown field, not imported")


def _id_text(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    return str(value)


def parse_document(data: bytes, source: str, tz: tzinfo) -> Document:
    """Read and check a JSON backup document; raise InterchangeError listing every problem."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InterchangeError(
            source,
            [
                f"the file is {len(data) / 2**20:.1f} MB; at most "
                f"{MAX_DOCUMENT_BYTES // 2**20} MB can be imported"
            ],
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InterchangeError(source, [f"not UTF-8 text (byte {exc.start})"]) from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InterchangeError(
            source, [f"line {exc.lineno} column {exc.colno}: not valid JSON ({exc.msg})"]
        ) from None
    except RecursionError:
        raise InterchangeError(source, ["nested too deeply to be an Afterword document"]) from None
    checker = _Checker(tz)
    document = _check(raw, checker)
    if checker.problems:
        raise InterchangeError(source, checker.problems)
    document.warnings = checker.warnings
    return document


def _check(raw: Any, c: _Checker) -> Document:
    sections: dict[str, list[Record]] = {name: [] for name in SECTIONS}
    if not isinstance(raw, dict):
        c.problem("(top level)", "expected a JSON object")
        return Document(sections)
    if raw.get("format") != FORMAT_NAME:
        c.problem("format", f"expected {FORMAT_NAME!r}; this is not an Afterword document")
        return Document(sections)
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        c.problem("version", "required, a whole number")
        return Document(sections)
    if version > FORMAT_VERSION:
        c.problem(
            "version",
            f"version {version} was written by a newer Afterword; "
            f"this one reads up to {FORMAT_VERSION}",
        )
        return Document(sections)
    c.unknown(
        raw, "(top level)", frozenset({"format", "version", "exported_at", "templates", *SECTIONS})
    )
    lists: dict[str, list[Any]] = {}
    for name in SECTIONS:
        value = raw.get(name, [])
        if not isinstance(value, list):
            c.problem(name, "expected a list")
            value = []
        elif len(value) > MAX_ROWS_PER_SECTION:
            c.problem(name, f"{len(value)} entries; at most {MAX_ROWS_PER_SECTION} can be imported")
            value = []
        lists[name] = value
    ids: dict[str, dict[str, int]] = {}
    for name in ("companies", "contacts", "applications", "interviews", "followups"):
        ids[name] = _collect_ids(lists[name], name, c)

    checkers: dict[str, Callable[[Record, str], Record]] = {
        "companies": lambda r, p: _company(r, p, c),
        "contacts": lambda r, p: _contact(r, p, c, ids),
        "applications": lambda r, p: _application(r, p, c, ids),
        "interviews": lambda r, p: _interview(r, p, c, ids),
        "followups": lambda r, p: _followup(r, p, c, ids),
        "drafts": lambda r, p: _draft(r, p, c, ids),
        "replies": lambda r, p: _reply(r, p, c, ids),
    }
    for name in SECTIONS:
        for index, rec in enumerate(lists[name]):
            path = f"{name}[{index}]"
            if not isinstance(rec, dict):
                c.problem(path, "expected an object")
                continue
            sections[name].append(checkers[name](rec, path))
    _check_drafts_unique(sections["drafts"], c)
    from desktop.interchange.document_templates import check_templates

    return Document(sections, templates=check_templates(raw.get("templates"), c))


def _collect_ids(items: list[Any], section: str, c: _Checker) -> dict[str, int]:
    seen: dict[str, int] = {}
    for index, rec in enumerate(items):
        if not isinstance(rec, dict):
            continue
        value = rec.get("id")
        ref = _id_text(value)
        if ref is None:
            c.problem(f"{section}[{index}].id", "required, text or a number")
        elif ref in seen:
            c.problem(
                f"{section}[{index}].id", f"{ref!r} is used twice (also {section}[{seen[ref]}])"
            )
        else:
            seen[ref] = index
    return seen


def _company(r: Record, p: str, c: _Checker) -> Record:
    c.unknown(
        r,
        p,
        frozenset({"id", "name", "industry", "formality", "website", "mailing_address", "notes"}),
    )
    return {
        "id": _id_text(r.get("id")),
        "name": c.text(r, "name", p, required=True, limit=200),
        "industry": c.text(r, "industry", p, limit=120),
        "formality": c.choice(r, "formality", p, FORMALITIES, "") or None,
        "website": c.text(r, "website", p, limit=500),
        "mailing_address": c.text(r, "mailing_address", p, limit=1000),
        "notes": c.text(r, "notes", p, limit=100_000),
    }


def _contact(r: Record, p: str, c: _Checker, ids: dict[str, dict[str, int]]) -> Record:
    c.unknown(
        r,
        p,
        frozenset(
            {
                "id",
                "salutation",
                "name",
                "surname",
                "preferred_name",
                "title",
                "company",
                "email",
                "phone",
                "mailing_address",
                "notes",
                "linkedin_url",
                "tags",
            }
        ),
    )
    email = c.text(r, "email", p, limit=320).strip()
    linkedin = c.text(r, "linkedin_url", p, limit=500).strip()
    if message := linkedin_problem(linkedin):
        c.problem(f"{p}.linkedin_url", message)
    if email and not _EMAIL.match(email):
        c.problem(f"{p}.email", f"{email!r} is not an email address")
    return {
        "id": _id_text(r.get("id")),
        "salutation": c.choice(r, "salutation", p, SALUTATIONS[1:], "") or "",
        "name": c.text(r, "name", p, required=True, limit=200),
        "surname": c.text(r, "surname", p, limit=120),
        "preferred_name": c.text(r, "preferred_name", p, limit=120),
        "title": c.text(r, "title", p, limit=200),
        "company": c.ref(r, "company", p, ids["companies"], "company"),
        "email": email,
        "phone": c.text(r, "phone", p, limit=64),
        "mailing_address": c.text(r, "mailing_address", p, limit=1000),
        "notes": c.text(r, "notes", p, limit=100_000),
        "linkedin_url": linkedin_url(linkedin),
        "tags": c.tags(r, "tags", p),
    }


def _application(r: Record, p: str, c: _Checker, ids: dict[str, dict[str, int]]) -> Record:
    c.unknown(
        r,
        p,
        frozenset(
            {
                "id",
                "company",
                "role",
                "status",
                "source",
                "posting_url",
                "applied_on",
                "closed_on",
                "primary_contact",
                "notes",
                *JOB_FIELDS,
                "tags",
            }
        ),
    )
    salary = Salary(
        c.amount(r, "salary_min", p),
        c.amount(r, "salary_max", p),
        c.text(r, "salary_currency", p, limit=3).strip().upper(),
        c.choice(r, "salary_period", p, SALARY_PERIODS, "") or "",
    )
    if message := salary_problem(salary):
        c.problem(f"{p}.salary_max", message)
    return {
        "id": _id_text(r.get("id")),
        "company": c.ref(r, "company", p, ids["companies"], "company", required=True),
        "role": c.text(r, "role", p, required=True, limit=200),
        "status": c.choice(r, "status", p, APPLICATION_STATUSES, "applied"),
        "source": c.text(r, "source", p, limit=200),
        "posting_url": c.text(r, "posting_url", p, limit=2000),
        "applied_on": c.day(r, "applied_on", p),
        "closed_on": c.day(r, "closed_on", p),
        "primary_contact": c.ref(r, "primary_contact", p, ids["contacts"], "contact"),
        "notes": c.text(r, "notes", p, limit=100_000),
        "location": c.text(r, "location", p, limit=200),
        "work_mode": c.choice(r, "work_mode", p, WORK_MODES, "") or "",
        "salary_min": salary.minimum,
        "salary_max": salary.maximum,
        "salary_currency": salary.currency,
        "salary_period": salary.period,
        "description": c.text(r, "description", p, limit=100_000),
        "tags": c.tags(r, "tags", p),
    }


def _interview(r: Record, p: str, c: _Checker, ids: dict[str, dict[str, int]]) -> Record:
    c.unknown(
        r,
        p,
        frozenset(
            {
                "id",
                "application",
                "starts_at",
                "ends_at",
                "kind",
                "location",
                "promised_response_by",
                "notes",
                "cancelled",
                "calendar_uid",
                "calendar_sequence",
                "calendar_stamp",
                "participants",
            }
        ),
    )
    starts = c.moment(r, "starts_at", p, required=True)
    ends = c.moment(r, "ends_at", p)
    if starts and ends and ends <= starts:
        c.problem(f"{p}.ends_at", "must be after starts_at")
    participants: list[Record] = []
    raw_participants = r.get("participants", [])
    if not isinstance(raw_participants, list):
        c.problem(f"{p}.participants", "expected a list")
        raw_participants = []
    seen: set[str] = set()
    for index, part in enumerate(raw_participants):
        pp = f"{p}.participants[{index}]"
        if not isinstance(part, dict):
            c.problem(pp, "expected an object")
            continue
        c.unknown(part, pp, frozenset({"contact", "role", "talking_points"}))
        contact = c.ref(part, "contact", pp, ids["contacts"], "contact", required=True)
        if contact is not None and contact in seen:
            c.problem(f"{pp}.contact", f"contact {contact!r} is listed twice")
        if contact is not None:
            seen.add(contact)
        participants.append(
            {
                "contact": contact,
                "role": c.choice(part, "role", pp, PARTICIPANT_ROLES, "interviewer"),
                "talking_points": c.text(part, "talking_points", pp, limit=100_000),
            }
        )
    uid = c.text(r, "calendar_uid", p, limit=500)
    return {
        "id": _id_text(r.get("id")),
        "application": c.ref(
            r, "application", p, ids["applications"], "application", required=True
        ),
        "starts_at": starts,
        "ends_at": ends,
        "kind": c.choice(r, "kind", p, INTERVIEW_KINDS, "other"),
        "location": c.text(r, "location", p, limit=2000),
        "promised_response_by": c.day(r, "promised_response_by", p),
        "notes": c.text(r, "notes", p, limit=100_000),
        "cancelled": c.flag(r, "cancelled", p),
        "calendar_uid": uid or None,
        "calendar_sequence": c.number(r, "calendar_sequence", p),
        "calendar_stamp": c.moment(r, "calendar_stamp", p),
        "participants": participants,
    }


def _followup(r: Record, p: str, c: _Checker, ids: dict[str, dict[str, int]]) -> Record:
    c.unknown(
        r,
        p,
        frozenset(
            {
                "id",
                "kind",
                "interview",
                "application",
                "contact",
                "channel",
                "status",
                "title",
                "remind_at",
                "due_at",
                "late_at",
                "snoozed_until",
                "sent_at",
            }
        ),
    )
    kind = c.choice(r, "kind", p, tuple(k.value for k in Kind), None)
    interview = c.ref(r, "interview", p, ids["interviews"], "interview")
    application = c.ref(r, "application", p, ids["applications"], "application")
    contact = c.ref(r, "contact", p, ids["contacts"], "contact")
    if kind == Kind.THANK_YOU:
        if "interview" not in r:
            c.problem(f"{p}.interview", "required for a thank-you (the interview it thanks for)")
        if "contact" not in r:
            c.problem(f"{p}.contact", "required for a thank-you (the interviewer it goes to)")
    elif kind is not None and "interview" not in r and "application" not in r:
        c.problem(f"{p}.application", "required: the application this follow-up belongs to")
    status = c.choice(r, "status", p, tuple(s.value for s in Status), "pending")
    sent_at = c.moment(r, "sent_at", p)
    if status == Status.SENT and sent_at is None:
        c.problem(f"{p}.sent_at", "required when the status is 'sent'")
    due_at = c.moment(r, "due_at", p)
    if kind == Kind.CUSTOM and due_at is None:
        c.problem(f"{p}.due_at", "required for a custom follow-up")
    channel_options = tuple(ch.value for ch in Channel)
    channel = c.choice(r, "channel", p, channel_options, "") if "channel" in r else None
    return {
        "id": _id_text(r.get("id")),
        "kind": kind,
        "interview": interview,
        "application": application,
        "contact": contact,
        "channel": channel or None,
        "status": status,
        "title": c.text(r, "title", p, limit=300),
        "remind_at": c.moment(r, "remind_at", p),
        "due_at": due_at,
        "late_at": c.moment(r, "late_at", p),
        "snoozed_until": c.moment(r, "snoozed_until", p),
        "sent_at": sent_at,
    }


def _draft(r: Record, p: str, c: _Checker, ids: dict[str, dict[str, int]]) -> Record:
    c.unknown(r, p, frozenset({"followup", "subject", "body_html"}))
    return {
        "followup": c.ref(r, "followup", p, ids["followups"], "follow-up", required=True),
        "subject": c.text(r, "subject", p, limit=500),
        "body_html": c.text(r, "body_html", p, limit=1_000_000),
    }


def _check_drafts_unique(drafts: list[Record], c: _Checker) -> None:
    seen: dict[str, int] = {}
    for index, draft in enumerate(drafts):
        ref = draft["followup"]
        if ref is None:
            continue
        if ref in seen:
            c.problem(
                f"drafts[{index}].followup",
                f"follow-up {ref!r} already has a draft (drafts[{seen[ref]}])",
            )
        seen[ref] = index


def _reply(r: Record, p: str, c: _Checker, ids: dict[str, dict[str, int]]) -> Record:
    c.unknown(r, p, frozenset({"application", "received_at", "note", "outcome"}))
    return {
        "application": c.ref(
            r, "application", p, ids["applications"], "application", required=True
        ),
        "received_at": c.moment(r, "received_at", p, required=True),
        "note": c.text(r, "note", p, limit=100_000),
        "outcome": c.choice(r, "outcome", p, REPLY_OUTCOMES, "other"),
    }
