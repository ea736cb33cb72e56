"""LinkedIn's Connections.csv (with its 'Notes:' preamble) as a document.

A connection is known by its profile URL: two people of one name at one company are two
contacts (they were merged, and a file of distinct profiles lost half its people). The
URL is the contact's LinkedIn address, where the next import finds it again (older
versions kept it in the notes as "LinkedIn: …", and those are still matched).
Problems are numbered by row, the file's line number as a spreadsheet shows it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import tzinfo
from typing import Any

from desktop.core.job import linkedin_problem
from desktop.interchange.contact_cards import append_note
from desktop.interchange.contacts_csv import csv_problem
from desktop.interchange.document_builder import (
    DocumentBuilder,
    check_count,
    check_size,
    decode_text,
    is_email,
)
from desktop.interchange.document_model import Document, Record
from desktop.interchange.errors import InterchangeError
from desktop.interchange.lookup import ExistingIndex

# LinkedIn lets a member have at most 30,000 connections.
MAX_CONNECTIONS = 30_000
LINKEDIN_HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position")


def connections_to_document(
    data: bytes,
    source: str,
    *,
    tz: tzinfo,
    existing: ExistingIndex,
    own_emails: Iterable[str] = (),
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
        raise InterchangeError(source, [f"row {start + 1}: {csv_problem(exc)}"]) from None
    missing = [h for h in ("First Name", "Last Name") if h not in header]
    if missing:
        raise InterchangeError(source, [f"row {start + 1}: no column {', '.join(missing)}"])
    column = {name: header.index(name) for name in LINKEDIN_HEADER if name in header}
    connected = header.index("Connected On") if "Connected On" in header else None
    builder = DocumentBuilder(existing, source, tz, own_emails)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InterchangeError(
                source, [f"row {start + reader.line_num}: {csv_problem(exc)}"]
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
    if email and b.is_own(email, origin):
        return
    fields: Record = {"name": name[:200], "email": email, "title": cell("Position")[:200]}
    if cell("Company"):
        fields["company"] = b.company(cell("Company")[:200], origin)
    url = cell("URL")
    if url and linkedin_problem(url) is None:
        fields["linkedin_url"] = url[:500]
    key = b.contact(fields, origin, profile=url)
    since = row[connected].strip() if connected is not None and connected < len(row) else ""
    note = f"Connected on LinkedIn {since}" if since else ""
    if note and note not in str(b.records["contacts"][key].get("notes") or ""):
        append_note(b.records["contacts"][key], note)
