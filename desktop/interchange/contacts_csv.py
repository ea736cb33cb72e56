"""Contacts from a plain CSV spreadsheet, with a column-mapping step.

A spreadsheet names its columns however it likes, so the importer first reads the header,
guesses which column holds which of our fields (Google and Outlook exports included) and
lets the user correct that, then builds the same document as every other importer: one
checker, one preview, one all-or-nothing write. Problems are numbered by row, the file's
line number as an editor shows it (the header is row 1).

A mapping value is one column name, or several joined with ``+``: the parts of a name or
an address are put together (Outlook's ``Business Street+Business City+…``), and for
other fields the first filled column wins (``Business Phone+Mobile Phone``).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, tzinfo

from desktop.interchange.contact_cards import append_note
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

FIELDS = (
    "name",
    "first_name",
    "last_name",
    "preferred_name",
    "title",
    "company",
    "email",
    "phone",
    "mailing_address",
    "notes",
)
DELIMITERS = ",;\t|"
JOIN = "+"

# Header names seen in the wild, most telling first, compared without case, spaces or
# punctuation. Outlook's "Title" is an honorific (Mr., Ms.), so "Job Title" comes first.
_GUESSES: dict[str, tuple[str, ...]] = {
    "name": ("name", "fullname", "displayname", "contactname", "contact", "person"),
    "first_name": ("firstname", "givenname", "first", "forename"),
    "last_name": ("lastname", "familyname", "surname", "last"),
    "preferred_name": ("preferredname", "nickname", "goesby", "callname"),
    "title": (
        "jobtitle",
        "organizationtitle",
        "organization1title",
        "position",
        "role",
        "title",
    ),
    "company": (
        "company",
        "companyname",
        "organization",
        "organizationname",
        "organization1name",
        "organisation",
        "employer",
        "org",
    ),
    "email": (
        "email",
        "emailaddress",
        "email1value",
        "email1",
        "primaryemail",
        "workemail",
        "businessemail",
        "mail",
    ),
    "phone": (
        "phone",
        "phonenumber",
        "phone1value",
        "businessphone",
        "workphone",
        "mobilephone",
        "mobile",
        "telephone",
        "tel",
        "cell",
    ),
    "mailing_address": (
        "mailingaddress",
        "address",
        "postaladdress",
        "address1formatted",
        "businessaddress",
        "workaddress",
        "homeaddress",
    ),
    "notes": ("notes", "note", "comments", "comment", "remarks"),
}
_OUTLOOK_ADDRESS = (
    "Business Street",
    "Business City",
    "Business State",
    "Business Postal Code",
    "Business Country/Region",
)
_LIMITS = {"preferred_name": 120, "phone": 64}


def _key(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def decode_csv(data: bytes, source: str = "<csv>") -> tuple[str, str]:
    """The text and the encoding it was read in: UTF-8 (with or without a byte-order mark),
    UTF-16 with one, else Windows-1252 (Excel's "CSV" on Western Windows)."""
    check_size(data, source)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise InterchangeError(source, [f"not UTF-16 text (byte {exc.start})"]) from None
    if b"\x00" in data[:4096]:
        raise InterchangeError(
            source,
            [
                "the file holds NUL bytes: it looks like UTF-16 without a byte-order mark, "
                "or is not a text file; save it as 'CSV UTF-8'"
            ],
        )
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError as utf8:
        try:
            return data.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise InterchangeError(
                source,
                [
                    f"line {line}: neither UTF-8 (byte {utf8.start}) nor Windows-1252 text "
                    f"(byte {exc.start}); save it as 'CSV UTF-8'"
                ],
            ) from None


def csv_problem(exc: csv.Error) -> str:
    """What Python's CSV reader complains of, in a spreadsheet user's words."""
    text = str(exc)
    if "unexpected end of data" in text or "EOF" in text:
        return 'not valid CSV: a quoted cell is never closed (a missing ")'
    if "field larger than field limit" in text:
        return "not valid CSV: a cell is longer than 128 KB"
    if "new-line character" in text:
        return "not valid CSV: a line break inside a cell that is not quoted"
    if "expected" in text and "after" in text:
        return "not valid CSV: text right after a closing quote"
    return "not valid CSV"


def _delimiter(text: str) -> str:
    sample = text[:16384]
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        first = next((line for line in sample.splitlines() if line.strip()), "")
        return max(DELIMITERS, key=first.count) if any(d in first for d in DELIMITERS) else ","


def _rows(text: str, source: str) -> Iterator[tuple[int, list[str]]]:
    """(line number the row starts on, cells) for every row, blank ones included."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InterchangeError(source, [f"row {start}: {csv_problem(exc)}"]) from None
        yield start, row
        start = reader.line_num + 1


def _header_row(text: str, source: str) -> tuple[int, list[str], Iterator[tuple[int, list[str]]]]:
    rows = _rows(text, source)
    for number, row in rows:
        if any(cell.strip() for cell in row):
            return number, [cell.strip() for cell in row], rows
    raise InterchangeError(source, ["the file is empty: no header row with column names"])


def read_rows(data: bytes, source: str) -> tuple[list[str], list[tuple[int, list[str]]], list[str]]:
    """The header, the rows below it (line number, cells) and notes on the encoding."""
    text, encoding = decode_csv(data, source)
    _, header, rows = _header_row(text, source)
    cp1252 = encoding == "Windows-1252"
    notes = ["the file is not UTF-8; it was read as Windows-1252"] if cp1252 else []
    return header, list(rows), notes


def read_header(data: bytes, source: str = "<csv>") -> list[str]:
    """The column names of the first non-empty row."""
    text, _ = decode_csv(data, source)
    return _header_row(text, source)[1]


def recognised(header: list[str]) -> str | None:
    """The program whose export this header is ('Google Contacts'), if a known one."""
    from desktop.interchange.csv_dialects import recognise

    found = recognise(header)
    return found[0] if found else None


def guess_mapping(header: list[str]) -> dict[str, str]:
    """Our field -> the column that most likely holds it; fields with no likely column are
    left out. A known program's export is mapped by its table (csv_dialects); otherwise a
    column is used for one field only."""
    from desktop.interchange.csv_dialects import recognise

    program = recognise(header)
    if program is not None:
        return program[1]
    by_key: dict[str, str] = {}
    for column in header:
        by_key.setdefault(_key(column), column)
    used: set[str] = set()
    mapping: dict[str, str] = {}
    for field_name in FIELDS:
        for guess in _GUESSES[field_name]:
            found = by_key.get(guess)
            if found is not None and found not in used:
                mapping[field_name] = found
                used.add(found)
                break
    # Other numbers (Outlook's business, mobile, home), but never a phonetic name or a
    # column that says what kind of number sits beside it ("Phone 1 - Label").
    phones = [
        c
        for c in header
        if c not in used
        and re.search(r"phone(?!tic)", _key(c))
        and not re.search(r"(label|type)$", _key(c))
        and c != mapping.get("phone")
    ]
    if "phone" in mapping and phones:
        # Outlook keeps business, mobile and home numbers apart: take the first filled.
        mapping["phone"] = JOIN.join([mapping["phone"], *phones])
    if "mailing_address" not in mapping:
        parts = [c for c in _OUTLOOK_ADDRESS if c in header and c not in used]
        if parts:
            mapping["mailing_address"] = JOIN.join(parts)
    return mapping


def _columns(mapping: Mapping[str, str], header: list[str], source: str) -> dict[str, list[int]]:
    problems: list[str] = []
    index = {name: i for i, name in reversed(list(enumerate(header)))}
    columns: dict[str, list[int]] = {}
    for field_name, spec in mapping.items():
        if field_name not in FIELDS:
            problems.append(f"mapping: unknown field {field_name!r}; one of {', '.join(FIELDS)}")
            continue
        names = [spec] if spec in index else [p.strip() for p in spec.split(JOIN)]
        missing = [n for n in names if n not in index]
        if missing or not spec.strip():
            problems.append(
                f"mapping: {field_name}: no column {', '.join(map(repr, missing or [spec]))} "
                f"in the header (columns: {', '.join(header)})"
            )
            continue
        columns[field_name] = [index[n] for n in names]
    if not problems and not (
        "name" in columns or "first_name" in columns or "last_name" in columns
    ):
        problems.append("mapping: no column for the name; map name, or first_name and last_name")
    if problems:
        raise InterchangeError(source, problems)
    return columns


def parse(
    data: bytes,
    mapping: Mapping[str, str],
    *,
    source: str = "<csv>",
    tz: tzinfo = UTC,
    existing: ExistingIndex | None = None,
    own_emails: Iterable[str] = (),
) -> Document:
    """Read the rows as contacts (with their companies) into a checked document."""
    text, encoding = decode_csv(data, source)
    header_at, header, rows = _header_row(text, source)
    columns = _columns(mapping, header, source)
    body = list(rows)
    check_count(len(body), "rows", source)
    builder = DocumentBuilder(existing or ExistingIndex(), source, tz, own_emails)
    if encoding == "Windows-1252":
        builder.warnings.append("the file is not UTF-8; it was read as Windows-1252")
    for number, row in body:
        origin = f"row {number}"
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
            builder.warnings.append(
                f"{origin}: {len(row)} cells under {len(header)} columns; "
                "the cells past the last column were not imported"
            )

        def cell(field_name: str, row: list[str] = row) -> str:
            cells = (
                row[i].replace("\r\n", "\n").strip() if i < len(row) else ""
                for i in columns.get(field_name, [])
            )
            return _combine(field_name, [c for c in cells if c])

        _contact(builder, cell, origin)
    if not builder.records["contacts"] and not builder.problems:
        raise InterchangeError(source, [f"no contacts below the header (row {header_at})"])
    return builder.build()


def _combine(field_name: str, parts: list[str]) -> str:
    """Several columns for one field: a name is put together, an address is a street line
    and a town line, notes are lines, and anything else takes the first that is filled."""
    if not parts:
        return ""
    if field_name in ("name", "first_name", "last_name"):
        return " ".join(parts)
    if field_name == "mailing_address":
        return "\n".join([parts[0], ", ".join(parts[1:])]) if len(parts) > 1 else parts[0]
    if field_name == "notes":
        return "\n".join(parts)
    return parts[0]


def _contact(b: DocumentBuilder, get: Callable[[str], str], origin: str) -> None:
    name = get("name") or f"{get('first_name')} {get('last_name')}".strip()
    email = get("email")
    if is_email(name):
        # Thunderbird's display name is the address when it knows no name.
        email, name = email or name, f"{get('first_name')} {get('last_name')}".strip()
    if not name and is_email(re.split(r"\s*(?::::|;)\s*", email)[0]):
        name = name_from_email(re.split(r"\s*(?::::|;)\s*", email)[0])
    if not name:
        b.problem(origin, "name: required (the name columns are empty)")
        return
    # Google puts several addresses in one cell, separated by ' ::: '.
    email = re.split(r"\s*(?::::|;)\s*", email)[0].removeprefix("mailto:").strip()
    if email and not is_email(email):
        b.problem(origin, f"email: not an email address ({email!r})")
        return
    if email and b.is_own(email, origin):
        return
    fields: Record = {"name": name, "email": email}
    for field_name in ("preferred_name", "title", "phone", "mailing_address"):
        value = get(field_name)
        limit = _LIMITS.get(field_name)
        if limit and len(value) > limit:
            b.problem(origin, f"{field_name}: too long ({len(value)} characters; at most {limit})")
            return
        fields[field_name] = value
    company = get("company")
    if company:
        if len(company) > 200:
            b.problem(origin, f"company: too long ({len(company)} characters; at most 200)")
            return
        fields["company"] = b.company(company, origin)
    key = b.contact(fields, origin)
    append_note(b.records["contacts"][key], get("notes"))


def describe_mapping(mapping: Mapping[str, str]) -> list[str]:
    """One line per mapped field, in our field order: '  email <- E-mail Address'."""
    return [f"  {name:<16}<- {mapping[name]}" for name in FIELDS if name in mapping]
