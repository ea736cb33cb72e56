"""Building a JSON document (ARCHITECTURE §5) from another format, so every importer ends in the
same checker, the same preview and the same all-or-nothing writer.

Existing rows the new records touch are put back whole (from an ExistingIndex), with new
non-empty values laid over them, so an import never blanks a field it knows nothing about.
Each record remembers where it came from ("card 3", "event 2"), and a problem the checker
finds is reported there rather than at a path in a document the user never saw.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import tzinfo
from typing import Any

from desktop.interchange.document import parse_document
from desktop.interchange.document_model import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MAX_DOCUMENT_BYTES,
    SECTIONS,
    Document,
    Record,
)
from desktop.interchange.errors import InterchangeError
from desktop.interchange.lookup import ExistingIndex, local_id, profile_key

MAX_RECORDS = 10_000
# The role of an application made from a file that names none (an invite's "Just
# chatting", a tracker row without one): the user fills it in.
ROLE_NOT_GIVEN = "Role not given"
_PATH = re.compile(r"^(\w+)\[(\d+)\]\.?(.*?): (.*)$", re.DOTALL)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def is_email(text: str) -> bool:
    return bool(_EMAIL.match(text))


def name_from_email(email: str) -> str:
    """A name read from an address: 'jordan.lee@x.com' → 'Jordan Lee'."""
    local = email.split("@")[0]
    return " ".join(part.capitalize() for part in re.split(r"[._+-]+", local) if part)


def check_size(data: bytes, source: str) -> None:
    """Refuse a file too big to be a person's contacts or calendar."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InterchangeError(
            source,
            [
                f"the file is {len(data) / 2**20:.1f} MB; at most "
                f"{MAX_DOCUMENT_BYTES // 2**20} MB can be imported"
            ],
        )


def check_count(count: int, what: str, source: str, limit: int = MAX_RECORDS) -> None:
    if count > limit:
        raise InterchangeError(
            source, [f"the file holds {count} {what}; at most {limit:,} can be imported at once"]
        )


