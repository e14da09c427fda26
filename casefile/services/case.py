"""The case as a whole: its cover details and how many records of each kind it holds."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casefile.domain.kinds import RECORD_KINDS, Kind
from casefile.services import records
from casefile.services.results import RecordData
from casefile.storage.models import FileMetaRow, Record, table_of
from casefile.storage.schema import SCHEMA_REVISION

_records = table_of(Record)


@dataclass(frozen=True)
class CaseSummary:
    case: RecordData
    counts: dict[Kind, int]
    schema_revision: int
    written_by: str


def the_case(session: Session) -> RecordData:
    case_id = session.execute(
        select(_records.c.id).where(_records.c.kind == Kind.CASE.value).order_by(_records.c.seq).limit(1)
    ).scalar_one()
    return records.get(session, case_id)


def counts(session: Session) -> dict[Kind, int]:
    query = select(_records.c.kind, func.count()).where(_records.c.deleted_at.is_(None)).group_by(_records.c.kind)
    found = {Kind(kind): n for kind, n in session.execute(query)}
    return {kind: found.get(kind, 0) for kind in RECORD_KINDS}


def summary(session: Session) -> CaseSummary:
    meta = table_of(FileMetaRow)
    written_by = session.execute(select(meta.c.value).where(meta.c.key == "written_by")).scalar_one_or_none()
    return CaseSummary(the_case(session), counts(session), SCHEMA_REVISION, written_by or "unknown")


def update_case(session: Session, values: dict[str, object]) -> RecordData:
    return records.update_fields(session, the_case(session).id, values)
