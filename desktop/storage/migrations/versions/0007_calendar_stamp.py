"""Calendar copies told apart by time, and guests added without re-indexing their interview.

- interviews.calendar_stamp: when the imported copy of an invitation was written (its
  LAST-MODIFIED, else DTSTAMP, UTC). Two copies with one SEQUENCE (Google and Outlook often
  move a meeting without raising it) are told apart by this stamp, so an older copy
  imported after a newer one no longer moves the interview back. NULL for interviews
  imported before this revision: for those a copy that differs is taken as newer.
- The participant search triggers of 0002 rebuild the whole interview's entry for each
  row. Only talking points reach that entry, so the triggers now fire only when a row
  carries some (or changes them): adding 5,000 guests of an invitation, who have none,
  no longer costs 5,000 rebuilds of a growing entry.

Revision ID: 0007_calendar_stamp
Revises: 0006_the_job_itself
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_calendar_stamp"
down_revision: str | None = "0006_the_job_itself"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The interview entry of 0002, frozen here: a migration does forever what it did the day
# it shipped, whatever later revisions make of the index.
_DROP = "DELETE FROM search_index WHERE rowid = ({ref}.interview_id) * 8 + 4;"
_PUT = (
    "INSERT INTO search_index (rowid, kind, ref, title, body) "
    "SELECT i.id * 8 + 4, 'interview', i.id, i.location, i.notes || ' ' || "
    "coalesce((SELECT group_concat(t.talking_points, ' ') FROM participants t "
    "WHERE t.interview_id = i.id), '') FROM interviews i WHERE i.id = {ref}.interview_id;"
)


def _body(*refs: str) -> str:
    return "".join(_DROP.format(ref=ref) + _PUT.format(ref=ref) for ref in refs)


def _triggers(when: bool) -> dict[str, str]:
    conditions = {
        "insert": "WHEN new.talking_points <> '' ",
        "update": "WHEN old.talking_points IS NOT new.talking_points "
        "OR old.interview_id IS NOT new.interview_id ",
        "delete": "WHEN old.talking_points <> '' ",
    }
    refs = {"insert": ("new",), "update": ("old", "new"), "delete": ("old",)}
    return {
        f"participants_search_{event}": f"AFTER {event.upper()} ON participants "
        + (conditions[event] if when else "")
        + f"BEGIN {_body(*refs[event])} END"
        for event in ("insert", "update", "delete")
    }


def _replace_triggers(when: bool) -> None:
    for name, definition in _triggers(when).items():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"CREATE TRIGGER {name} {definition}")


def upgrade() -> None:
    # Plain ADD COLUMN: a batch (copy and rename) would drop the search triggers of 0002.
    op.add_column("interviews", sa.Column("calendar_stamp", sa.DateTime(), nullable=True))
    _replace_triggers(when=True)


def downgrade() -> None:
    _replace_triggers(when=False)
    op.execute("ALTER TABLE interviews DROP COLUMN calendar_stamp")  # SQLite 3.35+
