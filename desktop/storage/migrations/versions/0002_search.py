"""Full-text search: an FTS5 index over companies, contacts, applications and interviews.

The index is kept in step by triggers, so every writer (the window, the importer, the
CLI, an undo) keeps it right without knowing it exists. Each entry's rowid is the row's
id * 8 + a code for its kind, so a trigger replaces an entry by rowid instead of scanning.

Revision ID: 0002_search
Revises: 0001_initial
Create Date: 2026-11-22
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002_search"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# kind -> (rowid code, SELECT of rowid, kind, ref, title, body; {where} picks the rows)
ENTRIES = {
    "company": (
        1,
        "SELECT c.id * 8 + 1, 'company', c.id, c.name, c.industry || ' ' || c.notes "
        "FROM companies c WHERE {where}",
    ),
    "contact": (
        2,
        "SELECT p.id * 8 + 2, 'contact', p.id, p.name, "
        "p.title || ' ' || p.email || ' ' || p.notes FROM contacts p WHERE {where}",
    ),
    "application": (
        3,
        "SELECT a.id * 8 + 3, 'application', a.id, a.role || ' ' || c.name, a.notes "
        "FROM applications a JOIN companies c ON c.id = a.company_id WHERE {where}",
    ),
    "interview": (
        4,
        "SELECT i.id * 8 + 4, 'interview', i.id, i.location, i.notes || ' ' || "
        "coalesce((SELECT group_concat(t.talking_points, ' ') FROM participants t "
        "WHERE t.interview_id = i.id), '') FROM interviews i WHERE {where}",
    ),
}
INSERT = "INSERT INTO search_index (rowid, kind, ref, title, body) "


def _put(kind: str, where: str) -> str:
    return INSERT + ENTRIES[kind][1].format(where=where) + ";"


def _drop(kind: str, id_expr: str) -> str:
    return f"DELETE FROM search_index WHERE rowid = ({id_expr}) * 8 + {ENTRIES[kind][0]};"


def _triggers() -> dict[str, str]:
    out: dict[str, str] = {}
    for table, kind, alias in (
        ("companies", "company", "c"),
        ("contacts", "contact", "p"),
        ("applications", "application", "a"),
        ("interviews", "interview", "i"),
    ):
        out[f"{table}_search_insert"] = f"AFTER INSERT ON {table} BEGIN " + _put(
            kind, f"{alias}.id = new.id"
        )
        out[f"{table}_search_update"] = (
            f"AFTER UPDATE ON {table} BEGIN "
            + _drop(kind, "old.id")
            + _put(kind, f"{alias}.id = new.id")
        )
        out[f"{table}_search_delete"] = f"AFTER DELETE ON {table} BEGIN " + _drop(kind, "old.id")
    # An application's entry carries its company's name.
    out["companies_search_rename"] = (
        "AFTER UPDATE OF name ON companies BEGIN "
        "DELETE FROM search_index WHERE rowid IN "
        "(SELECT id * 8 + 3 FROM applications WHERE company_id = new.id);"
        + _put("application", "a.company_id = new.id")
    )
    # Talking points are found under the interview they were recorded for.
    for event, ids in (
        ("INSERT", ("new",)),
        ("UPDATE", ("old", "new")),
        ("DELETE", ("old",)),
    ):
        body = ""
        for ref in ids:
            body += _drop("interview", f"{ref}.interview_id")
            body += _put("interview", f"i.id = {ref}.interview_id")
        out[f"participants_search_{event.lower()}"] = f"AFTER {event} ON participants BEGIN {body}"
    return out


def upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "kind UNINDEXED, ref UNINDEXED, title, body, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    for kind in ENTRIES:
        op.execute(_put(kind, "1"))
    for name, definition in _triggers().items():
        op.execute(f"CREATE TRIGGER {name} {definition} END")


def downgrade() -> None:
    for name in _triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS search_index")
