"""Alembic environment: runs on the connection that Casefile's storage layer hands it."""

from __future__ import annotations

from alembic import context

from casefile.storage.models import Base
from casefile.storage.schema import is_fts_table


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    # The FTS5 index and its shadow tables are created by hand; autogenerate must not drop them.
    return not (type_ == "table" and name is not None and is_fts_table(name))


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("Casefile runs its own migrations: use `casefile`, not the alembic command.")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        include_name=include_name,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
