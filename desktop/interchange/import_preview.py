"""The import service the window calls: read a file, preview what it would change, commit it.

Views get plain dataclasses from here and never a session. The preview is a real dry run
of the one all-or-nothing writer, so what it counts is what the import will do.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from desktop.interchange.document_model import MAX_DOCUMENT_BYTES, Document, Record
from desktop.interchange.errors import InterchangeError

if TYPE_CHECKING:
    from desktop.core.settings import RuleSettings, UserProfile
    from desktop.interchange.lookup import ExistingIndex
    from desktop.storage.store import Store

FORMAT_NAMES = {
    "json": "Afterword backup (JSON)",
    "ics": "calendar invitations (iCalendar)",
    "vcard": "contact cards (vCard)",
    "linkedin": "LinkedIn connections (CSV)",
    "csv": "contacts spreadsheet (CSV)",
    "tracker": "job-tracker spreadsheet (CSV)",
}
PREVIEW_SECTIONS = ("companies", "contacts", "applications", "interviews")
_WHERE = re.compile(r"^((?:row|card|event|line) \d+|mapping|[a-z]+\[\d+\][\w.\[\]]*): (.*)$", re.S)


class ImportTarget(Protocol):
    """What an import needs of an open workspace."""

    store: Store
    rules: RuleSettings
    profile: UserProfile
    tz: tzinfo


@dataclass(frozen=True)
class PreviewEntry:
    """One record the import would write: e.g. ('contacts', 'Priya Raman', 'new', 'row 2')."""

    section: str
    name: str
    action: str  # "new", "update" or "unchanged"
    origin: str


@dataclass(frozen=True)
class ImportProblem:
    """Why the file cannot be imported, and where: ('row 14', 'email: not an email address')."""

    where: str
    message: str

    @property
    def row(self) -> int | None:
        """The row, card or event number, when the problem has one."""
        match = re.match(r"^(?:row|card|event|line) (\d+)$", self.where)
        return int(match.group(1)) if match else None


@dataclass(frozen=True)
class ImportChoices:
    """What the user chose for an import: the CSV columns, the company of each event no
    address tells ("event 2" -> "Acme"), and whether rows with problems are left out."""

    mapping: dict[str, str] | None = None
    companies: dict[str, str] = field(default_factory=dict)
    skip_invalid: bool = False


@dataclass
class ImportPreview:
    """What importing a file would do, or why it cannot be done."""

    source: str
    fmt: str
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    entries: list[PreviewEntry] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    generated_followups: int = 0
    mapping: dict[str, str] | None = None
    committed: bool = False
    # Events whose company the user must name (origin -> title), and the companies there are.
    needs_company: dict[str, str] = field(default_factory=dict)
    companies: list[str] = field(default_factory=list)
    # Rows, cards or events that are left out because the user chose to skip them.
    skipped: list[ImportProblem] = field(default_factory=list)

    @property
    def can_import(self) -> bool:
        return not self.problems and any(any(c.values()) for c in self.counts.values())

    @property
    def skippable(self) -> int:
        """How many rows could be left out to import the rest (0: none, or nothing left)."""
        if not self.problems or any(p.row is None for p in self.problems):
            return 0
        return len({p.where for p in self.problems}) if self.entries else 0

    def total(self, outcome: str) -> int:
        """How many records of every kind would be 'created', 'updated' or 'unchanged'."""
        return sum(c.get(outcome, 0) for c in self.counts.values())


def read_import_file(path: Path) -> bytes:
    """The file's bytes; one too big is refused from its size alone, before it is read,
    and a pipe or device (which would hang the import, or never end) before it is opened."""
    from desktop.files import InputRefused, read_regular_file

    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES and path.is_file():
            raise InterchangeError(
                str(path),
                [
                    f"the file is {size / 2**20:.1f} MB; at most "
                    f"{MAX_DOCUMENT_BYTES // 2**20} MB can be imported"
                ],
            )
        data = read_regular_file(path, MAX_DOCUMENT_BYTES)
    except InputRefused as exc:
        raise InterchangeError(str(path), [str(exc)]) from None
    except OSError as exc:
        raise InterchangeError(
            str(path), [f"cannot read the file: {exc.strerror or exc}"]
        ) from None
    return data


def guess_format(name: str, data: bytes) -> str:
    """The format of a file from its name and first bytes."""
    suffix = Path(name).suffix.lower()
    head = data.lstrip(b"\xef\xbb\xbf")[:4096]
    if suffix == ".json" or head.lstrip()[:1] in (b"{", b"["):
        return "json"
    if suffix in (".vcf", ".vcard") or head.lstrip().upper().startswith(b"BEGIN:VCARD"):
        return "vcard"
    if suffix in (".ics", ".ical") or head.lstrip().upper().startswith(b"BEGIN:VCALENDAR"):
        return "ics"
    if suffix in (".csv", ".tsv", ".txt"):
        # LinkedIn's header (after its "Notes:" preamble); Thunderbird's also starts with
        # "First Name,Last Name" but goes on with "Display Name".
        if b"First Name,Last Name,URL" in head:
            return "linkedin"
        from desktop.interchange.job_tracker import looks_like_tracker

        return "tracker" if looks_like_tracker(head) else "csv"
    raise InterchangeError(
        name, ["cannot tell the file's format (.json, .ics, .vcf or .csv are understood)"]
    )


def csv_columns(data: bytes, source: str) -> tuple[list[str], dict[str, str]]:
    """A CSV file's column names and the guessed field -> column mapping."""
    from desktop.interchange.contacts_csv import guess_mapping, read_header

    header = read_header(data, source)
    return header, guess_mapping(header)


