"""The JSON backup document of DESIGN §5 as data: what every importer builds and the
writer stores. Reading and checking JSON is `desktop.interchange.document`; the layer's
error (`errors.InterchangeError`) carries a partial Document, so this module imports
nothing of the layer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FORMAT_NAME = "afterword"
FORMAT_VERSION = 1
# The one size limit of every import (JSON, vCard, CSV, iCalendar). A person's whole job
# search, drafts included, is a few MB; 20 MB leaves room and refuses a wrong or hostile
# file before it is read into memory and parsed.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
SECTIONS = (
    "companies",
    "contacts",
    "applications",
    "interviews",
    "followups",
    "drafts",
    "replies",
)
# An application's fields about the job itself (schema 0006).
JOB_FIELDS = (
    "location",
    "work_mode",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "description",
)

Record = dict[str, Any]


@dataclass
class Document:
    """A checked document: each section a list of records with parsed values."""

    sections: dict[str, list[Record]]
    warnings: list[str] = field(default_factory=list)
    # Where each record came from ("row 3", "card 2"), by section and id, when a builder made it.
    origins: dict[str, dict[str, str]] = field(default_factory=dict)
    # True when an importer matched every record to the database itself: a "new-" id is
    # then a new row and a "db-" id that row, and the writer does not match again.
    resolved: bool = False
    # Problems of rows left out on the user's word (--skip-invalid), each "where: what".
    skipped: list[str] = field(default_factory=list)
    # The user's own note templates, name -> text (document_templates).
    templates: dict[str, str] = field(default_factory=dict)
