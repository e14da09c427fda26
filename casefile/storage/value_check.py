"""Checks every stored value against the field specs, reading raw SQL so damage cannot crash the check.

SQLite's own checks see pages and keys, not meaning: a file edited by hand can hold 'yesterday-ish'
in a timestamp, broken JSON in a list, or text where a yes/no belongs, and still pass them. Such a
value would break the window and the exports later, so the full check after opening names each
bad row (its kind, its name where readable, the field and what is wrong) instead.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from casefile.domain.errors import ValidationError
from casefile.domain.kinds import RECORD_KINDS, FieldSpec, FieldType, Kind, spec
from casefile.domain.validation import clean_value
from casefile.reference import iso_codes

# A damaged file can hold thousands of bad rows; the first ones say what to do.
MAX_REPORTED = 50
_TIMESTAMP_COLUMNS = ("created_at", "updated_at", "deleted_at")
_KINDS = frozenset(k.value for k in Kind)
Tick = Callable[[], None]


def value_problems(conn: sqlite3.Connection, tick: Tick | None = None) -> list[str]:
    """One line per bad value, at most MAX_REPORTED; empty when every value is what Casefile writes."""
    problems: list[str] = []
    for found in _all_problems(conn, tick or (lambda: None)):
        problems.append(found)
        if len(problems) >= MAX_REPORTED:
            problems.append(f"Values: more bad values follow; only the first {MAX_REPORTED} are listed.")
            break
    return problems


def _all_problems(conn: sqlite3.Connection, tick: Tick) -> Iterator[str]:
    present = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    yield from _record_rows(conn, tick)
    codes = iso_codes()
    for kind in (Kind.CASE, *RECORD_KINDS):
        table = _table(kind)
        if table not in present:
            continue
        try:
            yield from _kind_rows(conn, kind, table, codes, tick)
        except sqlite3.DataError:
            pass  # a value past SQLite's length limit: the size check names that table already
    if "attachments" in present:
        yield from _attachment_rows(conn, tick)


def _table(kind: Kind) -> str:
    from casefile.storage.mapping import table_for  # the table names the ORM uses, without loading rows

    return table_for(kind).name


def _record_rows(conn: sqlite3.Connection, tick: Tick) -> Iterator[str]:
    rows = conn.execute("SELECT seq, id, kind, created_at, updated_at, deleted_at FROM records ORDER BY seq")
    for seq, rid, kind, *stamps in rows:
        tick()
        where = f"{kind} record {rid!s} (row {seq})" if isinstance(kind, str) else f"record {rid!s} (row {seq})"
        if not isinstance(kind, str) or kind not in _KINDS:
            yield f"Values: {where} has an unknown kind {kind!r}."
        for column, value in zip(_TIMESTAMP_COLUMNS, stamps, strict=True):
            problem = _timestamp_problem(value, required=column != "deleted_at")
            if problem:
                yield f"Values: {where}, {column.replace('_', ' ')}: {problem}."


def _kind_rows(
    conn: sqlite3.Connection, kind: Kind, table: str, codes: frozenset[str] | Any, tick: Tick
) -> Iterator[str]:
    # Only the columns this file has: an older revision lacks later fields, and SQLite would read
    # a double-quoted name that is no column as a string.
    present = {d[0] for d in conn.execute(f'SELECT * FROM "{table}" LIMIT 0').description}
    fields = [f for f in spec(kind).fields if f.type != FieldType.REFS and _column(f) in present]
    columns = ", ".join(f'"{_column(f)}"' for f in fields)
    label_field = fields[0] if fields else None
    if not fields:
        return
    for row in conn.execute(f'SELECT id, {columns} FROM "{table}" ORDER BY rowid'):
        tick()
        rid, values = row[0], row[1:]
        name = values[0] if label_field is not None and isinstance(values[0], str) else None
        where = f"{spec(kind).label.lower()} {name!r} ({rid})" if name else f"{spec(kind).label.lower()} {rid}"
        for field, raw in zip(fields, values, strict=True):
            problem = _field_problem(field, raw, codes)
            if problem:
                yield f"Values: {where}, {field.label}: {problem}."


def _column(field: FieldSpec) -> str:
    return f"{field.name}_id" if field.type == FieldType.REF else field.name


def _field_problem(field: FieldSpec, raw: object, codes: Any) -> str:
    """What is wrong with a stored value, or '' if it is what Casefile writes."""
    if field.type == FieldType.BOOL:
        return "" if raw in (0, 1) and not isinstance(raw, float | str) else f"{_shown(raw)} is not yes or no"
    if field.type == FieldType.TEXTLIST:
        if raw is None:
            return "" if not field.required else "missing"
        try:
            value = json.loads(raw) if isinstance(raw, str | bytes) else None
        except ValueError:
            return f"{_shown(raw)} is not a list (broken JSON)"
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"{_shown(raw)} is not a list of texts"
        return ""
    if field.type == FieldType.INTEGER_CHOICE and raw is not None and not isinstance(raw, int):
        return f"{_shown(raw)} is not a number"
    if raw is None:
        return "missing" if field.required else ""
    if field.type not in (FieldType.INTEGER_CHOICE,) and not isinstance(raw, str):
        return f"{_shown(raw)} is not text"
    try:
        cleaned = clean_value(field, raw, codes)
    except ValidationError as exc:
        return exc.problems[0].message
    if field.type == FieldType.DATE and cleaned != raw:
        # Typing accepts 17.03.2023 or March 2023; what Casefile stores is always the ISO form.
        return f"{_shown(raw)} is not a date as Casefile stores it (2023, 2023-03 or 2023-03-17)"
    return ""


def _timestamp_problem(value: object, *, required: bool) -> str:
    if value is None:
        return "missing" if required else ""
    if not isinstance(value, str):
        return f"{_shown(value)} is not a date and time"
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return f"{_shown(value)} is not a date and time"
    return ""


def _attachment_rows(conn: sqlite3.Connection, tick: Tick) -> Iterator[str]:
    for rid, name, size, imported, deleted in conn.execute(
        "SELECT id, file_name, size, imported_at, deleted_at FROM attachments ORDER BY rowid"
    ):
        tick()
        where = f"attachment {name!r} ({rid})" if isinstance(name, str) else f"attachment {rid}"
        if not isinstance(size, int) or size < 0:
            yield f"Values: {where}, size: {_shown(size)} is not a number of bytes."
        for column, value, required in (("imported at", imported, True), ("deleted at", deleted, False)):
            problem = _timestamp_problem(value, required=required)
            if problem:
                yield f"Values: {where}, {column}: {problem}."


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"
