"""Alembic environment: always run by the app on a connection it opened (see migrate.py)."""

from __future__ import annotations

from alembic import context

from desktop.storage.models import Base


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """The full-text index (0002_search) is SQL the models do not describe: leave it out."""
    return not (type_ == "table" and name is not None and name.startswith("search_index"))


connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    include_name=include_name,
)
with context.begin_transaction():
    context.run_migrations()
