"""The whole case as a casefile/1 JSON document, and a validated document loaded into a new case."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.orm import Session

from casefile.domain.case_document import (
    CORRECTIONS_KEY,
    FORMAT,
    CaseDocument,
    DocumentCorrection,
    DocumentRecord,
    format_timestamp,
)
from casefile.domain.errors import ValidationError
from casefile.domain.kinds import RECORD_KINDS, Kind, spec
from casefile.reference import iso_countries
from casefile.services import records
from casefile.services.case import the_case
from casefile.services.results import RecordData
from casefile.storage import mapping, search_index
from casefile.storage.models import CaseRow, PartyCorrectionRow, Record

_records = Record.__table__
_cases = CaseRow.__table__
_corrections = PartyCorrectionRow.__table__


def to_document(session: Session) -> dict[str, Any]:
    """Every live record, kind by kind in creation order; deleted records stay out."""
    document: dict[str, Any] = {"format": FORMAT, "case": _record_json(the_case(session))}
    for kind in RECORD_KINDS:
        document[spec(kind).json_key] = [_record_json(r) for r in records.list_records(session, kind)]
    document[CORRECTIONS_KEY] = _corrections_json(session)
    return document


def _record_json(record: RecordData) -> dict[str, Any]:
    # Fields in spec order rather than storage order, so the document reads the same everywhere.
    head = {"id": record.id, "created": format_timestamp(record.created), "updated": format_timestamp(record.updated)}
    values = record.values
    return head | {name: values[name] for name in _field_names(record.kind)}


@cache
def _field_names(kind: Kind) -> tuple[str, ...]:
    return spec(kind).names


def _corrections_json(session: Session) -> list[dict[str, Any]]:
    rows = session.execute(select(_corrections).order_by(_corrections.c.iso2))
    return [
        {
            "iso2": row.iso2,
            "name": row.name,
            "entry_into_force": row.entry_into_force,
            "withdrawal_effective": row.withdrawal_effective,
            "note": row.note,
            "recorded": format_timestamp(row.recorded_at),
        }
        for row in rows
    ]


def load_document(session: Session, document: CaseDocument) -> None:
    """Fill a new, empty case with a validated document, keeping every id and timestamp.

    Rows go in with executemany and the full-text index is rebuilt once at the end; per-row
    index upkeep would make a large import many times slower.
    """
    _require_empty(session)
    # References may point forward (a warrant cites articles listed later, a link names a
    # later link); the document was checked whole, so the keys are checked at commit.
    session.execute(text("PRAGMA defer_foreign_keys = ON"))
    _replace_case(session, document.case)
    for kind in RECORD_KINDS:
        mapping.insert_records(session, kind, [_row(r) for r in document.records[kind]])
    _insert_corrections(session, document.party_corrections)
    search_index.rebuild(session)


def _row(record: DocumentRecord) -> tuple[str, Any, Any, dict[str, Any]]:
    return record.id, record.created, record.updated, record.values


def _require_empty(session: Session) -> None:
    held = session.execute(select(func.count()).where(_records.c.kind != Kind.CASE.value)).scalar_one()
    fixes = session.execute(select(func.count()).select_from(_corrections)).scalar_one()
    if held or fixes:
        raise ValidationError.single(
            "", f"A document can only be loaded into a new, empty case; this one already holds {held + fixes} items."
        )


def _replace_case(session: Session, case: DocumentRecord) -> None:
    # The new file's own case record gives way to the document's, id and timestamps included.
    session.execute(delete(_cases))
    session.execute(delete(_records).where(_records.c.kind == Kind.CASE.value))
    mapping.insert_records(session, Kind.CASE, [_row(case)])


def _insert_corrections(session: Session, corrections: list[DocumentCorrection]) -> None:
    if not corrections:
        return
    names = iso_countries()
    session.execute(
        insert(_corrections),
        [
            {
                "iso2": c.iso2,
                "name": c.name or names[c.iso2],
                "entry_into_force": c.entry_into_force.isoformat() if c.entry_into_force else None,
                "withdrawal_effective": c.withdrawal_effective.isoformat() if c.withdrawal_effective else None,
                "note": c.note,
                "recorded_at": c.recorded,
            }
            for c in corrections
        ],
    )
