"""Links between records, seen from either end."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Row, literal, or_, select, union_all
from sqlalchemy.orm import Session

from casefile.domain.kinds import RECORD_KINDS, Kind
from casefile.services import records
from casefile.services.labels import Label, labels
from casefile.services.results import Deleted, RecordData
from casefile.storage.mapping import reference_columns
from casefile.storage.models import LinkRow, Record, WarrantArticleRow, table_of

_links = table_of(LinkRow)
_records = table_of(Record)
_warrant_articles = table_of(WarrantArticleRow)


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
    rows = _link_rows(session, record_id)
    return _link_ends(record_id, rows, labels(session, _others(record_id, rows)))


def pointing_at(session: Session, record_id: str) -> list[LinkEnd]:
    """What the Links panel lists: the record's links, then the records that name it in a field.

    Two queries and one read of labels, whatever the number of reference fields: the panel is
    refreshed after edits, and was the largest part of an edit's reads.
    """
    rows = _link_rows(session, record_id)
    found = _referring(session, record_id)
    names = labels(session, _others(record_id, rows) + [rid for _, rid in found])
    return _link_ends(record_id, rows, names) + _reference_ends(found, names)


def _link_rows(session: Session, record_id: str) -> list[Row[Any]]:
    query = (
        select(_links)
        .join(_records, _records.c.id == _links.c.id)
        .where(or_(_links.c.from_id == record_id, _links.c.to_id == record_id), _records.c.deleted_at.is_(None))
        .order_by(_records.c.seq)
    )
    return list(session.execute(query))


def _others(record_id: str, rows: list[Row[Any]]) -> list[str]:
    return [r.to_id if r.from_id == record_id else r.from_id for r in rows]


def _link_ends(record_id: str, rows: list[Row[Any]], names: Mapping[str, Label]) -> list[LinkEnd]:
    ends = []
    for row, other in zip(rows, _others(record_id, rows), strict=True):
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
    found = _referring(session, record_id)
    return _reference_ends(found, labels(session, [rid for _, rid in found]))


def _referring(session: Session, record_id: str) -> list[tuple[str, str]]:
    """(field label, referring record id) for every live record naming this one, in one query."""
    # A link's ends are the links themselves, listed by links_of.
    parts = [
        select(literal(field.label.lower()).label("field"), table.c.id.label("rid"), _records.c.seq.label("seq"))
        .join(_records, _records.c.id == table.c.id)
        .where(column == record_id, _records.c.deleted_at.is_(None))
        for table, field, column in reference_columns(k for k in RECORD_KINDS if k != Kind.LINK)
    ]
    parts.append(
        select(
            literal("cited by warrant").label("field"),
            _warrant_articles.c.warrant_id.label("rid"),
            _records.c.seq.label("seq"),
        )
        .join(_records, _records.c.id == _warrant_articles.c.warrant_id)
        .where(_warrant_articles.c.article_id == record_id, _records.c.deleted_at.is_(None))
    )
    # One row per field group in the order of the fields, each group by creation order, as before.
    numbered = union_all(*(part.add_columns(literal(n).label("part")) for n, part in enumerate(parts))).subquery()
    query = select(numbered.c.field, numbered.c.rid).order_by(numbered.c.part, numbered.c.seq)
    return [(row.field, row.rid) for row in session.execute(query)]


def _reference_ends(found: list[tuple[str, str]], names: Mapping[str, Label]) -> list[LinkEnd]:
    return [
        LinkEnd("", label, "incoming", rid, names[rid].kind, names[rid].text, None, None, None)
        for label, rid in found
        if rid in names and not names[rid].deleted
    ]