def decode_text(data: bytes, source: str) -> str:
    """The file as text: UTF-8 (with or without a byte-order mark), or UTF-16 with one."""
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if not utf16 and _looks_like_utf16(data):
        raise InterchangeError(
            source,
            [
                "the file looks like UTF-16 text without a byte-order mark; "
                "save it as UTF-8 (or UTF-16 with a byte-order mark)"
            ],
        )
    try:
        text = data.decode("utf-16" if utf16 else "utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        name = "UTF-16" if utf16 else "UTF-8"
        raise InterchangeError(
            source,
            [
                f"line {line}: not {name} text (byte {exc.start} is 0x{data[exc.start]:02X}; "
                f"a Latin-1 or Windows file?); save it as {name}"
            ],
        ) from None
    if "\x00" in text:
        raise InterchangeError(source, ["the file holds NUL bytes; it is not a text file"])
    return text


def _looks_like_utf16(data: bytes) -> bool:
    """Every other byte NUL at the start: UTF-16 of mostly Latin text."""
    head = data[:200]
    if len(head) < 8:
        return False
    return head[1::2].count(0) > len(head) // 3 or head[0::2].count(0) > len(head) // 3


class DocumentBuilder:
    """Records for a document, keyed by local id, each with the place it came from."""

    def __init__(
        self, existing: ExistingIndex, source: str, tz: tzinfo, own_emails: Iterable[str] = ()
    ) -> None:
        self.existing = existing
        # The user's own addresses (Settings ▸ You): never a contact from any file.
        self.own = frozenset(e.strip().lower() for e in own_emails if e.strip())
        self.source = source
        self.tz = tz
        self.records: dict[str, dict[str, Record]] = {name: {} for name in SECTIONS}
        self.origins: dict[str, dict[str, str]] = {name: {} for name in SECTIONS}
        self.problems: list[str] = []
        self.warnings: list[str] = []
        self.needs_company: dict[str, str] = {}
        self._new = 0
        self._new_companies: dict[str, str] = {}
        self._new_contacts: dict[Any, str] = {}
        self._new_by_name: dict[tuple[str, Any], str] = {}

    def new_id(self, prefix: str) -> str:
        self._new += 1
        return f"new-{prefix}{self._new}"

    def put(self, section: str, record: Record, origin: str) -> str:
        self.records[section][record["id"]] = record
        self.origins[section].setdefault(record["id"], origin)
        return str(record["id"])

    # Existing rows, pulled in with what they refer to.
    def use_company(self, row_id: int) -> str:
        key = local_id("companies", row_id)
        if key not in self.records["companies"]:
            self.put("companies", dict(self.existing.companies[row_id]), "existing company")
        return key

    def use_contact(self, row_id: int) -> str:
        key = local_id("contacts", row_id)
        if key not in self.records["contacts"]:
            record = dict(self.existing.contacts[row_id])
            if record["company"]:
                self.use_company(int(record["company"][4:]))
            self.put("contacts", record, "existing contact")
        return key

    def use_application(self, row_id: int) -> str:
        key = local_id("applications", row_id)
        if key not in self.records["applications"]:
            record = dict(self.existing.applications[row_id])
            self.use_company(int(record["company"][4:]))
            if record["primary_contact"]:
                self.use_contact(int(record["primary_contact"][4:]))
            self.put("applications", record, "existing application")
        return key

    def use_interview(self, row_id: int) -> Record:
        """The existing interview's record (pulled in on first use), to be changed in place."""
        key = local_id("interviews", row_id)
        if key not in self.records["interviews"]:
            record = dict(self.existing.interviews[row_id])
            record["participants"] = [dict(p) for p in record["participants"]]
            self.use_application(int(record["application"][4:]))
            for part in record["participants"]:
                self.use_contact(int(part["contact"][4:]))
            self.put("interviews", record, "existing interview")
        return self.records["interviews"][key]

    # Matching or making records from what a file says.
    def company(self, name: str, origin: str, **fields: str) -> str:
        """The company called `name`: an existing one, one already made, or a new one."""
        key = name.strip().lower()
        row_id = self.existing.company_by_name.get(key)
        if row_id is not None:
            return self.use_company(row_id)
        if key not in self._new_companies:
            record = {"id": self.new_id("c"), "name": name.strip(), **fields}
            self._new_companies[key] = self.put("companies", record, origin)
        return self._new_companies[key]

    def contact(
        self,
        fields: Record,
        origin: str,
        *,
        keep_company: bool = False,
        profile: str = "",
        by_name: bool = False,
    ) -> str:
        """Match by email, else by profile URL, else by name and company (said so); lay the
        new non-empty values over.

        An existing name is kept (the user may have corrected it); with `keep_company`
        an existing contact's company is kept too (an invite says little about it). Two
        people of one name and company in a file stay two unless an address or a profile
        says they are one (or `by_name`, for a calendar's name-only guests); they are
        reported as possible duplicates.
        """
        email = str(fields.get("email") or "").strip().lower()
        profile = profile_key(profile)
        name = str(fields["name"]).strip()
        name_key = name.lower()
        company = fields.get("company")
        company_row = (
            int(company[4:]) if isinstance(company, str) and company[:4] == "db-c" else None
        )
        row_id = self.existing.contact_by_email.get(email) if email else None
        if row_id is None and profile:
            row_id = self.existing.contact_by_profile.get(profile)
        if row_id is None and not email and (company is None or company_row is not None):
            candidate = self.existing.contact_by_name.get((name_key, company_row))
            other = self.existing.profile_of.get(candidate) if candidate is not None else None
            if candidate is not None and not (profile and other and other != profile):
                row_id = candidate
                if not by_name:
                    self.warnings.append(
                        f"{origin}: {name} was matched to the contact already saved by name "
                        "and company (the file gives no email address); check it is the "
                        "same person"
                    )
        if row_id is not None:
            key = self.use_contact(row_id)
        else:
            key = self._new_contact(name, email, profile, company, origin, by_name)
        record = self.records["contacts"][key]
        for field_name, value in fields.items():
            if field_name == "name" and record.get("name"):
                continue
            if field_name == "company" and keep_company and record.get("company"):
                continue
            if value not in (None, ""):
                record[field_name] = value
        return key

    def _new_contact(
        self, name: str, email: str, profile: str, company: Any, origin: str, by_name: bool
    ) -> str:
        name_key = (name.lower(), company)
        file_key: Any = email or (f"profile {profile}" if profile else None)
        if file_key is None and by_name:
            file_key = name_key
        if file_key is not None and file_key in self._new_contacts:
            return self._new_contacts[file_key]
        earlier = self._new_by_name.get(name_key)
        if earlier is not None and not by_name and file_key is None:
            self.warnings.append(
                f"{origin}: {name} has the name and company of {earlier}; with no email "
                "address or profile to tell them apart both were kept (possible duplicates)"
            )
        record = {"id": self.new_id("p"), "name": name}
        key = self.put("contacts", record, origin)
        if file_key is not None:
            self._new_contacts[file_key] = key
        if file_key is None:
            self._new_by_name.setdefault(name_key, origin)
        return key

    def is_own(self, email: str, origin: str, what: str = "row") -> bool:
        """True (and said so) when `email` is one of the user's own addresses."""
        if email.strip().lower() not in self.own:
            return False
        self.warnings.append(f"{origin}: your own {what} ({email.strip()}), skipped")
        return True

    def problem(self, origin: str, message: str) -> None:
        self.problems.append(f"{origin}: {message}")

    def build(self) -> Document:
        """Check the records as a JSON document; problems are reported where they came from."""
        if self.problems:
            error = InterchangeError(self.source, self.problems)
            error.needs_company = dict(self.needs_company)
            try:
                error.partial = self._checked()
            except InterchangeError:
                error.partial = None
            raise error
        return self._checked()

    def _checked(self) -> Document:
        raw: dict[str, Any] = {"format": FORMAT_NAME, "version": FORMAT_VERSION}
        for name in SECTIONS:
            raw[name] = list(self.records[name].values())
        data = json.dumps(raw, ensure_ascii=False).encode("utf-8")
        try:
            document = parse_document(data, self.source, self.tz)
        except InterchangeError as exc:
            raise InterchangeError(
                self.source, [self._place(p, raw) for p in exc.problems]
            ) from None
        document.warnings = self.warnings + [self._place(w, raw) for w in document.warnings]
        document.origins = self.origins
        document.resolved = True
        return document

    def _place(self, problem: str, raw: dict[str, Any]) -> str:
        match = _PATH.match(problem)
        if match is None or match.group(1) not in self.origins:
            return problem
        section, index, field_path, message = match.groups()
        records = raw[section]
        if int(index) >= len(records):
            return problem
        origin = self.origins[section].get(records[int(index)]["id"], f"{section}[{index}]")
        return f"{origin}: {field_path or section}: {message}"
