"""Maps a kind's field values to its table's columns and back, in bulk."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from casefile.domain.kinds import FieldSpec, FieldType, Kind, spec
from casefile.storage.models import TABLES, Record, WarrantArticleRow

_records = Record.__table__
_warrant_articles = WarrantArticleRow.__table__


def column_name(field: FieldSpec) -> str:
    return f"{field.name}_id" if field.type == FieldType.REF else field.name


def table_for(kind: Kind) -> Table:
    return TABLES[kind.value]  # type: ignore[return-value]


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
    session.execute(
        insert(_records),
        [{"id": rid, "kind": kind.value, "created_at": c, "updated_at": u} for rid, c, u, _ in rows],
    )
    session.execute(insert(table_for(kind)), [{"id": rid, **to_row(kind, v)} for rid, _, _, v in rows])
    if kind == Kind.WARRANT:
        links = [
            {"warrant_id": rid, "article_id": aid, "position": i}
            for rid, _, _, v in rows
            for i, aid in enumerate(v.get("articles") or [])
        ]
        if links:
            session.execute(insert(_warrant_articles), links)


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
