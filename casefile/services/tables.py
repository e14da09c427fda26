"""Row data for the record tables: ids plus display text, read in one query per kind."""

from __future__ import annotations

import operator
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, reduce
from typing import Any

from sqlalchemy import FromClause, Select, String, bindparam, cast, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from casefile.domain.kinds import Column, FieldSpec, FieldType, Kind, choice_label, spec
from casefile.storage.mapping import column_name, table_for
from casefile.storage.models import Record, table_of

_records = table_of(Record)
PREVIEW = 160  # characters of long text shown in a table cell


@dataclass(frozen=True)
class TableShape:
    """A kind's record table as built from its spec's columns (domain/kinds.py)."""

    headers: tuple[str, ...]
    query: Select[tuple[object, ...]]  # the record's id, then one value per column
    choice_columns: tuple[int, ...] = ()  # cells holding a choice value such as 'not_arrested'
    label_columns: tuple[int, ...] = ()  # cells holding the id of a record of any kind, shown by its label


def _preview(column: ColumnElement[str]) -> ColumnElement[str]:
    return func.substr(func.replace(func.replace(column, "\n", " "), "\r", " "), 1, PREVIEW)


class _Builder:
    """Turns a kind's columns into one select, joining each referenced record's table for its name."""

    def __init__(self, kind: Kind) -> None:
        self.kind = kind
        self.table = table_for(kind)
        self.joined: FromClause = self.table

    def value(self, field: FieldSpec) -> ColumnElement[Any]:
        own = self.table.c[column_name(field)]
        if field.type == FieldType.REF and len(field.ref_kinds) == 1:
            target = spec(field.ref_kinds[0])
            assert target.name_field, f"{target.kind} has no name_field to show in a table"
            other = table_for(target.kind).alias()
            self.joined = self.joined.outerjoin(other, other.c.id == own)
            return other.c[target.name_field]
        if field.type == FieldType.LONGTEXT:
            return _preview(own)
        return own

    def cell(self, column: Column) -> ColumnElement[Any]:
        values = [self.value(spec(self.kind).field(name)) for name in column.fields]
        if len(values) == 1:
            return values[0]
        if column.joined:  # e.g. a source's grade: reliability and credibility, "B2"
            return reduce(operator.add, (func.coalesce(cast(v, String), "") for v in values))
        return func.coalesce(*values)


@cache
def _shape(kind: Kind) -> TableShape:
    kind_spec = spec(kind)
    builder = _Builder(kind)
    cells = [builder.cell(column) for column in kind_spec.columns]
    first = [kind_spec.field(column.fields[0]) for column in kind_spec.columns]
    return TableShape(
        tuple(column.header for column in kind_spec.columns),
        select(builder.table.c.id, *cells).select_from(builder.joined),
        tuple(i + 1 for i, f in enumerate(first) if f.type == FieldType.CHOICE),
        tuple(i + 1 for i, f in enumerate(first) if f.type == FieldType.REF and not f.ref_kinds),
    )


def headers(kind: Kind) -> tuple[str, ...]:
    return _shape(kind).headers


def table_rows(session: Session, kind: Kind, ids: Iterable[str] | None = None) -> list[tuple[str, ...]]:
    """(id, cell, cell, …) for the live records of a kind, oldest first; or just the given ids."""
    shape = _shape(kind)
    own_id = shape.query.selected_columns[0]
    query = shape.query.join(_records, _records.c.id == own_id).where(_records.c.deleted_at.is_(None))
    params: dict[str, object] = {}
    if ids is not None:
        query = query.where(own_id.in_(bindparam("ids", expanding=True)))
        params["ids"] = list(ids)
    # A choice shows as its label ("Not arrested"), never as the stored identifier.
    rows = [_cells(tuple(row), shape.choice_columns) for row in session.execute(query.order_by(_records.c.seq), params)]
    if shape.label_columns:
        rows = _name_any_refs(session, rows, shape.label_columns)
    return rows


def _cells(row: tuple[object, ...], choices: tuple[int, ...]) -> tuple[str, ...]:
    cells = ["" if v is None else str(v) for v in row]
    for index in choices:
        cells[index] = choice_label(cells[index]) if cells[index] else ""
    return tuple(cells)


def _name_any_refs(session: Session, rows: list[tuple[str, ...]], columns: tuple[int, ...]) -> list[tuple[str, ...]]:
    """A reference that may point at any kind (a link's ends) shows the record's label."""
    from casefile.services.labels import labels

    names = labels(session, {r[i] for r in rows for i in columns})
    return [
        tuple((names[cell].text if cell in names else "?") if i in columns else cell for i, cell in enumerate(r))
        for r in rows
    ]
