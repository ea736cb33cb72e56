"""Contacts from vCard files (2.1, 3.0, 4.0: Apple, Google, Outlook, Android) as a document.

Problems are numbered by card. Each card is read on its own (vcard_text mends the lines
real exporters write), so one bad card is one problem, never the whole file's. A card
with no name (Android's and Exchange's email-only cards) is named from its address; an
Exchange directory name (X.500) where the address should be is left out and said so; the
user's own card is skipped.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from datetime import tzinfo
from typing import Any

from desktop.interchange.document_builder import (
    DocumentBuilder,
    check_count,
    check_size,
    is_email,
    name_from_email,
)
from desktop.interchange.document_model import Document, Record
from desktop.interchange.errors import InterchangeError
from desktop.interchange.lookup import ExistingIndex
from desktop.interchange.vcard_text import CardText, decode_vcards, split_cards

# A card with a photo is tens of kB; one far larger is a mistake or a bomb (thousands of
# folded lines), refused before the vCard reader spends seconds unfolding it. The number of
# cards in a file is bounded by MAX_RECORDS (document_builder).
MAX_CARD_BYTES = 1024 * 1024
_READ_ERRORS = (ValueError, TypeError, AttributeError, IndexError, KeyError, UnicodeError)
# Exchange writes its directory name where an address should be: /o=ExchangeLabs/ou=….
_X500 = re.compile(r"^(?:x500:|ex:)?/o=", re.IGNORECASE)


def cards_to_document(
    data: bytes,
    source: str,
    *,
    tz: tzinfo,
    existing: ExistingIndex,
    own_emails: Iterable[str] = (),
) -> Document:
    """Read a vCard file of one or many cards into a document."""
    check_size(data, source)
    text, notes = decode_vcards(data, source)
    check_count(text.upper().count("BEGIN:VCARD"), "cards", source)
    if "BEGIN:VCARD" not in text.upper():
        raise InterchangeError(source, ["not a vCard file (no BEGIN:VCARD)"])
    begins = len(re.findall(r"^BEGIN:VCARD\s*$", text, re.IGNORECASE | re.MULTILINE))
    ends = len(re.findall(r"^END:VCARD\s*$", text, re.IGNORECASE | re.MULTILINE))
    if ends < begins:
        raise InterchangeError(source, [f"card {ends + 1}: no END:VCARD; the file looks cut short"])
    _check_card_sizes(text, source)
    cards = split_cards(text)
    if not cards:
        raise InterchangeError(source, ["no cards (BEGIN:VCARD … END:VCARD) in the file"])
    builder = DocumentBuilder(existing, source, tz, own_emails)
    builder.warnings.extend(notes)
    for card in cards:
        _read_card(builder, card)
    return builder.build()


def _check_card_sizes(text: str, source: str) -> None:
    starts = [m.start() for m in re.finditer(r"^BEGIN:VCARD\s*$", text, re.I | re.M)]
    # Each card runs to the next one's start, the last to the end; no start, no card.
    for number, (start, end) in enumerate(itertools.pairwise([*starts, len(text)]), 1):
        if end - start > MAX_CARD_BYTES:
            raise InterchangeError(
                source,
                [
                    f"card {number}: {(end - start) / 2**20:.1f} MB of text; a contact card "
                    f"can be at most {MAX_CARD_BYTES // 2**20} MB"
                ],
            )


def _read_card(b: DocumentBuilder, text: CardText) -> None:
    import vobject

    origin = f"card {text.number}"
    b.warnings.extend(f"{origin}: {note}" for note in text.notes)
    try:
        card = vobject.readOne(text.text, ignoreUnreadable=True)
    except Exception:  # vobject raises many types for a malformed card
        b.problem(origin, f"cannot be read: a line of the card (from line {text.line}) is damaged")
        return
    try:
        _card(b, card, origin)
    except _READ_ERRORS:
        b.problem(origin, f"cannot be read: a value of the card (from line {text.line}) is damaged")


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return " ".join(_text(v) for v in value if _text(v))
    return str(value).replace("\r\n", "\n").strip() if value is not None else ""


def _lines(card: Any, name: str) -> list[Any]:
    """A property's lines, the preferred first."""
    lines = list(card.contents.get(name.lower(), []))

    def preferred(line: Any) -> bool:
        types = " ".join(str(t) for t in line.params.get("TYPE", [])).upper()
        return "PREF" in types or "PREF" in line.params or "PREF" in line.singletonparams

    return sorted(lines, key=lambda line: not preferred(line))


