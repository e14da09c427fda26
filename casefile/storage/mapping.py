"""Maps a kind's field values to its table's columns and back, in bulk."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, insert, select, text, update
from sqlalchemy.orm import Session

from casefile.domain.kinds import FieldSpec, FieldType, Kind, spec
from casefile.storage.dialect import on_server
from casefile.storage.models import TABLES, Record, WarrantArticleRow, table_of
from casefile.storage.types import UTCDateTime

_records = table_of(Record)
_warrant_articles = table_of(WarrantArticleRow)


def column_name(field: FieldSpec) -> str:
    return f"{field.name}_id" if field.type == FieldType.REF else field.name


def table_for(kind: Kind) -> Table:
    return TABLES[kind.value]


def _columns(kind: Kind) -> list[FieldSpec]:
    return [f for f in spec(kind).fields if f.type != FieldType.REFS]


def to_row(kind: Kind, values: Mapping[str, Any]) -> dict[str, Any]:
    return {column_name(f): values[f.name] for f in _columns(kind) if f.name in values}


def insert_records(
    session: Session,
    kind: Kind,
    rows: Sequence[tuple[str, datetime, datetime, Mapping[str, Any]]],
) -> None:
    """Insert (id, created, updated, values) rows of one kind with executemany."""
    if not rows:
        return
    stamp_columns = ("id", "kind", "created_at", "updated_at")
    _executemany(session, _records, stamp_columns, [(rid, kind.value, c, u) for rid, c, u, _ in rows])
    fields = _columns(kind)
    columns = ("id", *(column_name(f) for f in fields))
    _executemany(session, table_for(kind), columns, [(rid, *(v.get(f.name) for f in fields)) for rid, _, _, v in rows])
    if kind == Kind.WARRANT:
        links = [(rid, aid, i) for rid, _, _, v in rows for i, aid in enumerate(v.get("articles") or [])]
        if links:
            _executemany(session, _warrant_articles, ("warrant_id", "article_id", "position"), links)


# Rows from which a server case loads with COPY rather than INSERT: below it, the look-up that COPY needs
# (is the name a table?) costs a round trip that one INSERT would not.
COPY_FROM = 100


def _executemany(session: Session, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    insert_rows(session.connection(), table, columns, rows)


def insert_rows(connection: Connection, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """One executemany straight to the driver, with the columns' own bind processing.

    At 100k rows SQLAlchemy's per-row parameter handling cost more than SQLite's insert
    itself; the columns' bind processors (timestamps, JSON, booleans) still convert every
    value, so what is stored is exactly what the ORM would store. A server case loads many
    rows with COPY instead (_copy).
    """
    dialect = connection.dialect
    # inline(): no RETURNING of the generated key, which PostgreSQL would otherwise be asked for.
    compiled = insert(table).inline().compile(dialect=dialect, column_keys=list(columns))
    # SQLite's driver takes positional parameters; psycopg's named ones (the bind names are the columns).
    order = [columns.index(name) for name in compiled.positiontup or columns]
    processors = [_processor(table.c[columns[i]], dialect) for i in order]
    active = [(position, p) for position, p in enumerate(processors) if p is not None]
    params = [tuple(row[i] for i in order) for row in rows]
    if active:
        params = [_processed(row, active) for row in params]
    names = [columns[i] for i in order]
    if on_server(connection) and len(params) >= COPY_FROM and _is_table(connection, table):
        _copy(connection, table, names, params)
    elif compiled.positional:
        connection.exec_driver_sql(str(compiled), params)
    else:
        connection.exec_driver_sql(str(compiled), [dict(zip(names, row, strict=True)) for row in params])


def _is_table(connection: Connection, table: Table) -> bool:
    """Whether the name leads to a table: for a user not cleared for protected persons it leads to a view
    (storage.server_roles), which PostgreSQL lets INSERT into but not COPY into."""
    name = connection.dialect.identifier_preparer.quote(table.name)
    found = connection.execute(text("SELECT relkind FROM pg_class WHERE oid = to_regclass(:name)"), {"name": name})
    return found.scalar() in ("r", "p")  # a table, or a partitioned one


def _copy(connection: Connection, table: Table, names: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """PostgreSQL: COPY FROM STDIN on the session's own connection, inside its transaction.

    At 20k quotes, inserting with psycopg's pipelined executemany took 1.40 s and with COPY 0.85 s
    (bench/core.py --engine postgresql). COPY checks the same constraints and fires the same triggers
    as INSERT, and deferred foreign keys still wait for the commit.
    """
    quote = connection.dialect.identifier_preparer.quote
    sql = f"COPY {quote(table.name)} ({', '.join(quote(n) for n in names)}) FROM STDIN"
    with connection.connection.dbapi_connection.cursor() as cursor, cursor.copy(sql) as copy:  # type: ignore[union-attr]
        for row in rows:
            copy.write_row(row)


def _processor(column: Any, dialect: Any) -> Any:
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    if process is None or not isinstance(column.type, UTCDateTime):
        return process
    memo: dict[datetime, Any] = {}  # a bulk load shares one timestamp: convert it once

    def cached(value: datetime | None) -> Any:
        if value is None:
            return None
        if value not in memo:
            memo[value] = process(value)
        return memo[value]

    return cached


def _processed(row: tuple[Any, ...], active: Sequence[tuple[int, Any]]) -> tuple[Any, ...]:
    values = list(row)
    for position, process in active:
        values[position] = process(values[position])
    return tuple(values)


def update_record(session: Session, kind: Kind, record_id: str, values: Mapping[str, Any], now: datetime) -> None:
    row = to_row(kind, values)
    if row:
        table = table_for(kind)
        session.execute(update(table).where(table.c.id == record_id).values(**row))
    if kind == Kind.WARRANT and "articles" in values:
        session.execute(delete(_warrant_articles).where(_warrant_articles.c.warrant_id == record_id))
        items = [{"warrant_id": record_id, "article_id": a, "position": i} for i, a in enumerate(values["articles"])]
        if items:
            session.execute(insert(_warrant_articles), items)
    session.execute(update(_records).where(_records.c.id == record_id).values(updated_at=now))


def read_values(session: Session, kind: Kind, ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """Field values of live (or, given ids, any) records of one kind, keyed by id, in seq order."""
    table = table_for(kind)
    fields = _columns(kind)
    query = select(table.c.id, *(table.c[column_name(f)] for f in fields)).join(_records, _records.c.id == table.c.id)
    if ids is None:
        query = query.where(_records.c.deleted_at.is_(None))
    else:
        query = query.where(table.c.id.in_(bindparam("ids", expanding=True)))
    query = query.order_by(_records.c.seq)
    params = {} if ids is None else {"ids": list(ids)}
    result = {row[0]: {f.name: row[i + 1] for i, f in enumerate(fields)} for row in session.execute(query, params)}
    if kind == Kind.WARRANT:
        _attach_articles(session, result)
    return result


def _attach_articles(session: Session, warrants: dict[str, dict[str, Any]]) -> None:
    for values in warrants.values():
        values["articles"] = []
    query = select(_warrant_articles.c.warrant_id, _warrant_articles.c.article_id).order_by(
        _warrant_articles.c.warrant_id, _warrant_articles.c.position
    )
    for warrant_id, article_id in session.execute(query):
        if warrant_id in warrants:
            warrants[warrant_id]["articles"].append(article_id)


def reference_columns(kinds: Iterable[Kind]) -> Iterator[tuple[Table, FieldSpec, Any]]:
    """Every column holding one record's id (a warrant's subject, a visit's host state) of these kinds."""
    for kind in kinds:
        table = table_for(kind)
        for field in spec(kind).fields:
            if field.type == FieldType.REF:
                yield table, field, table.c[column_name(field)]


def live(table: Table, *columns: Any) -> Any:
    """A select of these columns over the table's live (not deleted) records."""
    return select(*columns).join(_records, _records.c.id == table.c.id).where(_records.c.deleted_at.is_(None))
