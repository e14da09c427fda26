"""The whole case as a casefile/1 JSON document, and a validated document loaded into a new case."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from casefile.domain.attachment_document import ATTACHMENTS_KEY, DocumentAttachment, attachment_json
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
from casefile.storage import dialect, mapping, search_index
from casefile.storage.models import AttachmentRow, CaseRow, PartyCorrectionRow, Record, table_of

_records = table_of(Record)
_cases = table_of(CaseRow)
_corrections = table_of(PartyCorrectionRow)
_attachments_table = table_of(AttachmentRow)


def to_document(session: Session) -> dict[str, Any]:
    """Every live record, kind by kind in creation order; deleted records stay out."""
    document: dict[str, Any] = {"format": FORMAT, "case": _record_json(the_case(session))}
    for kind in RECORD_KINDS:
        document[spec(kind).json_key] = [_record_json(r) for r in records.list_records(session, kind)]
    document[CORRECTIONS_KEY] = _corrections_json(session)
    document[ATTACHMENTS_KEY] = [attachment_json(a, format_timestamp) for a in _attachments(session)]
    return document


def _attachments(session: Session) -> list[DocumentAttachment]:
    """Live attachments whose source is exported too, originals before what was derived from them."""
    query = (
        select(_attachments_table)
        .join(_records, _records.c.id == _attachments_table.c.source_id)
        .where(_attachments_table.c.deleted_at.is_(None), _records.c.deleted_at.is_(None))
        .order_by(_attachments_table.c.imported_at, _attachments_table.c.id)
    )
    rows = [
        DocumentAttachment(r.id, r.source_id, r.derived_from, r.file_name, r.media_type, r.size, r.sha256,
                           r.imported_at, r.analyst, r.note, r.data)
        for r in session.execute(query)
    ]  # fmt: skip
    kept = {a.id for a in rows}
    return [a for a in rows if a.derived_from is None or a.derived_from in kept]


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
    dialect.defer_foreign_keys(session)
    _replace_case(session, document.case)
    for kind in RECORD_KINDS:
        mapping.insert_records(session, kind, [_row(r) for r in document.records[kind]])
    _insert_corrections(session, document.party_corrections)
    _insert_attachments(session, document.attachments)
    search_index.rebuild(session)


def _insert_attachments(session: Session, attachments: list[DocumentAttachment]) -> None:
    if attachments:
        session.execute(
            insert(_attachments_table),
            [
                {"id": a.id, "source_id": a.source, "derived_from": a.derived_from, "file_name": a.file_name,
                 "media_type": a.media_type, "size": a.size, "sha256": a.sha256, "imported_at": a.imported,
                 "analyst": a.analyst, "note": a.note, "deleted_at": None, "data": a.data}
                for a in attachments
            ],
        )  # fmt: skip


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
