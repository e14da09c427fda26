"""Links between records, seen from either end."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from casefile.domain.kinds import Kind
from casefile.services import records
from casefile.services.labels import labels
from casefile.services.results import Deleted, RecordData
from casefile.storage.models import LinkRow, Record

_links = LinkRow.__table__
_records = Record.__table__


@dataclass(frozen=True)
class LinkEnd:
    """One link as seen from one of its records."""

    link_id: str
    kind: str
    direction: Literal["outgoing", "incoming"]
    other_id: str
    other_kind: Kind
    other_label: str
    note: str | None
    date: str | None
    source_id: str | None


def link(
    session: Session,
    from_id: str,
    to_id: str,
    kind: str,
    *,
    note: str | None = None,
    date: str | None = None,
    source: str | None = None,
    link_id: str | None = None,
) -> RecordData:
    values = {"from": from_id, "to": to_id, "kind": kind, "note": note, "date": date, "source": source}
    return records.create(session, Kind.LINK, values, record_id=link_id)


def unlink(session: Session, link_id: str) -> Deleted:
    return records.delete(session, link_id)


def links_of(session: Session, record_id: str) -> list[LinkEnd]:
    """Every live link touching a record, outgoing first, then by kind and creation order."""
    query = (
        select(_links)
        .join(_records, _records.c.id == _links.c.id)
        .where(or_(_links.c.from_id == record_id, _links.c.to_id == record_id), _records.c.deleted_at.is_(None))
        .order_by(_records.c.seq)
    )
    rows = list(session.execute(query))
    other_ids = [r.to_id if r.from_id == record_id else r.from_id for r in rows]
    names = labels(session, other_ids)
    ends = []
    for row, other in zip(rows, other_ids, strict=True):
        label = names.get(other)
        if label is None or label.deleted:
            continue
        direction: Literal["outgoing", "incoming"] = "outgoing" if row.from_id == record_id else "incoming"
        ends.append(
            LinkEnd(row.id, row.kind, direction, other, label.kind, label.text, row.note, row.date, row.source_id)
        )
    ends.sort(key=lambda e: (e.direction != "outgoing", e.kind))
    return ends
