"""Faster reads on a long job search: the due list, the tray's next reminder, search.

Measured on 100,000 follow-ups and 50,000 notes (`make bench`):
- `(status, due_at)` lets the Today list read its first page in deadline order instead of
  sorting every open follow-up whose time has come;
- `(status, snoozed_until)` lets the tray find snoozed reminders without reading every
  open follow-up;
- prefix indexes for one and two letters let search as you type match a short prefix
  from one list instead of merging the lists of every word that starts with it.

Revision ID: 0004_faster_reads
Revises: 0003_outbox
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004_faster_reads"
down_revision: str | None = "0003_outbox"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = "kind UNINDEXED, ref UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2'"


def _rebuild_search_index(options: str) -> None:
    # FTS5 options are fixed at creation: copy the entries out, make the table anew,
    # put them back (same rowids, so the triggers of 0002 keep replacing them by rowid).
    op.execute(
        "CREATE TEMP TABLE search_copy AS SELECT rowid AS rid, kind, ref, title, body "
        "FROM search_index"
    )
    op.execute("DROP TABLE search_index")
    op.execute(f"CREATE VIRTUAL TABLE search_index USING fts5({_COLUMNS}{options})")
    op.execute(
        "INSERT INTO search_index (rowid, kind, ref, title, body) "
        "SELECT rid, kind, ref, title, body FROM search_copy"
    )
    op.execute("DROP TABLE search_copy")


def upgrade() -> None:
    op.create_index("ix_followups_status_due", "followups", ["status", "due_at"], unique=False)
    op.create_index(
        "ix_followups_status_snoozed", "followups", ["status", "snoozed_until"], unique=False
    )
    _rebuild_search_index(", prefix = '1 2'")


def downgrade() -> None:
    _rebuild_search_index("")
    op.drop_index("ix_followups_status_snoozed", table_name="followups")
    op.drop_index("ix_followups_status_due", table_name="followups")
