"""Keeps the full-text index in step with the records, one record at a time or all at once.

The indexed text is built in SQL from the kind specs, so a single refresh and a bulk rebuild
produce exactly the same rows. ё is folded to е at index time (and at query time in
services.search) because unicode61 keeps them apart and Russian writers use both. On a server
case the same rows go to a plain table whose tsvector column PostgreSQL computes (migration
0001); storage.search_query reads either.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from sqlalchemy import BindParameter, Connection, bindparam, text
from sqlalchemy.orm import Session

from casefile.domain.kinds import FieldSpec, FieldType, Kind, spec
from casefile.storage.dialect import on_server
from casefile.storage.models import TABLES
from casefile.storage.schema import FTS_TABLE


def _column_sql(name: str, field_type: FieldType, server: bool) -> str:
    if field_type == FieldType.TEXTLIST and server:
        return f'(SELECT string_agg(value, chr(10)) FROM json_array_elements_text(t."{name}") AS value)'
    if field_type == FieldType.TEXTLIST:
        return f'(SELECT group_concat(value, char(10)) FROM json_each(t."{name}"))'
    return f't."{name}"'


def _named_refs(kind: Kind) -> list[FieldSpec]:
    """A visit or quote is found by the names of the people, states and bodies it refers to (spec.search_by_name)."""
    return [
        f
        for f in spec(kind).fields
        if f.type == FieldType.REF and len(f.ref_kinds) == 1 and spec(f.ref_kinds[0]).search_by_name
    ]


def _name_sql(field: FieldSpec) -> str:
    target = spec(field.ref_kinds[0])
    return f'(SELECT "{target.name_field}" FROM "{target.table}" WHERE id = t."{field.name}_id")'


@cache
def _select_sql(kind: Kind, server: bool = False, table_name: str = FTS_TABLE) -> str:
    # Articles are indexed as "Art. 87(7)", the way people write and search for them (spec.search_prefix).
    prefix = spec(kind).search_prefix.replace("'", "''")
    parts = [f"'{prefix}'"] if prefix else []
    parts += [_column_sql(f.name, f.type, server) for f in spec(kind).fields if f.searchable]
    parts += [_name_sql(f) for f in _named_refs(kind)]
    newline = "chr(10)" if server else "char(10)"
    body = f" || {newline} || ".join(f"coalesce({p}, '')" for p in parts)
    folded = f"replace(replace({body}, 'ё', 'е'), 'Ё', 'Е')"
    table = TABLES[kind.value].name
    return (
        f"INSERT INTO {table_name}(rowid, record_id, kind, body) "
        f'SELECT r.seq, r.id, r.kind, {folded} FROM records r JOIN "{table}" t ON t.id = r.id '
        "WHERE r.deleted_at IS NULL"
    )


# The key of session.info naming the index table to write, when it is not the one the search path finds.
INDEX_TABLE = "index_table"


def index_table(conn: Connection | Session) -> str:
    """The table to keep up to date: a user reading through a server case's masked views (who may not read
    protected persons) reads a view of the index that leaves some entries out, but writes the table itself,
    so that an entry it cannot see is still replaced rather than left beside its successor."""
    return str(conn.info.get(INDEX_TABLE, FTS_TABLE)) if isinstance(conn, Session) else FTS_TABLE


def rebuild(conn: Connection | Session) -> None:
    """Drop and refill the whole index: after bulk loads, far faster than per-row upkeep."""
    server, index = on_server(conn), index_table(conn)
    conn.execute(text(f"DELETE FROM {index}"))
    for kind in Kind:
        conn.execute(text(_select_sql(kind, server, index)))
    if not server:  # FTS5 merges its b-trees on request; PostgreSQL's GIN index keeps itself
        conn.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')"))


def refresh(conn: Connection | Session, kind: Kind, ids: Iterable[str]) -> None:
    """Re-index these records of one kind; deleted ones simply drop out."""
    id_list = list(ids)
    if not id_list:
        return
    index = index_table(conn)
    param: BindParameter[Any] = bindparam("ids", expanding=True)
    conn.execute(
        text(f"DELETE FROM {index} WHERE rowid IN (SELECT seq FROM records WHERE id IN :ids)").bindparams(param),
        {"ids": id_list},
    )
    conn.execute(
        text(_select_sql(kind, on_server(conn), index) + " AND r.id IN :ids").bindparams(param), {"ids": id_list}
    )


def refresh_referrers(conn: Connection | Session, kind: Kind, record_id: str) -> dict[Kind, list[str]]:
    """After a name changes, re-index the records that are found by that name; returns them by kind."""
    refreshed: dict[Kind, list[str]] = {}
    for other in Kind:
        for field in _named_refs(other):
            if field.ref_kinds[0] != kind:
                continue
            table = TABLES[other.value].name
            ids = conn.execute(text(f'SELECT id FROM "{table}" WHERE "{field.name}_id" = :id'), {"id": record_id})
            found = [row[0] for row in ids]
            refresh(conn, other, found)
            if found:
                refreshed.setdefault(other, []).extend(found)
    return refreshed