def problems_of(exc: InterchangeError | list[str]) -> list[ImportProblem]:
    """Each problem text ("row 4: email: …") as where and what."""
    out = []
    for text in exc.problems if isinstance(exc, InterchangeError) else exc:
        match = _WHERE.match(text)
        out.append(ImportProblem(*match.groups()) if match else ImportProblem("", text))
    return out


def parse_import(
    target: ImportTarget,
    data: bytes,
    source: str,
    fmt: str,
    mapping: Mapping[str, str] | None,
    *,
    company: str | Mapping[str, str] | None = None,
    skip_invalid: bool = False,
) -> tuple[Document, ExistingIndex]:
    """The file as the one import document, and the existing records it was matched with."""
    from desktop.interchange.formats import detect_and_parse
    from desktop.interchange.lookup import load_existing

    with target.store.read() as session:
        existing = load_existing(session, target.tz)
    if fmt == "json":
        from desktop.interchange.document import parse_document

        return parse_document(data, source, target.tz), existing
    document = detect_and_parse(
        data,
        source,
        fmt,
        tz=target.tz,
        existing=existing,
        own_emails=target.profile.emails,
        mapping=mapping,
        company=company,
        skip_invalid=skip_invalid,
    )
    return document, existing


def preview_import(
    target: ImportTarget,
    data: bytes,
    source: str,
    fmt: str,
    choices: ImportChoices | Mapping[str, str] | None = None,
    *,
    commit: bool = False,
) -> ImportPreview:
    """Check the file and do a dry run (or, with `commit`, the import itself).

    A file with problems is never written (unless the user chose to skip the rows that
    have them); the problems come back numbered by row, card or event.
    """
    from desktop.interchange.document_import import import_document
    from desktop.interchange.lookup import load_existing

    if not isinstance(choices, ImportChoices):
        choices = ImportChoices(mapping=dict(choices) if choices is not None else None)
    mapping = choices.mapping
    preview = ImportPreview(source, fmt, mapping=dict(mapping) if mapping is not None else None)
    try:
        document, existing = parse_import(
            target,
            data,
            source,
            fmt,
            mapping,
            company=choices.companies or None,
            skip_invalid=choices.skip_invalid,
        )
    except InterchangeError as exc:
        preview.problems = problems_of(exc)
        preview.needs_company = dict(exc.needs_company)
        if preview.needs_company:
            from desktop.interchange.calendar_invites import NAME_IT

            preview.problems = [
                ImportProblem(p.where, p.message.replace(NAME_IT, "choose the company above"))
                for p in preview.problems
            ]
        with target.store.read() as session:
            existing = load_existing(session, target.tz)
        preview.companies = sorted((c["name"] for c in existing.companies.values()), key=str.lower)
        if exc.partial is not None:
            # The rows without problems, to show beside the ones that have them.
            dry = import_document(target.store, exc.partial, target.rules, target.tz, dry_run=True)
            preview.counts = dry.counts
            preview.entries = _entries(exc.partial, existing)
        return preview
    summary = import_document(target.store, document, target.rules, target.tz, dry_run=not commit)
    preview.counts = summary.counts
    preview.generated_followups = summary.generated_followups
    preview.warnings = list(summary.warnings)
    preview.skipped = problems_of(document.skipped)
    preview.entries = _entries(document, existing)
    preview.committed = commit
    return preview


def _entries(document: Document, existing: ExistingIndex) -> list[PreviewEntry]:
    companies = {r["id"]: r["name"] for r in document.sections["companies"]}
    out: list[PreviewEntry] = []
    for section in PREVIEW_SECTIONS:
        origins = document.origins.get(section, {})
        for record in document.sections[section]:
            out.append(
                PreviewEntry(
                    section,
                    _label(section, record, companies),
                    _action(section, record, existing),
                    origins.get(str(record["id"]), ""),
                )
            )
    return out


def _label(section: str, r: Record, companies: dict[str, str]) -> str:
    if section == "contacts":
        return str(r["name"]) + (f" <{r['email']}>" if r["email"] else "")
    if section == "applications":
        return f"{r['role']} at {companies.get(r['company'], '?')}"
    if section == "interviews":
        when = r["starts_at"].strftime("%a %d %b %Y %H:%M")
        return f"{r['kind']} interview, {when}" + (" (cancelled)" if r["cancelled"] else "")
    return str(r["name"])


def _action(section: str, r: Record, existing: ExistingIndex) -> str:
    rid = str(r["id"])
    if rid.startswith("db-"):
        rows: dict[int, Record] = getattr(existing, section)
        before = rows.get(int(rid[4:]), {})
        same = all(before.get(k) == v for k, v in r.items() if isinstance(v, str) and k in before)
        return "unchanged" if same and section in ("companies", "contacts") else "update"
    # A JSON backup's ids are its own; the writer matches companies by name, contacts by email.
    if section == "companies" and str(r["name"]).strip().lower() in existing.company_by_name:
        return "update"
    if section == "contacts" and r["email"] and r["email"].lower() in existing.contact_by_email:
        return "update"
    return "new"


def describe(preview: ImportPreview) -> str:
    """One line for a status bar: 'Imported 3 new, 1 updated from contacts.csv'."""
    head = "Imported" if preview.committed else "Would import"
    return (
        f"{head} {preview.total('created')} new, {preview.total('updated')} updated "
        f"from {Path(preview.source).name}"
    )