def _first(card: Any, name: str) -> Any:
    lines = _lines(card, name)
    return lines[0].value if lines else None


def _card_name(card: Any) -> str:
    full = _text(_first(card, "fn"))
    if full:
        return full
    name = _first(card, "n")
    if name is None:
        return ""
    if isinstance(name, str):
        return " ".join(p.strip() for p in reversed(name.split(";")[:2]) if p.strip())
    parts = (name.prefix, name.given, name.additional, name.family, name.suffix)
    return " ".join(_text(p) for p in parts if _text(p))


def _address(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return "\n".join(p.strip() for p in value.split(";") if p.strip())
    street = "\n".join(x for x in (_text(value.box), _text(value.street)) if x)
    extended = _text(value.extended)
    town = " ".join(x for x in (_text(value.region), _text(value.code)) if x)
    city_line = ", ".join(x for x in (_text(value.city), town) if x)
    lines = [street, extended, city_line, _text(value.country)]
    return "\n".join(line for line in lines if line)


def _organisation(value: Any) -> str:
    """The company of ORG: its first part; a comma left unescaped stays ("Company, The")."""
    first = value[0] if isinstance(value, (list, tuple)) and value else value
    if isinstance(first, (list, tuple)):
        return ", ".join(str(p).strip() for p in first if str(p).strip())
    return _text(first)


def _email(b: DocumentBuilder, card: Any, origin: str) -> str | None:
    """The card's address (the preferred readable one), '' for none, None after a problem."""
    values = [_text(line.value).removeprefix("mailto:").strip() for line in _lines(card, "email")]
    good = [v for v in values if is_email(v)]
    if good:
        return good[0]
    directory = [v for v in values if _X500.match(v)]
    if directory:
        b.warnings.append(
            f"{origin}: the address is an Exchange directory name ({directory[0][:40]}…), "
            "not an email address; the contact was imported without one"
        )
        return ""
    if values and values[0]:
        b.problem(origin, f"{values[0]!r} is not an email address (EMAIL)")
        return None
    return ""


def _card(b: DocumentBuilder, card: Any, origin: str) -> None:
    if str(getattr(card, "name", "")).upper() != "VCARD":
        b.problem(origin, f"not a vCard (BEGIN:{getattr(card, 'name', '?')})")
        return
    email = _email(b, card, origin)
    if email is None:
        return
    if b.is_own(email, origin, "card"):
        return
    company_name = _organisation(_first(card, "org"))[:200]
    name = _card_name(card)
    if not name and email:
        name = name_from_email(email)
        b.warnings.append(f"{origin}: no name on the card; named {name} from {email}")
    if not name:
        if company_name:
            b.company(company_name, origin)
            b.warnings.append(f"{origin}: a card of a company, not a person: {company_name}")
            return
        b.problem(origin, "no name and no email address (FN, N, EMAIL)")
        return
    fields: Record = {
        "name": name[:200],
        "preferred_name": _text(_first(card, "nickname"))[:120],
        "title": _text(_first(card, "title"))[:200],
        "email": email,
        "phone": _text(_first(card, "tel")).removeprefix("tel:")[:64],
        "mailing_address": _address(_first(card, "adr")),
    }
    if company_name:
        fields["company"] = b.company(company_name, origin)
    key = b.contact(fields, origin)
    append_note(b.records["contacts"][key], _text(_first(card, "note")))


def append_note(record: Record, note: str) -> None:
    """Add `note` to a contact's notes unless it is already there."""
    note = note.strip()
    current = str(record.get("notes") or "")
    if note and note not in current:
        record["notes"] = f"{current}\n{note}".strip()
