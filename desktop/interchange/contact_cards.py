"""Contacts from vCard files (2.1, 3.0, 4.0: Apple, Google, Outlook) and LinkedIn's
Connections.csv, as a document. Problems are numbered by card or by row (the row is the
file's line number, as a spreadsheet or an editor shows it).
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from datetime import tzinfo
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
from desktop.interchange.lookup import ExistingIndex

# LinkedIn lets a member have at most 30,000 connections.
MAX_CONNECTIONS = 30_000
# A card with a photo is tens of kB; one far larger is a mistake or a bomb (thousands of
# folded lines), refused before the vCard reader spends seconds unfolding it. The number of
# cards in a file is bounded by MAX_RECORDS (document_builder).
MAX_CARD_BYTES = 1024 * 1024
LINKEDIN_HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position")
_SINGLE_TEXT = frozenset({"FN", "TITLE", "ROLE", "NOTE"})
_UNESCAPED_COMMA = re.compile(r"(?<!\\),")
_READ_ERRORS = (ValueError, TypeError, AttributeError, IndexError, KeyError, UnicodeError)


def cards_to_document(data: bytes, source: str, *, tz: tzinfo, existing: ExistingIndex) -> Document:
    """Read a vCard file of one or many cards into a document."""
    import vobject  # type: ignore[import-untyped]

    check_size(data, source)
    text = decode_text(data, source)
    check_count(text.upper().count("BEGIN:VCARD"), "cards", source)
    if "BEGIN:VCARD" not in text.upper():
        raise InterchangeError(source, ["not a vCard file (no BEGIN:VCARD)"])
    begins = len(re.findall(r"^BEGIN:VCARD\s*$", text, re.IGNORECASE | re.MULTILINE))
    ends = len(re.findall(r"^END:VCARD\s*$", text, re.IGNORECASE | re.MULTILINE))
    if ends < begins:
        raise InterchangeError(source, [f"card {ends + 1}: no END:VCARD; the file looks cut short"])
    _check_card_sizes(text, source)
    builder = DocumentBuilder(existing, source, tz)
    cards = vobject.readComponents(_prepare_lines(text), ignoreUnreadable=False)
    number = 0
    while True:
        number += 1
        origin = f"card {number}"
        try:
            card = next(cards)
        except StopIteration:
            break
        except Exception as exc:  # vobject raises many types for a malformed card
            raise InterchangeError(source, [f"{origin}: cannot be read ({exc})"]) from None
        if str(getattr(card, "name", "")).upper() != "VCARD":
            builder.problem(origin, f"not a vCard (BEGIN:{getattr(card, 'name', '?')})")
            continue
        try:
            _card(builder, card, origin)
        except _READ_ERRORS as exc:
            builder.problem(origin, f"cannot be read ({exc})")
    if number == 1:
        raise InterchangeError(source, ["no cards (BEGIN:VCARD … END:VCARD) in the file"])
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


def _prepare_lines(text: str) -> str:
    """Two habits of real files the vCard reader trips on, mended line by line:
    vCard 2.1 breaks long quoted-printable values with a trailing '=' rather than by
    folding (the lines are joined), and 2.1 writers and sloppy 3.0 ones leave commas in
    single-valued text such as TITLE unescaped, which the reader would cut at (they are
    escaped)."""
    lines = text.splitlines()
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        head, colon, value = line.partition(":")
        if "QUOTED-PRINTABLE" in head.upper():
            while line.endswith("=") and index + 1 < len(lines):
                index += 1
                line = line[:-1] + lines[index]
            head, colon, value = line.partition(":")
        name = head.split(";", 1)[0].rsplit(".", 1)[-1].strip().upper()
        if colon and name in _SINGLE_TEXT:
            line = head + colon + _UNESCAPED_COMMA.sub(r"\\,", value)
        out.append(line)
        index += 1
    return "\r\n".join(out) + "\r\n"


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return " ".join(_text(v) for v in value if _text(v))
    return str(value).replace("\r\n", "\n").strip() if value is not None else ""


def _first(card: Any, name: str) -> Any:
    """The preferred (else the first) value of a property, or None."""
    lines = card.contents.get(name.lower(), [])
    for line in lines:
        types = " ".join(str(t) for t in line.params.get("TYPE", [])).upper()
        if "PREF" in types or "PREF" in line.params or "PREF" in line.singletonparams:
            return line.value
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


def _card(b: DocumentBuilder, card: Any, origin: str) -> None:
    name = _card_name(card)
    if not name:
        b.problem(origin, "no name (FN/N)")
        return
    email = _text(_first(card, "email")).removeprefix("mailto:").strip()
    if email and not is_email(email):
        b.problem(origin, f"{email!r} is not an email address (EMAIL)")
        return
    org = _first(card, "org")
    company_name = _text(org[0] if isinstance(org, (list, tuple)) and org else org)
    fields: Record = {
        "name": name[:200],
        "preferred_name": _text(_first(card, "nickname"))[:120],
        "title": _text(_first(card, "title"))[:200],
        "email": email,
        "phone": _text(_first(card, "tel")).removeprefix("tel:")[:64],
        "mailing_address": _address(_first(card, "adr")),
    }
    if company_name:
        fields["company"] = b.company(company_name[:200], origin)
    key = b.contact(fields, origin)
    append_note(b.records["contacts"][key], _text(_first(card, "note")))


def append_note(record: Record, note: str) -> None:
    """Add `note` to a contact's notes unless it is already there."""
    note = note.strip()
    current = str(record.get("notes") or "")
    if note and note not in current:
        record["notes"] = f"{current}\n{note}".strip()


