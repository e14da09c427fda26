"""Copying every row of a case between engines, as stored: publishing a file, checking a server case out."""

from __future__ import annotations

from sqlalchemy import Connection, Table, insert, select

from casefile.storage.models import AttachmentRow, Base

# Rows per INSERT batch; attachments go a few at a time, as each may be megabytes.
_BATCH = 1000
_ATTACHMENT_BATCH = 8


def copy_tables(source: Connection, target: Connection) -> dict[str, int]:
    """Every table of the models, parents first; the rows copied, by table. The full-text index is not copied."""
    return {table.name: _copy_table(source, target, table) for table in Base.metadata.sorted_tables}


def _copy_table(source: Connection, target: Connection, table: Table) -> int:
    size = _ATTACHMENT_BATCH if table.name == AttachmentRow.__tablename__ else _BATCH
    rows = source.execution_options(yield_per=size).execute(select(table))
    copied = 0
    for batch in rows.partitions(size):
        target.execute(insert(table), [dict(row._mapping) for row in batch])
        copied += len(batch)
    return copied
