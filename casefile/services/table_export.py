"""One kind of record as a spreadsheet: an id column, then every field under its English label.

Cells read the way the window shows them (names for references, "Not arrested" for a choice, dates
at their own precision), and the same sheet imports back: the headers are the labels the import
recognises, and references are written as the names it resolves.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from casefile.domain import table_import
from casefile.domain.kinds import FieldSpec, FieldType, Kind, choice_label, spec
from casefile.services import records
from casefile.services.labels import labels

ID_HEADER = "ID"


def headers(kind: Kind) -> list[str]:
    return [ID_HEADER, *(f.label for f in spec(kind).fields)]


def rows(session: Session, kind: Kind) -> list[list[str]]:
    found = records.list_records(session, kind)
    fields = spec(kind).fields
    refs = {i for r in found for f in fields if f.type in (FieldType.REF, FieldType.REFS) for i in _ids(f, r.values)}
    names = {rid: label.text for rid, label in labels(session, refs).items()}
    return [[r.id, *(cell(f, r.values.get(f.name), names) for f in fields)] for r in found]


def _ids(f: FieldSpec, value_map: dict[str, Any]) -> list[str]:
    value = value_map.get(f.name)
    if not value:
        return []
    return list(value) if isinstance(value, list) else [str(value)]


def cell(f: FieldSpec, value: Any, names: dict[str, str]) -> str:
    """A value as the window shows it; the import dialog's preview shows planned rows this way too."""
    if value is None or value == "" or value == []:
        return ""
    if f.type == FieldType.REF:
        return names.get(str(value), str(value))
    if f.type == FieldType.REFS:
        return f"{table_import.LIST_SEPARATOR} ".join(names.get(str(v), str(v)) for v in value)
    if f.type == FieldType.TEXTLIST:
        return f"{table_import.LIST_SEPARATOR} ".join(str(v) for v in value)
    if f.type == FieldType.BOOL:
        return "yes" if value else "no"
    if f.type == FieldType.CHOICE:
        return choice_label(str(value))
    return str(value)
