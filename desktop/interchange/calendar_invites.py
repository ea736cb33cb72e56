"""Interview invitations (.ics from Google Calendar, Outlook/Teams, Zoom, Apple) as a document.

Each VEVENT of a request becomes an interview; each guest an interviewer, the organizer the
coordinator, the user's own addresses, rooms and services left out (invite_people). The
company comes from the guests' addresses (domains), or is named by the user for the whole
file or per event; the application is that company's open one, or a new one with the role
the title names (invite_titles). The iTIP method decides what an event does (RFC 5546):
REQUEST/PUBLISH add or update, CANCEL cancels by UID (no start time needed), REPLY and
COUNTER change nothing and are reported. A copy is newer when its SEQUENCE is higher, or
equal with a later LAST-MODIFIED/DTSTAMP than the copy taken before (in this file, or the
stamp stored with the interview); an interview imported before stamps were stored takes an
equal SEQUENCE that moves it as the newer copy, and says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta, tzinfo
from typing import Any

from desktop.interchange.document_builder import (
    ROLE_NOT_GIVEN,
    DocumentBuilder,
    check_count,
    check_size,
    decode_text,
)
from desktop.interchange.document_model import Document, Record
from desktop.interchange.domains import (
    company_name_from_domain,
    names_no_company,
    registered_domain,
)
from desktop.interchange.errors import InterchangeError
from desktop.interchange.invite_people import Person, address_of, as_list, people_of
from desktop.interchange.invite_reading import (
    kind_of,
    location_of,
    mend_offsets,
    moment_of,
    parse_calendars,
    stamp_of,
    text_of,
)
from desktop.interchange.invite_titles import role_from_summary
from desktop.interchange.lookup import ExistingIndex, email_domain

# The problem an event gets when no address names its company, and how to solve it.
NO_COMPANY = "cannot tell the company"
NAME_IT = "name the company (--company NAME, or in the import window)"
CompanyChoice = str | Mapping[str, str] | None

_TENANT = ".onmicrosoft.com"
# Properties an interview needs, in the user's words; a broken other one is only noted.
_WORDS = {
    "DTSTART": "start time (DTSTART)",
    "DTEND": "end time (DTEND)",
    "DURATION": "length (DURATION)",
    "SEQUENCE": "revision number (SEQUENCE)",
    "DTSTAMP": "time stamp (DTSTAMP)",
    "LAST-MODIFIED": "time stamp (LAST-MODIFIED)",
}
_NEEDED = frozenset({"DTSTART", "DTEND", "DURATION"})
_REPORTED_ONLY = {
    "REPLY": "a reply to an invitation",
    "COUNTER": "a proposal of another time",
    "DECLINECOUNTER": "a refusal of a proposed time",
    "REFRESH": "a request for the latest copy",
}


def invites_to_document(
    data: bytes,
    source: str,
    *,
    own_emails: Iterable[str],
    tz: tzinfo,
    existing: ExistingIndex,
    company: CompanyChoice = None,
) -> Document:
    """Read an .ics file into a document.

    `company` names the employer when no address does: one name for every event, or a
    name per event ("event 2" → "Acme"); a named company wins over the addresses.
    """
    check_size(data, source)
    text = decode_text(data, source)
    check_count(text.upper().count("BEGIN:VEVENT"), "events", source)
    text, mended = mend_offsets(text)
    calendars = parse_calendars(text, source)
    own = {e.strip().lower() for e in own_emails if e.strip()}
    builder = DocumentBuilder(existing, source, tz)
    builder.warnings.extend(mended)
    events: list[tuple[Any, str]] = []
    for calendar in calendars:
        method = text_of(calendar, "METHOD").upper()
        events.extend((event, method) for event in calendar.walk("VEVENT"))
    if not events:
        raise InterchangeError(source, ["no events (VEVENT) in the file"])
    if not own:
        builder.warnings.append(
            "your own email addresses are not set (Settings ▸ You): if you are a guest of "
            "these invitations, you were taken for an interviewer"
        )
    reader = _Reader(builder, own, tz, company)
    for number, (event, method) in enumerate(events, 1):
        try:
            reader.event(event, method, f"event {number}")
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError):
            # icalendar reads some values lazily: a malformed one fails here.
            builder.problem(f"event {number}", "cannot be read: a value in the event is damaged")
    return builder.build()


class _Reader:
    """Turns events into records, remembering the newest copy of each UID in the file."""

    def __init__(self, b: DocumentBuilder, own: set[str], tz: tzinfo, company: CompanyChoice):
        self.b = b
        self.own = own
        self.tz = tz
        self.company = company
        # UID -> (sequence, stamp, record) of the copy taken so far from this file.
        self.made: dict[str, tuple[int, datetime | None, Record]] = {}

    def event(self, event: Any, method: str, origin: str) -> None:
        b = self.b
        summary = text_of(event, "SUMMARY")
        uid = text_of(event, "UID")
        label = f"{origin} ({summary or uid or 'untitled'})"
        broken = {
            str(name or "a line").upper(): message for name, message in getattr(event, "errors", [])
        }
        for name in broken:
            if name not in _NEEDED:
                b.warnings.append(
                    f"{label}: its {_WORDS.get(name, name)} could not be read and was left out"
                )
        if method in _REPORTED_ONLY:
            b.warnings.append(f"{label}: {self._reported(event, method)}; nothing was changed")
            return
        sequence = self._sequence(event, broken)
        stamp = stamp_of(event)
        if method == "CANCEL" or text_of(event, "STATUS").upper() == "CANCELLED":
            self._cancel(uid, sequence, stamp, label)
            return
        for name in ("DTSTART", "DTEND", "DURATION"):
            if name in broken:
                value = str(as_list(event.get(name))[0]).strip()
                b.problem(origin, f"the {_WORDS[name]} {value!r} is not a date and time")
                return
        starts = moment_of(event, "DTSTART", self.tz)
        if starts is None:
            b.problem(origin, "no start time (DTSTART)")
            return
        if not isinstance(starts, datetime):
            b.warnings.append(f"{label}: an all-day event, not imported")
            return
        ends = moment_of(event, "DTEND", self.tz)
        if ends is None and event.get("DURATION") is not None:
            duration = as_list(event.get("DURATION"))[0].dt
            if isinstance(duration, timedelta):
                ends = starts + duration
        if ends is not None and not isinstance(ends, datetime):
            b.problem(origin, "the end (DTEND) is a day while the start is a time of day")
            return
        location = location_of(event)
        values: Record = {
            "starts_at": starts.astimezone(self.tz).isoformat(),
            "ends_at": ends.astimezone(self.tz).isoformat() if ends else None,
            "location": location,
        }
        people = people_of(event, self.own)
        take, record = self._target(uid, sequence, stamp, values, people, label)
        if not take:
            return
        if record is None:
            company_id = self._company(people, origin, summary)
            if company_id is None:
                return
            application = self._application(company_id, summary, label)
            record = {"id": b.new_id("i"), "application": application, "participants": []}
            b.put("interviews", record, origin)
        else:
            app = b.records["applications"][record["application"]]
            company_id = str(app["company"])
        record.update(
            {
                **values,
                "location": location or record.get("location"),
                "kind": record.get("kind") or kind_of(location, summary),
                "cancelled": False,
                "calendar_uid": uid or None,
                "calendar_sequence": sequence,
                "calendar_stamp": stamp.isoformat() if stamp else None,
            }
        )
        self._participants(record, people, company_id, origin)
        if uid:
            self.made[uid] = (sequence, stamp, record)

    def _sequence(self, event: Any, broken: dict[str, str]) -> int:
        if "SEQUENCE" in broken:
            return 0
        try:
            sequence = int(as_list(event.get("SEQUENCE", 0))[0])
        except (TypeError, ValueError):
            return 0
        return max(sequence, 0)

    def _reported(self, event: Any, method: str) -> str:
        answers = []
        for attendee in as_list(event.get("ATTENDEE")):
            state = str(getattr(attendee, "params", {}).get("PARTSTAT", "")).lower()
            who = str(getattr(attendee, "params", {}).get("CN", "")) or address_of(attendee)
            if who:
                answers.append(f"{who.strip(chr(34))} {state.replace('-', ' ')}".strip())
        what = _REPORTED_ONLY[method]
        return f"{what} ({', '.join(answers)})" if answers else what

    def _known(self, uid: str) -> tuple[int, datetime | None, Record | None, int | None]:
        """(sequence, stamp, record, row id) of what this UID already is, or sequence -1."""
        if not uid:
            return -1, None, None, None
        if uid in self.made:
            sequence, stamp, record = self.made[uid]
            return sequence, stamp, record, None
        row_id = self.b.existing.interview_by_uid.get(uid)
        if row_id is None:
            return -1, None, None, None
        known = self.b.existing.interviews[row_id]
        stamp = known.get("calendar_stamp")
        sequence = int(known["calendar_sequence"] or 0)
        return sequence, datetime.fromisoformat(stamp) if stamp else None, None, row_id

    def _cancel(self, uid: str, sequence: int, stamp: datetime | None, label: str) -> None:
        known, known_stamp, record, row_id = self._known(uid)
        if known < 0:
            self.b.warnings.append(f"{label}: cancels an invitation that was never imported")
            return
        if sequence < known:
            self.b.warnings.append(
                f"{label}: an older cancellation (revision {sequence}; revision {known} "
                "is imported), skipped"
            )
            return
        if sequence == known and stamp and known_stamp and stamp < known_stamp:
            self.b.warnings.append(
                f"{label}: an older cancellation (revision {sequence}, written before the "
                "copy imported), skipped"
            )
            return
        target = record if record is not None else self.b.use_interview(row_id or 0)
        target["cancelled"] = True
        target["calendar_sequence"] = sequence
        if stamp:
            target["calendar_stamp"] = stamp.isoformat()
        self.made[uid] = (sequence, stamp, target)

    def _target(
        self,
        uid: str,
        sequence: int,
        stamp: datetime | None,
        values: Record,
        people: list[Person],
        label: str,
    ) -> tuple[bool, Record | None]:
        """Whether to take this copy, and the interview it updates (None: a new one)."""
        known, known_stamp, record, row_id = self._known(uid)
        if known < 0:
            return True, None
        older = f"{label}: an older copy (revision {sequence}"
        if sequence < known:
            self.b.warnings.append(f"{older}; revision {known} is imported), skipped")
            return False, None
        if record is not None:  # an earlier copy in this very file
            if sequence == known and (stamp is None or (known_stamp and stamp <= known_stamp)):
                self.b.warnings.append(f"{older}, stamped no later than another), skipped")
                return False, None
            return True, record
        before = self.b.existing.interviews[row_id or 0]
        if sequence == known and stamp and known_stamp and stamp < known_stamp:
            self.b.warnings.append(f"{older}, written before the copy imported), skipped")
            return False, None
        if sequence == known and not self._differs(before, values, people):
            self.b.warnings.append(f"{label}: already imported, nothing new")
            return False, None
        if sequence == known and known_stamp is None:
            self.b.warnings.append(
                f"{label}: the same revision ({sequence}) as the one imported, with another "
                "time, place or guests; taken as the newer copy"
            )
        return True, self.b.use_interview(row_id or 0)

    def _differs(self, before: Record, values: Record, people: list[Person]) -> bool:
        if any(before.get(k) != v for k, v in values.items() if k != "location" or v):
            return True
        known = {
            str(self.b.existing.contacts[int(p["contact"][4:])].get("email") or "").lower()
            for p in before["participants"]
        }
        return any(p.email and p.email not in known for p in people)

    def _company(self, people: list[Person], origin: str, summary: str) -> str | None:
        b = self.b
        named = self.company if isinstance(self.company, str) else None
        if isinstance(self.company, Mapping):
            named = self.company.get(origin)
        if named and named.strip():
            return b.company(named.strip()[:200], origin)
        votes: Counter[str] = Counter()
        first: dict[str, str] = {}
        refused: list[str] = []
        for person in people:
            host = email_domain(person.email)
            if not host:
                continue
            if names_no_company(person.email):
                refused.append(registered_domain(host))
                continue
            domain = registered_domain(host)
            votes[domain] += 1
            first.setdefault(domain, host)
        if not votes:
            only = ", ".join(dict.fromkeys(refused)) or "no addresses at all"
            b.needs_company[origin] = summary
            b.problem(
                origin,
                f"{NO_COMPANY}: no guest has a company address (only {only}); {NAME_IT}",
            )
            return None
        order = list(votes)
        domain = max(order, key=lambda d: (votes[d], -order.index(d)))
        for key in (first[domain], domain):
            row_id = b.existing.company_by_domain.get(key)
            if row_id is not None:
                return b.use_company(row_id)
        return b.company(company_name_from_domain(domain), origin, website=domain)

    def _application(self, company_id: str, summary: str, label: str) -> str:
        b = self.b
        name = b.records["companies"][company_id]["name"]
        role = role_from_summary(summary, name)
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
        if role is None:
            b.warnings.append(
                f"{label}: the title names no role; the application at {name} is saved as "
                f"“{ROLE_NOT_GIVEN}” for you to fill in"
            )
        record = {
            "id": b.new_id("a"),
            "company": company_id,
            "role": role or ROLE_NOT_GIVEN,
            "status": "interviewing",
            "source": "calendar invite",
        }
        return b.put("applications", record, label.split(" (")[0])

    def _participants(
        self, record: Record, people: list[Person], company_id: str, origin: str
    ) -> None:
        listed = {p["contact"] for p in record["participants"]}
        for person in people:
            fields: Record = {"name": person.name, "email": person.email}
            host = email_domain(person.email)
            # A tenant's own relay (contoso.onmicrosoft.com) is still the tenant's mailbox.
            if host and (names_no_company(person.email) is None or host.endswith(_TENANT)):
                fields["company"] = company_id
            contact = self.b.contact(fields, origin, keep_company=True, by_name=True)
            if contact not in listed:
                record["participants"].append({"contact": contact, "role": person.role})
                listed.add(contact)
