"""Checks on what a person types, shared by the forms (shown inline) and the services."""

from __future__ import annotations

import re
from datetime import date, datetime

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def required(value: str, label: str) -> str | None:
    """'Name is required' when `value` is blank."""
    return None if value.strip() else f"{label} is required"


def email_problem(value: str) -> str | None:
    """A message if `value` is not empty and not an email address."""
    text = value.strip()
    if not text or _EMAIL.match(text):
        return None
    return f"'{text}' is not an email address (like name@example.com)"


def interview_times_problem(starts_at: datetime | None, ends_at: datetime | None) -> str | None:
    if starts_at is None:
        return "Start time is required"
    if ends_at is not None and ends_at <= starts_at:
        return "The interview must end after it starts"
    return None


def promised_date_problem(promised: date | None, starts_at: datetime | None) -> str | None:
    """They cannot have promised an answer before the interview happened."""
    if promised is None or starts_at is None:
        return None
    if promised < starts_at.date():
        return "The promised answer date is before the interview"
    return None


def own_emails(text: str) -> tuple[list[str], str | None]:
    """The user's own addresses typed one per line (duplicates dropped, case kept as first
    typed), or a message for the first that is no address."""
    seen: dict[str, str] = {}
    for line in text.splitlines():
        address = line.strip()
        if not address:
            continue
        if problem := email_problem(address):
            return [], problem
        seen.setdefault(address.lower(), address)
    return list(seen.values()), None


def timezone_problem(zone: str, known: set[str] | frozenset[str]) -> str | None:
    """A message when `zone` (empty: the system's) is not one of the `known` IANA names."""
    zone = zone.strip()
    if zone and zone not in known:
        return f"Unknown time zone '{zone}': pick one from the list, like Europe/Berlin"
    return None
