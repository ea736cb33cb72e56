"""Interview invitations (.ics from Google Calendar, Outlook/Teams, Zoom, Apple) as a document.

Each VEVENT becomes an interview; each attendee an interviewer, the organizer the
coordinator, the user's own addresses left out. The company comes from the attendees'
email domain, the application is that company's open one (or a new one named from the
invite's title). An update (same UID, higher SEQUENCE) updates; METHOD:CANCEL or
STATUS:CANCELLED marks the interview cancelled; an older or repeated invite is skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from desktop.interchange.document import Document, Record
from desktop.interchange.document_builder import (
    DocumentBuilder,
    check_count,
    check_size,
    decode_text,
    is_email,
)
from desktop.interchange.errors import InterchangeError
from desktop.interchange.lookup import ExistingIndex, email_domain

# Addresses at these belong to people, not employers: they never name the company.
PERSONAL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "msn.com",
        "yahoo.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "gmx.com",
        "gmx.de",
        "web.de",
        "zoho.com",
        "fastmail.com",
        "calendar.google.com",
        "resource.calendar.google.com",
    }
)
_TWO_PART_SUFFIXES = frozenset({"co", "com", "org", "net", "ac", "gov", "edu"})
_MEETING_LINK = re.compile(
    r"https://[\w.-]*(?:zoom\.us|teams\.microsoft\.com|teams\.live\.com|meet\.google\.com|"
    r"webex\.com|whereby\.com|chime\.aws|gotomeet\.me|bluejeans\.com)/[^\s<>\"')\]]*",
    re.IGNORECASE,
)
_GENERIC_PLACES = frozenset({"microsoft teams meeting", "zoom", "zoom meeting", "google meet"})
_ROLE_PREFIX = re.compile(
    r"^\s*(?:(?:invitation|updated invitation|canceled event|cancelled event|"
    r"invitation updated)\s*:\s*)?(?:\w+\s+)?(?:interview|call|chat|screen|meeting)"
    r"(?:\s+(?:for|with|:|-|\u2013))?\s*:?\s*",
    re.IGNORECASE,
)


def invites_to_document(
    data: bytes,
    source: str,
    *,
    own_emails: Iterable[str],
    tz: tzinfo,
    existing: ExistingIndex,
    company: str | None = None,
) -> Document:
    """Read an .ics file into a document; `company` names the employer when no address does."""
    check_size(data, source)
    text = decode_text(data, source)
    check_count(text.upper().count("BEGIN:VEVENT"), "events", source)
    calendars = _parse(text, source)
    own = {e.strip().lower() for e in own_emails if e.strip()}
    builder = DocumentBuilder(existing, source, tz)
    events: list[tuple[Any, str]] = []
    for calendar in calendars:
        method = str(calendar.get("METHOD", "")).upper()
        events.extend((event, method) for event in calendar.walk("VEVENT"))
    if not events:
        raise InterchangeError(source, ["no events (VEVENT) in the file"])
    made: dict[str, tuple[int, Record]] = {}
    for number, (event, method) in enumerate(events, 1):
        origin = f"event {number}"
        try:
            _event(builder, event, method, origin, own, tz, company, made)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError) as exc:
            # icalendar reads values lazily: a malformed one fails here, on the user's file.
            builder.problem(origin, f"cannot be read ({exc})")
    return builder.build()


def _parse(text: str, source: str) -> list[Any]:
    import icalendar

    if "BEGIN:VCALENDAR" not in text.upper():
        raise InterchangeError(source, ["not an iCalendar file (no BEGIN:VCALENDAR)"])
    for kind in ("VCALENDAR", "VEVENT"):
        begins = len(re.findall(rf"^BEGIN:{kind}\s*$", text, re.IGNORECASE | re.MULTILINE))
        ends = len(re.findall(rf"^END:{kind}\s*$", text, re.IGNORECASE | re.MULTILINE))
        if begins != ends:
            raise InterchangeError(
                source,
                [f"{begins} BEGIN:{kind} but {ends} END:{kind}: the file looks cut short"],
            )
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except Exception as exc:  # the library raises many types for a malformed file
        raise InterchangeError(source, [f"not a readable iCalendar file ({exc})"]) from None
    return [c for c in calendars if getattr(c, "name", "") == "VCALENDAR"]


def _moment(event: Any, name: str, tz: tzinfo) -> datetime | date | None:
    prop = event.get(name)
    if prop is None:
        return None
    value = prop.dt
    if isinstance(value, datetime):
        # A floating time has no zone: it happens in the user's.
        return value.replace(tzinfo=tz) if value.tzinfo is None else value
    if isinstance(value, date):
        return value
    raise ValueError(f"{name} is not a date or time")


def _address(value: Any) -> str:
    text = str(value).strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    return text.strip().lower() if is_email(text.strip()) else ""


def _name(cn: str, email: str) -> str:
    cn = cn.strip().strip('"').strip()
    if cn and not is_email(cn):
        family, comma, given = cn.partition(",")
        # Outlook's directory writes "Family, Given".
        if comma and given.strip() and "," not in given and len(family.split()) == 1:
            return f"{given.strip()} {family.strip()}"
        return cn
    local = (email or cn).split("@")[0]
    return " ".join(part.capitalize() for part in re.split(r"[._+-]+", local) if part)


def company_name_from_domain(domain: str) -> str:
    """brightloop.com → Brightloop; hale-pierce.co.uk → Hale-Pierce."""
    labels = [label for label in domain.lower().split(".") if label]
    if len(labels) >= 3 and labels[-2] in _TWO_PART_SUFFIXES and len(labels[-1]) == 2:
        labels = labels[:-1]
    label = labels[-2] if len(labels) >= 2 else (labels[0] if labels else domain)
    return "-".join(part.capitalize() for part in label.split("-"))


def _people(event: Any, own: set[str]) -> list[tuple[str, str, str]]:
    """(name, email, role) of everyone but the user, organizer first, each once."""
    people: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    organizer = event.get("ORGANIZER")
    candidates: list[tuple[Any, str]] = []
    if organizer is not None:
        candidates.append((organizer, "coordinator"))
    attendees = event.get("ATTENDEE", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    candidates.extend((a, "interviewer") for a in attendees)
    for prop, role in candidates:
        params = getattr(prop, "params", {})
        if str(params.get("CUTYPE", "INDIVIDUAL")).upper() in ("ROOM", "RESOURCE"):
            continue
        if role == "interviewer" and str(params.get("PARTSTAT", "")).upper() == "DECLINED":
            continue
        email = _address(prop)
        cn = str(params.get("CN", ""))
        if email in own or not (email or cn.strip()):
            continue
        key = email or cn.strip().lower()
        if key in seen:
            continue
        seen.add(key)
        people.append((_name(cn, email), email, role))
    if people and all(role == "coordinator" for _, _, role in people):
        # An invite with no other guest (Zoom's own .ics): its host is the interviewer.
        people = [(name, email, "interviewer") for name, email, _ in people]
    return people


def _location(event: Any) -> str:
    place = str(event.get("LOCATION", "")).strip()
    link = str(event.get("URL", "") or event.get("X-GOOGLE-CONFERENCE", "")).strip()
    if not link:
        found = _MEETING_LINK.search(f"{place}\n{event.get('DESCRIPTION', '')}")
        link = found.group(0) if found else ""
    if not link or link in place:
        return place
    if not place or place.lower() in _GENERIC_PLACES:
        return link
    return f"{place} ({link})"


def _kind(location: str, summary: str) -> str:
    if _MEETING_LINK.search(location) or "video" in summary.lower():
        return "video"
    if re.search(r"\b(phone|call)\b", summary, re.IGNORECASE):
        return "phone"
    return "onsite" if location else "other"


def role_from_summary(summary: str, company: str) -> str:
    """'Interview: Frontend Engineer - Brightloop' → 'Frontend Engineer' (any dash)."""
    role = _ROLE_PREFIX.sub("", summary.strip(), count=1)
    role = re.sub(r"\s+(?:at|with|@)\s+\S.*$", "", role, flags=re.IGNORECASE)
    squashed = re.sub(r"\W+", "", company).lower()
    parts = [p.strip() for p in re.split(r"\s[-\u2013\u2014|]\s", role) if p.strip()]
    kept = [p for p in parts if re.sub(r"\W+", "", p).lower() != squashed]
    role = " - ".join(kept).strip(" -\u2013\u2014:|()")
    return role[:200] or "Interview"


def _company_for(
    b: DocumentBuilder, people: list[tuple[str, str, str]], named: str | None, origin: str
) -> str | None:
    if named:
        return b.company(named, origin)
    domains = [email_domain(email) for _, email, _ in people if email]
    votes = Counter(d for d in domains if d and d not in PERSONAL_DOMAINS)
    if not votes:
        b.problem(
            origin,
            "cannot tell the company: no attendee has a company email address; "
            "name the company for this import",
        )
        return None
    domain = max(votes, key=lambda d: (votes[d], -domains.index(d)))
    row_id = b.existing.company_by_domain.get(domain)
    if row_id is not None:
        return b.use_company(row_id)
    return b.company(company_name_from_domain(domain), origin, website=domain)


def _application_for(b: DocumentBuilder, company_id: str, summary: str, origin: str) -> str:
    if company_id.startswith("db-c"):
        row_id = b.existing.open_application_by_company.get(int(company_id[4:]))
        if row_id is not None:
            key = b.use_application(row_id)
            record = b.records["applications"][key]
            if record["status"] in ("wishlist", "applied"):
                record["status"] = "interviewing"
            return key
    for key, record in b.records["applications"].items():
        if record["company"] == company_id and key.startswith("new-"):
            return key
    name = b.records["companies"][company_id]["name"]
    record = {
        "id": b.new_id("a"),
        "company": company_id,
        "role": role_from_summary(summary, name),
        "status": "interviewing",
        "source": "calendar invite",
    }
    return b.put("applications", record, origin)


def _event(
    b: DocumentBuilder,
    event: Any,
    method: str,
    origin: str,
    own: set[str],
    tz: tzinfo,
    named_company: str | None,
    made: dict[str, tuple[int, Record]],
) -> None:
    uid = str(event.get("UID", "")).strip()
    sequence = int(event.get("SEQUENCE", 0))
    if sequence < 0:
        raise ValueError(f"SEQUENCE {sequence} is negative")
    cancelled = method == "CANCEL" or str(event.get("STATUS", "")).upper() == "CANCELLED"
    summary = str(event.get("SUMMARY", "")).strip()
    starts = _moment(event, "DTSTART", tz)
    if starts is None:
        b.problem(origin, "no start time (DTSTART)")
        return
    if not isinstance(starts, datetime):
        b.warnings.append(f"{origin}: {summary or uid}: an all-day event, not imported")
        return
    ends = _moment(event, "DTEND", tz)
    if ends is None and event.get("DURATION") is not None:
        duration = event.get("DURATION").dt
        if isinstance(duration, timedelta):
            ends = starts + duration
    if ends is not None and not isinstance(ends, datetime):
        raise ValueError("DTEND is a date while DTSTART is a time")
    label = f"{origin} ({summary or uid or 'untitled'})"

    row_id = b.existing.interview_by_uid.get(uid) if uid else None
    previous = made.get(uid) if uid else None
    if previous is not None:
        known_sequence, record = previous
    elif row_id is not None:
        record = None
        known_sequence = int(b.existing.interviews[row_id]["calendar_sequence"] or 0)
    else:
        known_sequence, record = -1, None
    if cancelled and known_sequence < 0:
        b.warnings.append(f"{label}: cancels an invitation that was never imported; skipped")
        return
    if sequence < known_sequence or (sequence == known_sequence and not cancelled):
        b.warnings.append(
            f"{label}: already imported at sequence {known_sequence}; "
            f"this copy (sequence {sequence}) is not newer, skipped"
        )
        return
    if cancelled:
        target = record if record is not None else b.use_interview(row_id or 0)
        target["cancelled"] = True
        target["calendar_sequence"] = sequence
        made[uid] = (sequence, target)
        return

    people = _people(event, own)
    if record is None and row_id is not None:
        record = b.use_interview(row_id)
    if record is None:
        company_id = _company_for(b, people, named_company, origin)
        if company_id is None:
            return
        application = _application_for(b, company_id, summary, origin)
        record = {"id": b.new_id("i"), "application": application, "participants": []}
        b.put("interviews", record, origin)
    else:
        app = b.records["applications"][record["application"]]
        company_id = str(app["company"])
    location = _location(event)
    record.update(
        {
            "starts_at": starts.astimezone(tz).isoformat(),
            "ends_at": ends.astimezone(tz).isoformat() if ends else None,
            "location": location or record.get("location"),
            "kind": record.get("kind") or _kind(location, summary),
            "cancelled": False,
            "calendar_uid": uid or None,
            "calendar_sequence": sequence,
        }
    )
    listed = {p["contact"] for p in record["participants"]}
    for name, email, role in people:
        same_company = email_domain(email) not in PERSONAL_DOMAINS
        fields: Record = {"name": name, "email": email}
        if same_company:
            fields["company"] = company_id
        contact = b.contact(fields, origin, keep_company=True)
        if contact not in listed:
            record["participants"].append({"contact": contact, "role": role})
            listed.add(contact)
    if uid:
        made[uid] = (sequence, record)
