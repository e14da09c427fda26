"""Short human names for records: 'Vladimir Putin', 'Art. 87(7)', 'Vladimir Putin in Mongolia, 2024-09-02'.

One joined query reads every kind's naming fields at once (each kind's spec says which, and
how they are worded: domain/kinds.py, domain/record_names.py); warrants, visits and links are
named after the records they tie together, which costs one more query per level of nesting.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from sqlalchemy import RowMapping, Select, bindparam, select
from sqlalchemy.orm import Session

from casefile.domain.kinds import FieldType, Kind, spec
from casefile.domain.record_names import QUOTE_CHARS, article_label, short_quote
from casefile.storage.mapping import column_name, table_for
from casefile.storage.models import Record, table_of

__all__ = ["QUOTE_CHARS", "Label", "article_label", "labels", "short_quote"]

_records = table_of(Record)
_CHUNK = 900  # stay under SQLite's limit on bound parameters
_MAX_DEPTH = 4  # a link to a link to a visit is as deep as names need to go


@dataclass(frozen=True)
class Label:
    id: str
    kind: Kind
    text: str
    deleted: bool = False


def _key(kind: Kind, field: str) -> str:
    return f"{kind.value}__{field}"


def _naming_query() -> Select[tuple[object, ...]]:
    """Every kind's naming fields (its spec's `naming`), one outer join, each column under its own name."""
    columns = [
        table_for(kind).c[column_name(spec(kind).field(name))].label(_key(kind, name))
        for kind in Kind
        for name in spec(kind).naming.fields
    ]
    query = select(_records.c.id, _records.c.kind, _records.c.deleted_at, *columns)
    for kind in Kind:
        table = table_for(kind)
        query = query.outerjoin(table, table.c.id == _records.c.id)
    return query.where(_records.c.id.in_(bindparam("ids", expanding=True)))


@dataclass(frozen=True)
class _Named:
    """What one record's name is made of, read once from its row."""

    kind: Kind
    deleted: bool
    values: dict[str, object]  # its naming fields, by field name
    refs: tuple[str, ...]  # the records whose names its own is made of (a visit's person and state)

    def name(self, names: dict[str, str]) -> str:
        return spec(self.kind).naming.text(self.values, lambda rid: names.get(rid, "?"))


@cache
def _naming_fields(kind: Kind) -> tuple[tuple[str, str], ...]:
    """(field, column label) for each field that names a record of this kind."""
    return tuple((name, _key(kind, name)) for name in spec(kind).naming.fields)


@cache
def _ref_fields(kind: Kind) -> tuple[str, ...]:
    naming = spec(kind).naming.fields
    return tuple(f.name for f in spec(kind).fields if f.name in naming and f.type == FieldType.REF)


def _named(row: RowMapping) -> _Named:
    kind = Kind(row["kind"])
    values = {name: row[key] for name, key in _naming_fields(kind)}
    return _Named(kind, row["deleted_at"] is not None, values, tuple(values[f] for f in _ref_fields(kind)))


def _read(session: Session, ids: list[str]) -> dict[str, _Named]:
    query = _naming_query()
    found = {}
    for start in range(0, len(ids), _CHUNK):
        for row in session.execute(query, {"ids": ids[start : start + _CHUNK]}).mappings():
            found[row["id"]] = _named(row)
    return found


def labels(session: Session, ids: Iterable[str]) -> dict[str, Label]:
    """Labels for any mix of record ids; unknown ids are simply absent."""
    wanted = list(dict.fromkeys(ids))
    rows = _read(session, wanted)
    pending = [ref for row in rows.values() for ref in row.refs if ref not in rows]
    for _ in range(_MAX_DEPTH):
        if not pending:
            break
        extra = _read(session, list(dict.fromkeys(pending)))
        rows.update(extra)
        pending = [ref for row in extra.values() for ref in row.refs if ref not in rows]
    names = {rid: row.name({}) for rid, row in rows.items()}
    composite = [(rid, row) for rid, row in rows.items() if row.refs]
    for _ in range(_MAX_DEPTH):  # a visit's name needs its person's; a link's, the visit's
        names.update({rid: row.name(names) for rid, row in composite})
    return {rid: Label(rid, rows[rid].kind, names[rid], rows[rid].deleted) for rid in wanted if rid in rows}
