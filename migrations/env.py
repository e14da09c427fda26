"""Alembic environment: runs on the connection that Casefile's storage layer hands it.

The same revisions build a case file (SQLite) and a server case (one PostgreSQL schema, the first on
the connection's search_path). Batch mode is for SQLite only, which cannot alter a table in place.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, text

from casefile.storage.models import Base
from casefile.storage.schema import is_fts_table


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    # The FTS5 index and its shadow tables are created by hand; autogenerate must not drop them.
    return not (type_ == "table" and name is not None and is_fts_table(name))


# Every foreign key of the case's schema that is not yet deferrable.
_STRICT_KEYS = """
SELECT t.relname, c.conname FROM pg_constraint c
JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE c.contype = 'f' AND NOT c.condeferrable AND n.nspname = current_schema()
"""


def deferrable_foreign_keys(connection: Connection) -> None:
    """On PostgreSQL, make every foreign key DEFERRABLE INITIALLY IMMEDIATE.

    They still check each statement, as SQLite's do; a load or merge defers them to commit
    (storage.dialect.defer_foreign_keys), as SQLite's PRAGMA defer_foreign_keys does.
    """
    for table, constraint in connection.execute(text(_STRICT_KEYS)).all():
        connection.execute(
            text(f'ALTER TABLE "{table}" ALTER CONSTRAINT "{constraint}" DEFERRABLE INITIALLY IMMEDIATE')
        )


# Every column of the case's schema with a length limit.
_BOUNDED_COLUMNS = """
SELECT table_name, column_name FROM information_schema.columns
WHERE table_schema = current_schema() AND character_maximum_length IS NOT NULL
"""


def unbounded_strings(connection: Connection) -> None:
    """On PostgreSQL, drop the length limits of String(n) columns, as SQLite does.

    The models' lengths say what a field usually holds; SQLite never enforced them and the field checks
    do not either, so a value a file accepts (a long language name) must not be refused by a server case.
    PostgreSQL changes only the catalogue for this; no table is rewritten.
    """
    for table, column in connection.execute(text(_BOUNDED_COLUMNS)).all():
        connection.execute(text(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE varchar'))


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("Casefile runs its own migrations: use `casefile`, not the alembic command.")
    sqlite = connection.dialect.name == "sqlite"
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=sqlite,
        include_name=include_name,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
        if not sqlite:
            deferrable_foreign_keys(connection)
            unbounded_strings(connection)


run()