def connections_to_document(
    data: bytes, source: str, *, tz: tzinfo, existing: ExistingIndex
) -> Document:
    """Read LinkedIn's Connections.csv (with its 'Notes:' preamble) into a document."""
    check_size(data, source)
    text = decode_text(data, source)
    lines = text.splitlines(keepends=True)
    start = next(
        (i for i, line in enumerate(lines) if line.lstrip().lower().startswith("first name,")),
        None,
    )
    if start is None:
        raise InterchangeError(
            source,
            [
                "no header line 'First Name,Last Name,URL,Email Address,…'; "
                "is this LinkedIn's Connections.csv?"
            ],
        )
    check_count(len(lines) - start - 1, "rows", source, MAX_CONNECTIONS)
    reader = csv.reader(io.StringIO("".join(lines[start:]), newline=""), strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as exc:
        raise InterchangeError(source, [f"row {start + 1}: not valid CSV ({exc})"]) from None
    missing = [h for h in ("First Name", "Last Name") if h not in header]
    if missing:
        raise InterchangeError(source, [f"row {start + 1}: no column {', '.join(missing)}"])
    column = {name: header.index(name) for name in LINKEDIN_HEADER if name in header}
    connected = header.index("Connected On") if "Connected On" in header else None
    builder = DocumentBuilder(existing, source, tz)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InterchangeError(
                source, [f"row {start + reader.line_num}: not valid CSV ({exc})"]
            ) from None
        origin = f"row {start + reader.line_num}"
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            builder.problem(origin, f"{len(row)} of {len(header)} columns; the row looks cut short")
            continue

        def cell(name: str, row: list[str] = row) -> str:
            index = column.get(name)
            return row[index].strip() if index is not None and index < len(row) else ""

        _connection(builder, cell, row, connected, origin)
    return builder.build()


def _connection(
    b: DocumentBuilder, cell: Any, row: list[str], connected: int | None, origin: str
) -> None:
    name = f"{cell('First Name')} {cell('Last Name')}".strip()
    if not name:
        b.problem(origin, "no name (First Name, Last Name)")
        return
    email = cell("Email Address")
    if email and not is_email(email):
        b.problem(origin, f"{email!r} is not an email address (Email Address)")
        return
    fields: Record = {"name": name[:200], "email": email, "title": cell("Position")[:200]}
    if cell("Company"):
        fields["company"] = b.company(cell("Company")[:200], origin)
    key = b.contact(fields, origin)
    url = cell("URL")
    since = row[connected].strip() if connected is not None and connected < len(row) else ""
    if url and url not in str(b.records["contacts"][key].get("notes") or ""):
        append_note(
            b.records["contacts"][key],
            f"LinkedIn: {url}" + (f" (connected {since})" if since else ""),
        )
