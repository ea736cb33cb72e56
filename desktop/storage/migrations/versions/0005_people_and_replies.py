"""People and replies: how a contact is addressed, where a company is, what a reply said.

- contacts.salutation (Ms., Mr., Mx., Dr., Prof. or "") and contacts.surname, so a formal
  note greets "Dear Ms. Vance," instead of "Dear Eleanor Vance,". A salutation typed into
  the name ("Dr. Alan Chu") moves into its own column, so contacts sort by name;
- companies.mailing_address, the envelope's address when the contact has none;
- replies.outcome (next_round, offer, rejection, other): what the employer said, which
  sets the application's status. Replies recorded before this revision are "other".

Revision ID: 0005_people_and_replies
Revises: 0004_faster_reads
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_people_and_replies"
down_revision: str | None = "0004_faster_reads"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here, not imported from desktop.core.names: a migration must do tomorrow exactly
# what it did the day it shipped.
_SALUTATIONS = {
    "ms": "Ms.",
    "mr": "Mr.",
    "mx": "Mx.",
    "dr": "Dr.",
    "doctor": "Dr.",
    "prof": "Prof.",
    "professor": "Prof.",
}
_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "bin"}
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "ph.d.", "md", "esq", "esq."}


def _split(name: str) -> tuple[str, str, str]:
    """(salutation, name without it, surname) for a stored full name."""
    words = name.split()
    salutation = ""
    if len(words) > 1 and words[0].lower().rstrip(".") in _SALUTATIONS:
        salutation = _SALUTATIONS[words[0].lower().rstrip(".")]
        words = words[1:]
    rest = " ".join(words) if salutation else name
    core = [w for w in words if w.lower().rstrip(",") not in _SUFFIXES]
    surname = ""
    if len(core) >= 2:
        start = len(core) - 1
        while start > 1 and core[start - 1].lower() in _PARTICLES:
            start -= 1
        surname = " ".join(core[start:]).rstrip(",")
    return salutation, rest, surname


def upgrade() -> None:
    # Plain ADD COLUMN: a batch (copy and rename) would drop the search triggers of 0002.
    op.add_column(
        "contacts",
        sa.Column("salutation", sa.String(length=16), nullable=False, server_default=""),
    )
    op.add_column(
        "contacts", sa.Column("surname", sa.String(length=120), nullable=False, server_default="")
    )
    op.add_column(
        "companies", sa.Column("mailing_address", sa.Text(), nullable=False, server_default="")
    )
    op.add_column(
        "replies",
        sa.Column("outcome", sa.String(length=16), nullable=False, server_default="other"),
    )
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, name FROM contacts")).fetchall()
    for contact_id, name in rows:
        salutation, rest, surname = _split(name or "")
        connection.execute(
            sa.text(
                "UPDATE contacts SET salutation = :salutation, name = :name, surname = :surname "
                "WHERE id = :id"
            ),
            {"salutation": salutation, "name": rest, "surname": surname, "id": contact_id},
        )


def downgrade() -> None:
    connection = op.get_bind()
    # Put a salutation back in front of the name, where the older version kept it.
    connection.execute(
        sa.text(
            "UPDATE contacts SET name = salutation || ' ' || name "
            "WHERE salutation != '' AND name NOT LIKE salutation || ' %'"
        )
    )
    for table, column in (
        ("replies", "outcome"),
        ("companies", "mailing_address"),
        ("contacts", "surname"),
        ("contacts", "salutation"),
    ):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")  # SQLite 3.35+
