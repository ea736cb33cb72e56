"""The contact exports of known programs, recognised by their header row.

Each program names its columns its own way, and a guess from the names alone goes wrong:
Google's "Phonetic First Name" and "Phone 1 - Label" both hold the word "phone", and
Thunderbird's header starts "First Name,Last Name" as LinkedIn's does. So a header that
carries a program's telling columns is mapped by that program's table, column by column,
and only an unknown header is guessed (contacts_csv.guess_mapping).

Headers as the programs write them (sources in tests/data/corpus/README.md): Google
Contacts (2022 and older exports), Outlook desktop and Outlook on the web, Thunderbird
(US and UK builds), and Apple's Contacts through a common exporter script.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

JOIN = "+"


@dataclass(frozen=True)
class Dialect:
    """A program's export: the columns that tell it, and our field -> its columns."""

    name: str
    telling: tuple[str, ...]  # every one must be in the header
    columns: dict[str, tuple[str, ...]]  # field -> columns; several are joined (see JOIN)


DIALECTS = (
    Dialect(
        "Google Contacts",
        ("First Name", "Last Name", "Organization Name", "E-mail 1 - Value"),
        {
            "first_name": ("First Name", "Middle Name"),
            "last_name": ("Last Name",),
            "preferred_name": ("Nickname",),
            "title": ("Organization Title",),
            "company": ("Organization Name",),
            "email": ("E-mail 1 - Value", "E-mail 2 - Value"),
            "phone": ("Phone 1 - Value", "Phone 2 - Value"),
            "mailing_address": ("Address 1 - Formatted",),
            "notes": ("Notes",),
        },
    ),
    Dialect(
        "Google Contacts (older export)",
        ("Name", "Given Name", "Family Name", "E-mail 1 - Value"),
        {
            "name": ("Name",),
            "preferred_name": ("Nickname",),
            "title": ("Organization 1 - Title",),
            "company": ("Organization 1 - Name",),
            "email": ("E-mail 1 - Value", "E-mail 2 - Value"),
            "phone": ("Phone 1 - Value", "Phone 2 - Value"),
            "mailing_address": ("Address 1 - Formatted",),
            "notes": ("Notes",),
        },
    ),
    Dialect(
        "Thunderbird",
        ("Display Name", "Primary Email", "Screen Name"),
        {
            "name": ("Display Name",),
            "first_name": ("First Name",),
            "last_name": ("Last Name",),
            "preferred_name": ("Nickname",),
            "title": ("Job Title",),
            "company": ("Organization", "Organisation"),
            "email": ("Primary Email", "Secondary Email"),
            "phone": ("Work Phone", "Mobile Number", "Home Phone"),
            "mailing_address": (
                "Work Address",
                "Work Address 2",
                "Work City",
                "Work State",
                "Work County",
                "Work ZipCode",
                "Work Zip",
                "Work Post Code",
                "Work Country",
            ),
            "notes": ("Notes",),
        },
    ),
    Dialect(
        "Outlook",
        ("First Name", "Last Name", "E-mail Address", "Business Phone"),
        {
            "first_name": ("First Name", "Middle Name"),
            "last_name": ("Last Name", "Suffix"),
            "preferred_name": ("Nickname",),
            # Outlook's "Title" is an honorific (Mr., Ms.): the job is "Job Title".
            "title": ("Job Title",),
            "company": ("Company",),
            "email": ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address"),
            "phone": ("Business Phone", "Mobile Phone", "Primary Phone", "Home Phone"),
            "mailing_address": (
                "Business Street",
                "Business City",
                "Business State",
                "Business Postal Code",
                "Business Country/Region",
            ),
            "notes": ("Notes",),
        },
    ),
    # Apple's Contacts writes vCards only; its CSVs come from exporter scripts such as the
    # "Mac Contacts to CSV Exporter" AppleScript, whose header this is.
    Dialect(
        "Apple Contacts (exporter script)",
        ("First Name", "Last Name", "Company", "Job Title", "Email 1", "Phone 1"),
        {
            "first_name": ("First Name", "Middle Name"),
            "last_name": ("Last Name",),
            "preferred_name": ("Nickname",),
            "title": ("Job Title",),
            "company": ("Company",),
            "email": ("Email 1", "Email 2", "Email 3"),
            "phone": ("Phone 1", "Mobile", "Phone 2", "Phone 3"),
            "mailing_address": ("Work Address", "Home Address"),
            "notes": ("Notes",),
        },
    ),
)


def recognise(header: Sequence[str]) -> tuple[str, dict[str, str]] | None:
    """(program, field -> column spec) when the header is a known program's export."""
    present = {column.strip() for column in header}
    for dialect in DIALECTS:
        if all(column in present for column in dialect.telling):
            mapping = {}
            for field_name, columns in dialect.columns.items():
                found = [c for c in columns if c in present]
                if found:
                    mapping[field_name] = JOIN.join(found)
            return dialect.name, mapping
    return None
