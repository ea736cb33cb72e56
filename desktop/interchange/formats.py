"""One door for every import format: the file in, a checked document out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import tzinfo

from desktop.interchange.document import Document
from desktop.interchange.errors import InterchangeError
from desktop.interchange.lookup import ExistingIndex

FORMATS = ("json", "ics", "vcard", "linkedin", "csv")


def detect_and_parse(
    data: bytes,
    source: str,
    fmt: str,
    *,
    tz: tzinfo,
    existing: ExistingIndex,
    own_emails: Iterable[str] = (),
    company: str | None = None,
    mapping: Mapping[str, str] | None = None,
) -> Document:
    """Read `data` as `fmt` ('json', 'ics', 'vcard', 'linkedin' or 'csv') into a document.

    `existing` (from `lookup.load_existing`) lets invites and cards match rows already
    in the database; `own_emails` are the user's addresses, left out of an invite's
    attendees; `company` names the employer of an invite no address identifies;
    `mapping` (field -> column) says which CSV column holds what, else it is guessed.
    """
    if fmt == "json":
        from desktop.interchange.document import parse_document

        return parse_document(data, source, tz)
    if fmt == "ics":
        from desktop.interchange.calendar_invites import invites_to_document

        return invites_to_document(
            data, source, own_emails=own_emails, tz=tz, existing=existing, company=company
        )
    if fmt == "vcard":
        from desktop.interchange.contact_cards import cards_to_document

        return cards_to_document(data, source, tz=tz, existing=existing, own_emails=own_emails)
    if fmt == "linkedin":
        from desktop.interchange.linkedin_connections import connections_to_document

        return connections_to_document(data, source, tz=tz, existing=existing)
    if fmt == "csv":
        from desktop.interchange import contacts_csv

        if mapping is None:
            mapping = contacts_csv.guess_mapping(contacts_csv.read_header(data, source))
        return contacts_csv.parse(data, mapping, source=source, tz=tz, existing=existing)
    raise InterchangeError(source, [f"unknown format {fmt!r}; one of {', '.join(FORMATS)}"])
