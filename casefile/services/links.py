"""Links between records, seen from either end."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from casefile.domain.kinds import RECORD_KINDS, Kind
from casefile.services import records
from casefile.services.labels import labels
from casefile.services.results import Deleted, RecordData
from casefile.storage.mapping import live, reference_columns
from casefile.storage.models import LinkRow, Record, WarrantArticleRow

_links = LinkRow.__table__
_records = Record.__table__
_warrant_articles = WarrantArticleRow.__table__


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


def references_to(session: Session, record_id: str) -> list[LinkEnd]:
    """Records that name this one in a field (a warrant's subject, a visit's host state, a quote's
    speaker, the articles a warrant cites), shown beside its links as incoming ones.

    They have no link record (`link_id` is empty): they change in the other record's form, and
    cannot be unlinked. The kind is the field's name, so Putin shows "← subject: Warrant for …".
    """
    found: list[tuple[str, str]] = []  # (field label, referring record id)
    # A link's ends are the links themselves, listed by links_of.
    for table, field, column in reference_columns(k for k in RECORD_KINDS if k != Kind.LINK):
        query = live(table, table.c.id).where(column == record_id).order_by(_records.c.seq)
        found += [(field.label.lower(), rid) for rid in session.execute(query).scalars()]
    citing = (
        select(_warrant_articles.c.warrant_id)
        .join(_records, _records.c.id == _warrant_articles.c.warrant_id)
        .where(_warrant_articles.c.article_id == record_id, _records.c.deleted_at.is_(None))
    )
    found += [("cited by warrant", rid) for rid in session.execute(citing).scalars()]
    names = labels(session, [rid for _, rid in found])
    return [
        LinkEnd("", label, "incoming", rid, names[rid].kind, names[rid].text, None, None, None)
        for label, rid in found
        if rid in names and not names[rid].deleted
    ]
