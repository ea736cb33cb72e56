"""What a note template knows: the plain data of one note, and the variables made from it.

The wording decisions that need logic (which greeting, how a talking point reads inside a
sentence, how a date is written) are made here in Python, so template files stay plain text
a person can edit. Templates see only str, bool and lists of str.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from desktop.core.names import GREETING_FORMS
from desktop.core.second_person import to_second_person

# Shown where the user has not recorded a talking point; proofreading flags it as a
# `placeholder` until it is replaced by something specific.
SPECIFIC_PLACEHOLDER = "[something specific you discussed]"
NAME_PLACEHOLDER = "[your name]"

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_COURTESY = {
    "mr": "Mr.",
    "mrs": "Mrs.",
    "ms": "Ms.",
    "miss": "Miss",
    "mx": "Mx.",
    "dr": "Dr.",
    "prof": "Professor",
    "professor": "Professor",
}
_REMOTE_KINDS = {"phone", "video"}
# A talking point is written as a note about the interviewer ("her clerkship story", "the
# clinic he runs"); in a note to them every such pronoun becomes "you" (second_person), and
# a leading "their" (the interviewer's, written gender-neutrally) becomes "your".
_LEADING_THEIR = {"their": "your"}
_LOWER_OPENERS = {"the", "a", "an", "how", "what", "why", "when", "your", "our", "my"}
_POINT_SPLIT = re.compile(r"\s*(?:\n|;|•)\s*")


@dataclass(frozen=True)
class NoteContext:
    """Everything a note template fills in, as plain data."""

    recipient_name: str
    recipient_preferred_name: str = ""
    recipient_salutation: str = ""  # Ms., Mr., Mx., Dr., Prof. or ""
    recipient_surname: str = ""
    recipient_title: str = ""
    company: str = ""
    role: str = ""
    interview_date: date | None = None
    talking_points: str = ""
    sender_name: str = ""
    signature: str = ""
    formality: str = "neutral"  # formal | neutral | casual
    channel: str = "email"  # email | card
    promised_response_by: date | None = None
    interview_kind: str = ""


def format_day(day: date | None) -> str:
    """'Thursday, November 20' (English whatever the process locale; Qt sets LC_ALL)."""
    if day is None:
        return ""
    return f"{_WEEKDAYS[day.weekday()]}, {_MONTHS[day.month - 1]} {day.day}"


def split_name(name: str) -> tuple[str, list[str]]:
    """The courtesy title written before a name ("Ms.", "Dr.") and the remaining name words."""
    words = name.split()
    if len(words) > 1 and words[0].lower().rstrip(".") in _COURTESY:
        return _COURTESY[words[0].lower().rstrip(".")], words[1:]
    return "", words


def talking_point_phrases(points: str) -> list[str]:
    """Each recorded talking point, shaped to sit after 'our conversation about'."""
    out: list[str] = []
    for raw in _POINT_SPLIT.split(points):
        point = raw.strip().lstrip("-*").strip().rstrip(".;,!").strip()
        if not point:
            continue
        point = to_second_person(point)
        first, _, rest = point.partition(" ")
        low = first.lower()
        if rest and low in _LEADING_THEIR:
            point = f"{_LEADING_THEIR[low]} {rest}"
        elif low in _LOWER_OPENERS and rest:
            point = f"{low} {rest}"
        out.append(point)
    return out


def _courtesy_title(context: NoteContext) -> tuple[str, str]:
    """(courtesy title, job title): a title field holding only 'Dr.' is a courtesy title."""
    courtesy, _ = split_name(context.recipient_name)
    job_title = context.recipient_title.strip()
    if job_title.lower().rstrip(".") in _COURTESY:
        courtesy = courtesy or _COURTESY[job_title.lower().rstrip(".")]
        job_title = ""
    return courtesy, job_title


def _role_phrase(role: str, company: str) -> str:
    if role and company:
        return f"the {role} role at {company}"
    if role:
        return f"the {role} role"
    if company:
        return f"the role at {company}"
    return "the role"


def _signature(context: NoteContext) -> str:
    sender = context.sender_name.strip()
    signature = context.signature.strip()
    if context.channel == "card":
        # A handwritten card is signed with a name, not an email signature block.
        return sender or (signature.splitlines()[0] if signature else NAME_PLACEHOLDER)
    return signature or sender or NAME_PLACEHOLDER


def template_variables(context: NoteContext) -> dict[str, object]:
    """The variables every note template may use (its README.md lists them)."""
    courtesy, job_title = _courtesy_title(context)
    _, words = split_name(context.recipient_name)
    full_name = " ".join(words)
    first_name = words[0] if words else ""
    surname = context.recipient_surname.strip() or (words[-1] if len(words) > 1 else "")
    # The contact's own salutation wins over one guessed from the name or the title.
    if context.recipient_salutation in GREETING_FORMS:
        courtesy = GREETING_FORMS[context.recipient_salutation]
    name = context.recipient_preferred_name.strip() or first_name or "there"
    formality = context.formality if context.formality in ("formal", "casual") else "neutral"
    if formality == "formal":
        if courtesy and surname:
            formal_greeting = f"Dear {courtesy} {surname}"
        else:
            formal_greeting = f"Dear {full_name or name}"
    else:
        formal_greeting = f"Dear {name}"
    casual_greeting = f"Hi {name}"
    if not context.recipient_name.strip() and not context.recipient_preferred_name.strip():
        # A note to nobody in particular (a check-in to the company) greets the team.
        formal_greeting, casual_greeting = "Dear Hiring Team", "Hi there"
    points = talking_point_phrases(context.talking_points)
    company = context.company.strip()
    role = context.role.strip()
    return {
        "greeting": casual_greeting if formality == "casual" else formal_greeting,
        "formal_greeting": formal_greeting,
        "casual_greeting": casual_greeting,
        "sign_off": {"formal": "Sincerely", "neutral": "Kind regards", "casual": "Best"}[formality],
        "name": name,
        "first_name": first_name,
        "full_name": full_name,
        "surname": surname,
        "courtesy_title": courtesy,
        "recipient_title": job_title,
        "company": company,
        "company_or_team": company or "your team",
        "role": role,
        "role_phrase": _role_phrase(role, company),
        "interview_date": format_day(context.interview_date),
        "interview_kind": context.interview_kind,
        "meet": "speak" if context.interview_kind in _REMOTE_KINDS else "meet",
        "talking_point": points[0] if points else SPECIFIC_PLACEHOLDER,
        "has_talking_point": bool(points),
        "talking_points": points,
        "promised_response_by": format_day(context.promised_response_by),
        "has_promised_date": context.promised_response_by is not None,
        "sender_name": context.sender_name.strip() or NAME_PLACEHOLDER,
        "signature": _signature(context),
        "formality": formality,
        "formal": formality != "casual",
        "casual": formality == "casual",
        "channel": context.channel,
        "card": context.channel == "card",
    }


def sample_context() -> NoteContext:
    """A filled-in note used to try a user's template before it is saved."""
    return NoteContext(
        recipient_name="Margaret Hale",
        recipient_preferred_name="Maggie",
        recipient_salutation="Ms.",
        recipient_surname="Hale",
        recipient_title="Partner",
        company="Hale & Pierce LLP",
        role="Associate",
        interview_date=date(2026, 11, 20),
        talking_points="her clerkship story\nappellate briefs",
        sender_name="Daniel Okafor",
        signature="Daniel Okafor\n555-0100",
        formality="formal",
        promised_response_by=date(2026, 11, 25),
        interview_kind="onsite",
    )
