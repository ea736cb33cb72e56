"""Who an invitation's people are: the organizer and the guests worth a thank-you.

Left out: the user's own addresses, rooms and resources (CUTYPE, or ROLE=NON-PARTICIPANT
as Outlook marks a room), guests who declined, no-reply senders and calendar services.
iCloud sends as ``…@imip.me.com`` with the real address in the EMAIL parameter, and lists
the organizer again as a guest: each person is kept once, by address, else by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.interchange.document_builder import is_email, name_from_email
from desktop.interchange.domains import is_no_reply, is_service_address

_SKIPPED_TYPES = frozenset({"ROOM", "RESOURCE", "GROUP"})


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    role: str  # "coordinator" (the organizer) or "interviewer"


def _params(prop: Any) -> Any:
    return getattr(prop, "params", {})


def address_of(prop: Any) -> str:
    """The person's real address: the EMAIL parameter (iCloud), else the mailto: value."""
    for candidate in (str(_params(prop).get("EMAIL", "")), str(prop)):
        text = candidate.strip()
        if text.lower().startswith("mailto:"):
            text = text[7:].strip()
        if is_email(text):
            return text.lower()
    return ""


def display_name(cn: str, email: str) -> str:
    """The CN as a person writes their name ("Chen, Wei" → "Wei Chen"), else from the address."""
    cn = cn.strip().strip('"').strip()
    if cn and not is_email(cn):
        family, comma, given = cn.partition(",")
        # Outlook's directory writes "Family, Given".
        if comma and given.strip() and "," not in given and len(family.split()) == 1:
            return f"{given.strip()} {family.strip()}"
        return cn
    return name_from_email(email or cn)


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def people_of(event: Any, own: set[str]) -> list[Person]:
    """Everyone but the user, organizer first, each once."""
    candidates: list[tuple[Any, str]] = [
        *((p, "coordinator") for p in as_list(event.get("ORGANIZER"))),
        *((a, "interviewer") for a in as_list(event.get("ATTENDEE"))),
    ]
    people: list[Person] = []
    by_email: dict[str, int] = {}
    by_name: dict[str, int] = {}
    for prop, role in candidates:
        params = _params(prop)
        if str(params.get("CUTYPE", "INDIVIDUAL")).upper() in _SKIPPED_TYPES:
            continue
        if str(params.get("ROLE", "")).upper() == "NON-PARTICIPANT":
            continue
        if role == "interviewer" and str(params.get("PARTSTAT", "")).upper() == "DECLINED":
            continue
        raw = str(prop).strip().removeprefix("mailto:").removeprefix("MAILTO:").lower()
        email = address_of(prop)
        if email in own or raw in own:
            continue
        cn = str(params.get("CN", "")).strip()
        if email and is_no_reply(email):
            continue  # a system's sender ("Zoom" <no-reply@zoom.us>) is no one
        if email and is_service_address(email):
            email = ""  # a relay or a no-reply sender speaks for someone; keep only the name
            if not cn or is_email(cn.strip('"')):
                continue
        if not (email or cn):
            continue
        name = display_name(cn, email)
        key = name.lower()
        if email in by_email or (not email and key in by_name):
            continue
        if email and key in by_name and not people[by_name[key]].email:
            # The same person seen first without an address (iCloud's organizer): fill it in.
            index = by_name[key]
            people[index] = Person(people[index].name, email, people[index].role)
            by_email[email] = index
            continue
        index = len(people)
        people.append(Person(name, email, role))
        by_name.setdefault(key, index)
        if email:
            by_email[email] = index
    if people and all(p.role == "coordinator" for p in people):
        # An invite with no other guest (Zoom's own .ics): its host is the interviewer.
        people = [Person(p.name, p.email, "interviewer") for p in people]
    return people
