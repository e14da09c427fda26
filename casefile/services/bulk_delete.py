"""Deleting and restoring many records at once: the undo of an import.

The same rules and audit rows as records.delete and records.restore, but the reference check, the
update and the search-index refresh run once for the whole set instead of once per record, so
undoing a 5,000-row import takes seconds, not minutes. Records of the set may name each other
(a source and the outlet the same import created); a record outside the set that names one
refuses the whole delete, as records.delete does for one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import BindParameter, bindparam, or_, select, update
from sqlalchemy.orm import Session

from casefile.domain.audit import Action
from casefile.domain.errors import RecordNotFound, ValidationError
from casefile.domain.kinds import FieldType, Kind, spec
from casefile.services import audit
from casefile.services.results import Deleted
from casefile.storage import mapping, search_index
from casefile.storage.mapping import column_name, table_for
from casefile.storage.models import LinkRow, Record, WarrantArticleRow, table_of
from casefile.storage.types import utc_now

_records = table_of(Record)
_links = table_of(LinkRow)
_CHUNK = 900  # ids per statement, well under SQLite's limit on bound parameters


def _chunks(ids: Sequence[str]) -> list[list[str]]:
    return [list(ids[i : i + _CHUNK]) for i in range(0, len(ids), _CHUNK)]


def delete_many(session: Session, ids: Sequence[str]) -> list[Deleted]:
    """Soft-delete these live records and the links touching them; in the order given."""
    kinds = _live_kinds(session, ids)
    _check_not_referenced_from_outside(session, set(ids))
    links = _live_links(session, ids)
    now = utc_now()
    every = [*ids, *(link for found in links.values() for link in found)]
    for chunk in _chunks(every):
        session.execute(update(_records).where(_records.c.id.in_(chunk)).values(deleted_at=now))
    _refresh(session, kinds, links)
    values = _values(session, kinds)
    deleted, rows = [], []
    for record_id in ids:
        kind, link_ids = kinds[record_id], tuple(links.get(record_id, ()))
        action = Action.UNLINK if kind == Kind.LINK else Action.DELETE
        rows.append((action, record_id, kind.value, {"values": values[record_id], "links": list(link_ids)}))
        for link_id, link_values in mapping.read_values(session, Kind.LINK, list(link_ids)).items():
            rows.append((Action.UNLINK, link_id, Kind.LINK.value, {"values": link_values, "with": record_id}))
        deleted.append(Deleted(record_id, kind, link_ids, now))
    audit.append_many(session, rows)  # the rows records.delete writes, in the same order
    return deleted


def restore_many(session: Session, deleted: Sequence[Deleted]) -> None:
    """Undo delete_many: the records and their links come back with the same ids."""
    every = [i for d in deleted for i in (d.id, *d.link_ids)]
    for chunk in _chunks(every):
        session.execute(update(_records).where(_records.c.id.in_(chunk)).values(deleted_at=None))
    _refresh(session, {d.id: d.kind for d in deleted}, {d.id: list(d.link_ids) for d in deleted})
    rows: list[tuple[Action, str, str, dict[str, object]]] = []
    for d in deleted:
        rows.append((Action.RESTORE, d.id, d.kind.value, {"links": list(d.link_ids)}))
        rows += [(Action.RESTORE, link_id, Kind.LINK.value, {"with": d.id}) for link_id in d.link_ids]
    audit.append_many(session, rows)


def _by_kind(kinds: dict[str, Kind]) -> dict[Kind, list[str]]:
    grouped: dict[Kind, list[str]] = {}
    for record_id, kind in kinds.items():
        grouped.setdefault(kind, []).append(record_id)
    return grouped


def _values(session: Session, kinds: dict[str, Kind]) -> dict[str, dict[str, object]]:
    """Every record's field values for its audit row, read a kind and a chunk at a time."""
    values: dict[str, dict[str, object]] = {}
    for kind, kind_ids in _by_kind(kinds).items():
        for chunk in _chunks(kind_ids):
            values.update(mapping.read_values(session, kind, chunk))
    return values


def _live_kinds(session: Session, ids: Sequence[str]) -> dict[str, Kind]:
    found: dict[str, Kind] = {}
    for chunk in _chunks(ids):
        query = select(_records.c.id, _records.c.kind).where(_records.c.id.in_(chunk), _records.c.deleted_at.is_(None))
        found.update({rid: Kind(kind) for rid, kind in session.execute(query)})
    missing = [rid for rid in ids if rid not in found]
    if missing:
        raise RecordNotFound(f"No live record with id {missing[0]} in this case.", "It was deleted already.")
    if Kind.CASE in found.values():
        raise ValidationError.single("", "The case itself cannot be deleted; delete the file instead.")
    return found


def _check_not_referenced_from_outside(session: Session, ids: set[str]) -> None:
    wanted = sorted(ids)
    for kind in Kind:
        for field in spec(kind).fields:
            if field.type not in (FieldType.REF, FieldType.REFS) or (
                kind == Kind.LINK and field.name in ("from", "to")
            ):
                continue  # links are deleted along with the record, not a reason to refuse
            if field.type == FieldType.REFS:
                table, own, column = table_of(WarrantArticleRow), "warrant_id", "article_id"
            else:
                table, own, column = table_for(kind), "id", column_name(field)
            for chunk in _chunks(wanted):
                query = (
                    select(table.c[own])
                    .join(_records, _records.c.id == table.c[own])
                    .where(table.c[column].in_(chunk), _records.c.deleted_at.is_(None))
                )
                outside = [rid for rid in session.scalars(query) if rid not in ids]
                if outside:
                    raise ValidationError.single(
                        "", f"{len(outside)} {spec(kind).plural.lower()} still name these records in their "
                        f"{field.label.lower()}. Change or delete those first.",
                    )  # fmt: skip


def _live_links(session: Session, ids: Sequence[str]) -> dict[str, list[str]]:
    wanted, seen = set(ids), set()
    found: dict[str, list[str]] = {}
    for chunk in _chunks(ids):
        param: BindParameter[Any] = bindparam("ids", expanding=True)
        query = (
            select(_links.c.id, _links.c.from_id, _links.c.to_id)
            .join(_records, _records.c.id == _links.c.id)
            .where(or_(_links.c.from_id.in_(param), _links.c.to_id.in_(param)), _records.c.deleted_at.is_(None))
            .order_by(_records.c.seq)
        )
        for link_id, from_id, to_id in session.execute(query, {"ids": chunk}):
            if link_id in wanted or link_id in seen:
                continue  # a link of the set is deleted as itself; one joining two records goes with the first
            seen.add(link_id)
            found.setdefault(from_id if from_id in wanted else to_id, []).append(link_id)
    return found


def _refresh(session: Session, kinds: dict[str, Kind], links: dict[str, list[str]]) -> None:
    by_kind = _by_kind(kinds)
    by_kind.setdefault(Kind.LINK, []).extend(link for found in links.values() for link in found)
    for kind, kind_ids in by_kind.items():
        for chunk in _chunks(kind_ids):
            search_index.refresh(session, kind, chunk)
