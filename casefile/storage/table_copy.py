"""Copying every row of a case between engines, as stored: publishing a file, checking a server case out."""

from __future__ import annotations

from sqlalchemy import Connection, Table, select

from casefile.storage import mapping
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
    columns = [column.name for column in table.columns]
    copied = 0
    for batch in rows.partitions(size):
        # As stored, through the columns' own bind processing; by COPY when the target is a server.
        mapping.insert_rows(target, table, columns, [tuple(row) for row in batch])
        copied += len(batch)
    return copied
