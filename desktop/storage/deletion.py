"""Deleting with undo: capture every row a delete removes or changes, and put it back.

The walk follows the foreign keys of the tables themselves (ON DELETE CASCADE and SET
NULL), so a table added later is covered without touching this module.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Column, Table, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.storage.errors import StorageError
from desktop.storage.models import Base
from desktop.storage.records import Snapshot

# parent table name -> (child table, child column, ON DELETE action)
Links = dict[str, list[tuple[Table, Column[Any], str]]]


def _links() -> Links:
    links: Links = defaultdict(list)
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            action = (fk.ondelete or "").upper()
            if action in ("CASCADE", "SET NULL"):
                links[fk.column.table.name].append((table, fk.parent, action))
    return links


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def capture(session: Session, table_name: str, row_id: int, description: str) -> Snapshot:
    """Every row that deleting `table_name` row `row_id` would remove, and every key it
    would set to NULL, read before anything is changed."""
    links = _links()
    removed: dict[str, dict[int, dict[str, Any]]] = defaultdict(dict)
    queue: list[tuple[str, list[int]]] = [(table_name, [row_id])]
    while queue:
        name, ids = queue.pop()
        table = _table(name)
        ids = [i for i in ids if i not in removed[name]]
        if not ids:
            continue
        fresh = []
        for row in session.execute(select(table).where(table.c.id.in_(ids))).mappings():
            removed[name][row["id"]] = dict(row)
            fresh.append(row["id"])
        for child, column, action in links.get(name, []):
            if action == "CASCADE" and fresh:
                found = list(session.scalars(select(child.c.id).where(column.in_(fresh))))
                if found:
                    queue.append((child.name, found))
    nulled: list[tuple[str, int, str, Any]] = []
    for name, rows in list(removed.items()):
        for child, column, action in links.get(name, []):
            if action != "SET NULL" or not rows:
                continue
            stmt = select(child.c.id, column).where(column.in_(list(rows)))
            for child_id, value in session.execute(stmt):
                if child_id not in removed.get(child.name, {}):
                    nulled.append((child.name, child_id, column.name, value))
    tables = {
        t.name: sorted(removed[t.name].values(), key=lambda r: r["id"])
        for t in Base.metadata.sorted_tables
        if removed.get(t.name)
    }
    return Snapshot(description=description, tables=tables, nulled=nulled)


def keep_before(session: Session, snapshot: Snapshot, application_ids: set[int]) -> Snapshot:
    """Also remember the surviving follow-ups of `application_ids`, which the rules will
    re-plan after the delete, so undo puts them back exactly as they were."""
    gone = {row["id"] for row in snapshot.tables.get("followups", [])}
    followups = _table("followups")
    rows = [
        dict(row)
        for row in session.execute(
            select(followups)
            .where(followups.c.application_id.in_(sorted(application_ids)))
            .order_by(followups.c.id)
        ).mappings()
        if row["id"] not in gone
    ]
    return Snapshot(
        description=snapshot.description,
        tables=snapshot.tables,
        nulled=snapshot.nulled,
        before={"followups": rows},
        replanned=tuple(sorted(application_ids)),
    )


def delete_row(session: Session, table_name: str, row_id: int) -> None:
    """Delete one row; the database removes or unlinks what depends on it."""
    table = _table(table_name)
    session.execute(delete(table).where(table.c.id == row_id))


def restore(session: Session, snapshot: Snapshot) -> set[int]:
    """Put back what `snapshot` holds. Returns the applications whose follow-ups to refresh."""
    try:
        for table in Base.metadata.sorted_tables:
            rows = snapshot.tables.get(table.name)
            if rows:
                session.execute(insert(table), rows)
        _restore_replanned(session, snapshot)
        for table_name, row_id, column, value in snapshot.nulled:
            table = _table(table_name)
            session.execute(update(table).where(table.c.id == row_id).values({column: value}))
        session.flush()
    except IntegrityError as exc:
        raise StorageError(
            f"Cannot undo deleting {snapshot.description}: what it belonged to has changed since."
        ) from exc
    apps = {row["id"] for row in snapshot.tables.get("applications", [])}
    for name in ("interviews", "followups", "replies"):
        apps |= {row["application_id"] for row in snapshot.tables.get(name, [])}
    return apps | set(snapshot.replanned)


def _restore_replanned(session: Session, snapshot: Snapshot) -> None:
    if not snapshot.replanned:
        return
    followups = _table("followups")
    kept = {row["id"] for row in snapshot.before.get("followups", [])}
    kept |= {row["id"] for row in snapshot.tables.get("followups", [])}
    current = set(
        session.scalars(
            select(followups.c.id).where(followups.c.application_id.in_(list(snapshot.replanned)))
        )
    )
    if extra := current - kept:
        session.execute(delete(followups).where(followups.c.id.in_(sorted(extra))))
    for row in snapshot.before.get("followups", []):
        session.execute(update(followups).where(followups.c.id == row["id"]).values(row))
