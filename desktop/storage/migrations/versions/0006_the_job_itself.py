"""The job itself, and people as people.

- applications gain location, work_mode (remote, hybrid, onsite or ""), a salary range
  (salary_min, salary_max, salary_currency, salary_period), the job description as pasted
  plain text, and tags;
- contacts gain linkedin_url and tags;
- the search index (0002) carries an application's description and tags, and a contact's
  tags, so "kubernetes" finds the job whose posting asked for it.

Tags are one text column ("remote, dream job") rather than a table of their own: they are
read with the row they belong to, every writer (the importer, an undo) keeps them with it,
and a few thousand rows are filtered faster than a join would be set up.

Revision ID: 0006_the_job_itself
Revises: 0005_people_and_replies
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_the_job_itself"
down_revision: str | None = "0005_people_and_replies"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The entries of 0002, frozen here with the new fields (a migration never imports another).
APPLICATION = (
    "SELECT a.id * 8 + 3, 'application', a.id, a.role || ' ' || c.name, "
    "a.notes || ' ' || a.description || ' ' || a.location || ' ' || a.tags "
    "FROM applications a JOIN companies c ON c.id = a.company_id WHERE {where}"
)
APPLICATION_0002 = (
    "SELECT a.id * 8 + 3, 'application', a.id, a.role || ' ' || c.name, a.notes "
    "FROM applications a JOIN companies c ON c.id = a.company_id WHERE {where}"
)
CONTACT = (
    "SELECT p.id * 8 + 2, 'contact', p.id, p.name, "
    "p.title || ' ' || p.email || ' ' || p.notes || ' ' || p.tags FROM contacts p WHERE {where}"
)
CONTACT_0002 = (
    "SELECT p.id * 8 + 2, 'contact', p.id, p.name, "
    "p.title || ' ' || p.email || ' ' || p.notes FROM contacts p WHERE {where}"
)
INSERT = "INSERT INTO search_index (rowid, kind, ref, title, body) "


def _triggers(application: str, contact: str) -> dict[str, str]:
    def put(entry: str, where: str) -> str:
        return INSERT + entry.format(where=where) + ";"

    def drop(code: int, expr: str) -> str:
        return f"DELETE FROM search_index WHERE rowid = ({expr}) * 8 + {code};"

    out: dict[str, str] = {}
    for table, entry, code, alias in (
        ("applications", application, 3, "a"),
        ("contacts", contact, 2, "p"),
    ):
        out[f"{table}_search_insert"] = f"AFTER INSERT ON {table} BEGIN " + put(
            entry, f"{alias}.id = new.id"
        )
        out[f"{table}_search_update"] = (
            f"AFTER UPDATE ON {table} BEGIN "
            + drop(code, "old.id")
            + put(entry, f"{alias}.id = new.id")
        )
    out["companies_search_rename"] = (
        "AFTER UPDATE OF name ON companies BEGIN "
        "DELETE FROM search_index WHERE rowid IN "
        "(SELECT id * 8 + 3 FROM applications WHERE company_id = new.id);"
        + put(application, "a.company_id = new.id")
    )
    return out


def _swap(application: str, contact: str) -> None:
    for name, definition in _triggers(application, contact).items():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"CREATE TRIGGER {name} {definition} END")
    op.execute("DELETE FROM search_index WHERE rowid % 8 IN (2, 3)")
    op.execute(INSERT + application.format(where="1"))
    op.execute(INSERT + contact.format(where="1"))


def upgrade() -> None:
    # Plain ADD COLUMN: a batch (copy and rename) would drop the search triggers of 0002.
    for name, column_type in (
        ("location", sa.String(length=200)),
        ("work_mode", sa.String(length=8)),
        ("salary_currency", sa.String(length=3)),
        ("salary_period", sa.String(length=8)),
        ("description", sa.Text()),
        ("tags", sa.String(length=1000)),
    ):
        op.add_column(
            "applications", sa.Column(name, column_type, nullable=False, server_default="")
        )
    op.add_column("applications", sa.Column("salary_min", sa.Integer(), nullable=True))
    op.add_column("applications", sa.Column("salary_max", sa.Integer(), nullable=True))
    op.add_column(
        "contacts",
        sa.Column("linkedin_url", sa.String(length=500), nullable=False, server_default=""),
    )
    op.add_column(
        "contacts", sa.Column("tags", sa.String(length=1000), nullable=False, server_default="")
    )
    _swap(APPLICATION, CONTACT)


def downgrade() -> None:
    _swap(APPLICATION_0002, CONTACT_0002)
    for table, column in (
        ("contacts", "tags"),
        ("contacts", "linkedin_url"),
        ("applications", "salary_max"),
        ("applications", "salary_min"),
        ("applications", "tags"),
        ("applications", "description"),
        ("applications", "salary_period"),
        ("applications", "salary_currency"),
        ("applications", "work_mode"),
        ("applications", "location"),
    ):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")  # SQLite 3.35+
