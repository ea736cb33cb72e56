"""Template fields in words: {First name} for {{ first_name }}.

The template editor shows a note's fields as `{First name}`-style placeholders, which a
person reads and types, and turns them back into Jinja2 when the template is saved.
Anything else Jinja2 (conditions, filters other than the signature's line breaks) is
left exactly as written, so the source stays whole for those who want it.
"""

from __future__ import annotations

import re

# Variable -> how the editor names it (desktop/resources/templates/notes/README.md lists them all).
FIELDS = {
    "greeting": "Greeting",
    "formal_greeting": "Formal greeting",
    "casual_greeting": "Casual greeting",
    "name": "Name",
    "first_name": "First name",
    "surname": "Surname",
    "full_name": "Full name",
    "courtesy_title": "Salutation",
    "recipient_title": "Their job title",
    "company": "Company",
    "company_or_team": "Company or team",
    "role": "Role",
    "role_phrase": "The role at the company",
    "interview_date": "Interview date",
    "meet": "Meet or speak",
    "talking_point": "Talking point",
    "promised_response_by": "Answer promised by",
    "sign_off": "Sign-off",
    "sender_name": "Your name",
    "signature": "Signature",
}
_LABELS = {label.casefold(): name for name, label in FIELDS.items()}
# {{ first_name }}, {{- signature|nl2br -}}: a plain field, or the signature with its breaks.
_JINJA_FIELD = re.compile(r"\{\{-?\s*([a-z_]+)\s*(\|\s*nl2br\s*)?-?\}\}")
_FRIENDLY_FIELD = re.compile(r"(?<!\{)\{([A-Za-z][A-Za-z -]{0,40})\}(?!\})")


def to_friendly(source: str) -> str:
    """The template with its plain fields as {Field name}."""

    def field(match: re.Match[str]) -> str:
        name, filters = match.group(1), match.group(2)
        if name not in FIELDS or (filters and name != "signature"):
            return match.group(0)
        return f"{{{FIELDS[name]}}}"

    return _JINJA_FIELD.sub(field, source)


def from_friendly(text: str) -> str:
    """The template back in Jinja2: {First name} becomes {{ first_name }}."""

    def field(match: re.Match[str]) -> str:
        name = _LABELS.get(match.group(1).strip().casefold())
        if name is None:
            return match.group(0)
        return "{{ signature|nl2br }}" if name == "signature" else f"{{{{ {name} }}}}"

    return _FRIENDLY_FIELD.sub(field, text)


def unknown_fields(text: str) -> list[str]:
    """{Names} in braces that are no field (a typo the editor points out)."""
    return [
        m.group(1)
        for m in _FRIENDLY_FIELD.finditer(text)
        if m.group(1).strip().casefold() not in _LABELS
    ]
