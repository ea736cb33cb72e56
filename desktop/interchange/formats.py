"""One door for every import format: the file in, a checked document out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import tzinfo

from desktop.interchange.document_model import Document
from desktop.interchange.errors import InterchangeError
from desktop.interchange.lookup import ExistingIndex

FORMATS = ("json", "ics", "vcard", "linkedin", "csv", "tracker")


def detect_and_parse(
    data: bytes,
    source: str,
    fmt: str,
    *,
    tz: tzinfo,
    existing: ExistingIndex,
    own_emails: Iterable[str] = (),
    company: str | Mapping[str, str] | None = None,
    mapping: Mapping[str, str] | None = None,
    skip_invalid: bool = False,
) -> Document:
    """Read `data` as `fmt` ('json', 'ics', 'vcard', 'linkedin' or 'csv') into a document.

    `existing` (from `lookup.load_existing`) lets invites and cards match rows already
    in the database; `own_emails` are the user's addresses, left out of an invite's
    attendees; `company` names the employer of an invite no address identifies;
    `mapping` (field -> column) says which CSV column holds what, else it is guessed.
    With `skip_invalid` the rows, cards or events with problems are left out and listed
    in `Document.skipped`; a problem of the whole file still refuses it.
    """
    try:
        return _parse(data, source, fmt, tz, existing, own_emails, company, mapping)
    except InterchangeError as exc:
        if not skip_invalid or exc.partial is None:
            raise
        exc.partial.skipped = list(exc.problems)
        return exc.partial


def _parse(
    data: bytes,
    source: str,
    fmt: str,
    tz: tzinfo,
    existing: ExistingIndex,
    own_emails: Iterable[str],
    company: str | Mapping[str, str] | None,
    mapping: Mapping[str, str] | None,
) -> Document:
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

        return connections_to_document(
            data, source, tz=tz, existing=existing, own_emails=own_emails
        )
    if fmt == "csv":
        from desktop.interchange import contacts_csv

        if mapping is None:
            mapping = contacts_csv.guess_mapping(contacts_csv.read_header(data, source))
        return contacts_csv.parse(
            data, mapping, source=source, tz=tz, existing=existing, own_emails=own_emails
        )
    if fmt == "tracker":
        from desktop.interchange import contacts_csv
        from desktop.interchange.job_tracker import parse_tracker

        header, rows, notes = contacts_csv.read_rows(data, source)
        document = parse_tracker(rows, header, source=source, tz=tz, existing=existing)
        document.warnings[:0] = notes
        return document
    raise InterchangeError(source, [f"unknown format {fmt!r}; one of {', '.join(FORMATS)}"])
