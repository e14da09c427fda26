"""Create, read, update, delete and restore any kind of record."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import bindparam, or_, select, update
from sqlalchemy.orm import Session

from casefile.domain.articles import ROME_STATUTE
from casefile.domain.audit import Action
from casefile.domain.errors import FieldProblem, RecordNotFound, ValidationError
from casefile.domain.icc_organs import is_listed_icc_organ
from casefile.domain.kinds import FieldType, Kind, spec
from casefile.domain.party_status import correction_problem
from casefile.domain.validation import clean_fields, cross_field_problems
from casefile.reference import iso_codes, party_status_events, statute_text
from casefile.services import audit, conflicts, labels, rules
from casefile.services.results import Changes, Deleted, Edited, RecordData
from casefile.storage import dialect, mapping, search_index
from casefile.storage.models import LinkRow, Record, table_of
from casefile.storage.types import utc_now

_records = table_of(Record)
_links = table_of(LinkRow)


def new_id() -> str:
    return str(uuid.uuid4())


def create(
    session: Session, kind: Kind | str, values: Mapping[str, Any], *, record_id: str | None = None
) -> RecordData:
    """Validate and add one record; the full-text index follows at once."""
    kind = Kind(kind)
    values = with_recorder(session, kind, values)
    cleaned = clean_fields(kind, with_library_defaults(kind, values), iso_codes=iso_codes(), complete=True)
    _check_reference_data(kind, cleaned)
    rules.check_references(session, kind, cleaned)
    rules.check_unique(session, kind, cleaned, exclude=None)
    record_id = record_id or new_id()
    if _exists(session, record_id):
        raise ValidationError.single("id", f"a record with id {record_id} already exists")
    now = utc_now()
    mapping.insert_records(session, kind, [(record_id, now, now, cleaned)])
    search_index.refresh(session, kind, [record_id])
    action = Action.LINK if kind == Kind.LINK else Action.CREATE
    audit.append(session, action, record_id, kind.value, {"values": cleaned})
    return RecordData(record_id, kind, cleaned, now, now)


def with_recorder(session: Session, kind: Kind, values: Mapping[str, Any]) -> Mapping[str, Any]:
    """A record with a "recorded by" field (a status correction, a precedent) names the analyst the audit names."""
    if "recorded_by" not in spec(kind).names or values.get("recorded_by"):
        return values
    return {**values, "recorded_by": audit.current_actor(session)}


def _check_reference_data(kind: Kind, values: Mapping[str, Any]) -> None:
    """A status correction must name one of its state's shipped events (unless it adds one)."""
    if kind == Kind.STATUS_CORRECTION and (problem := correction_problem(values, party_status_events())):
        raise ValidationError.single("event", problem)


def with_library_defaults(kind: Kind, values: Mapping[str, Any]) -> Mapping[str, Any]:
    """What the shipped library knows, for fields the analyst left empty.

    An organisation that does not say whether it is an ICC organ is one when the shipped list names it;
    a Rome Statute article gets its title and its words down to the paragraph named (87(7): paragraph 7).
    """
    if kind == Kind.ORGANISATION and values.get("icc_organ") is None:
        return {**values, "icc_organ": is_listed_icc_organ(str(values.get("name") or ""))}
    if kind == Kind.ARTICLE and (values.get("instrument") or ROME_STATUTE) == ROME_STATUTE:
        return _with_statute_words(values)
    return values


def _with_statute_words(values: Mapping[str, Any]) -> Mapping[str, Any]:
    try:
        words = statute_text(str(values.get("number") or ""))
    except ValidationError:
        return values  # the number itself is refused by the field check, with its own message
    if words is None:
        return values
    filled = dict(values)
    filled["title"] = values.get("title") or words.title
    filled["text"] = values.get("text") or words.text
    return filled


def get(session: Session, record_id: str, *, include_deleted: bool = False) -> RecordData:
    row = session.execute(
        select(_records.c.kind, _records.c.created_at, _records.c.updated_at, _records.c.deleted_at).where(
            _records.c.id == record_id
        )
    ).first()
    if row is None or (row.deleted_at is not None and not include_deleted):
        raise RecordNotFound(f"No record with id {record_id} in this case.")
    kind = Kind(row.kind)
    values = mapping.read_values(session, kind, [record_id])[record_id]
    return RecordData(record_id, kind, values, row.created_at, row.updated_at)


def list_records(session: Session, kind: Kind | str) -> list[RecordData]:
    """Every live record of a kind, oldest first. For small kinds and exports, not for 100k tables."""
    kind = Kind(kind)
    stamps = {
        r.id: (r.created_at, r.updated_at)
        for r in session.execute(
            select(_records.c.id, _records.c.created_at, _records.c.updated_at).where(
                _records.c.kind == kind.value, _records.c.deleted_at.is_(None)
            )
        )
    }
    return [
        RecordData(rid, kind, values, *stamps[rid])
        for rid, values in mapping.read_values(session, kind).items()
        if rid in stamps
    ]


def update_fields(
    session: Session, record_id: str, values: Mapping[str, Any], *, expected: Mapping[str, Any] | None = None
) -> RecordData:
    """Change some fields of a record; the rest stay as they are.

    `expected` holds the values the person saw when they began the edit. If someone else has since changed
    one of those fields to something else, nothing is written and EditConflict says who, when, and both
    values: on a server case two analysts saving the same field never silently overwrite each other.
    """
    return _update(session, record_id, values, expected)[0]


def edit(
    session: Session, record_id: str, values: Mapping[str, Any], *, expected: Mapping[str, Any] | None = None
) -> Edited:
    """Change some fields of a record (as update_fields), and say what that changed: the record, and the
    records whose label shows its name (a visit is "Vladimir Putin in Mongolia") when the edit renamed it."""
    before = labels.labels(session, [record_id]).get(record_id)
    record, cleaned, referrers = _update(session, record_id, values, expected)
    after = labels.labels(session, [record_id])[record_id].text
    updated: dict[Kind, frozenset[str]] = {record.kind: frozenset([record_id])}
    if before is None or before.text != after:
        for kind, ids in referrers.items():
            updated[kind] = updated.get(kind, frozenset()) | frozenset(ids)
    changes = Changes(updated=updated, fields={record_id: frozenset(cleaned)})
    return Edited(record, after, changes)


def edit_many(session: Session, record_ids: Sequence[str], values: Mapping[str, Any]) -> Changes:
    """The same fields set on several records, in the caller's one transaction: all or none.

    A record that refuses the value (a last day before its first) is named in the error, so the
    analyst knows which of the selection to look at.
    """
    return edit_each(session, {record_id: values for record_id in record_ids})


def edit_each(session: Session, values_by_id: Mapping[str, Mapping[str, Any]]) -> Changes:
    """Each record's own new values (undoing a "Set field" puts back each one's old value), all or none."""
    reports = []
    for record_id, values in values_by_id.items():
        try:
            reports.append(edit(session, record_id, values).changes)
        except ValidationError as exc:
            name = labels.labels(session, [record_id]).get(record_id)
            named = name.text if name else "a record"
            raise ValidationError([FieldProblem(p.field, f"{named}: {p.message}") for p in exc.problems]) from exc
    return Changes.joined(reports)


def _update(
    session: Session, record_id: str, values: Mapping[str, Any], expected: Mapping[str, Any] | None
) -> tuple[RecordData, Mapping[str, Any], dict[Kind, list[str]]]:
    _lock(session, record_id)
    current = get(session, record_id)
    if expected is not None:
        conflicts.refuse_lost_update(session, current, values, expected)
    cleaned = clean_fields(current.kind, values, iso_codes=iso_codes(), complete=False)
    merged = {**current.values, **cleaned}
    problems = cross_field_problems(current.kind, merged)
    if problems:
        raise ValidationError(problems)
    _check_reference_data(current.kind, merged)
    rules.check_references(session, current.kind, cleaned)
    rules.check_unique(session, current.kind, merged, exclude=record_id)
    now = utc_now()
    mapping.update_record(session, current.kind, record_id, cleaned, now)
    search_index.refresh(session, current.kind, [record_id])
    referrers = search_index.refresh_referrers(session, current.kind, record_id)
    _log_edit(session, current, merged, cleaned)
    return RecordData(record_id, current.kind, merged, current.created, now), cleaned, referrers


def _log_edit(session: Session, current: RecordData, merged: Mapping[str, Any], edited: Iterable[str]) -> None:
    changes = {
        name: {"before": current.values.get(name), "after": merged[name]}
        for name in edited
        if current.values.get(name) != merged[name]
    }
    if changes:  # saving a form with nothing changed is not a change
        audit.append(session, Action.EDIT, current.id, current.kind.value, {"changes": changes})


def delete(session: Session, record_id: str) -> Deleted:
    """Soft-delete a record and the links that touch it, so undo can restore them all."""
    current = get(session, record_id)
    if current.kind == Kind.CASE:
        raise ValidationError.single("", "The case itself cannot be deleted; delete the file instead.")
    rules.check_not_referenced(session, current)
    link_ids = tuple(_live_links_touching(session, record_id))
    now = utc_now()
    ids = [record_id, *link_ids]
    session.execute(
        update(_records).where(_records.c.id.in_(bindparam("ids", expanding=True))).values(deleted_at=now),
        {"ids": ids},
    )
    search_index.refresh(session, current.kind, [record_id])
    search_index.refresh(session, Kind.LINK, link_ids)
    _log_delete(session, current, link_ids)
    return Deleted(record_id, current.kind, link_ids, now)


def _log_delete(session: Session, current: RecordData, link_ids: tuple[str, ...]) -> None:
    action = Action.UNLINK if current.kind == Kind.LINK else Action.DELETE
    audit.append(session, action, current.id, current.kind.value, {"values": current.values, "links": list(link_ids)})
    # Each link that went with it gets its own row, so the link's history shows it too.
    for link_id, values in mapping.read_values(session, Kind.LINK, list(link_ids)).items():
        audit.append(session, Action.UNLINK, link_id, Kind.LINK.value, {"values": values, "with": current.id})


def restore(session: Session, deleted: Deleted) -> None:
    """Undo a delete: the record and the links that went with it come back, with the same ids."""
    ids = [deleted.id, *deleted.link_ids]
    session.execute(
        update(_records).where(_records.c.id.in_(bindparam("ids", expanding=True))).values(deleted_at=None),
        {"ids": ids},
    )
    search_index.refresh(session, deleted.kind, [deleted.id])
    search_index.refresh(session, Kind.LINK, deleted.link_ids)
    audit.append(session, Action.RESTORE, deleted.id, deleted.kind.value, {"links": list(deleted.link_ids)})
    for link_id in deleted.link_ids:
        audit.append(session, Action.RESTORE, link_id, Kind.LINK.value, {"with": deleted.id})


def _live_links_touching(session: Session, record_id: str) -> Iterable[str]:
    query = (
        select(_links.c.id)
        .join(_records, _records.c.id == _links.c.id)
        .where(or_(_links.c.from_id == record_id, _links.c.to_id == record_id), _records.c.deleted_at.is_(None))
        .order_by(_records.c.seq)
    )
    return session.execute(query).scalars()


def _lock(session: Session, record_id: str) -> None:
    """On a server case, hold the record's row until commit, so no other save passes the version check meanwhile.

    A case file needs no such statement: SQLite lets one writer at a time in.
    """
    if dialect.on_server(session):
        session.execute(select(_records.c.seq).where(_records.c.id == record_id).with_for_update())


def _exists(session: Session, record_id: str) -> bool:
    return session.execute(select(_records.c.seq).where(_records.c.id == record_id)).first() is not None


def bulk_create(session: Session, kind: Kind | str, items: Iterable[Mapping[str, Any]]) -> list[str]:
    """Validate and insert many records at once, leaving the index for a later rebuild().

    References may point at records created earlier in the same session. Every bad item is
    reported in one ValidationError, by its position.
    """
    kind = Kind(kind)
    problems: list[FieldProblem] = []
    cleaned: list[dict[str, Any]] = []
    codes = iso_codes()
    for index, values in enumerate(items):
        try:
            cleaned.append(clean_fields(kind, with_library_defaults(kind, values), iso_codes=codes, complete=True))
        except ValidationError as exc:
            problems += [FieldProblem(f"[{index}].{p.field}", p.message) for p in exc.problems]
    if problems:
        raise ValidationError(problems)
    return insert_cleaned(session, kind, cleaned, [new_id() for _ in cleaned])


def insert_cleaned(
    session: Session, kind: Kind, cleaned: Sequence[Mapping[str, Any]], record_ids: Sequence[str]
) -> list[str]:
    """Insert values clean_fields already returned, under ids the caller has checked are free.

    For an import that validated every row to show the analyst a plan: validating 100,000 rows
    a second time would double its cost. References are still checked here, against the case.
    """
    rules.check_references_bulk(session, kind, cleaned)
    now = utc_now()
    rows = [(rid, now, now, values) for rid, values in zip(record_ids, cleaned, strict=True)]
    mapping.insert_records(session, kind, rows)
    if rows:  # one summary row per load: a row per record would slow a 100k import for no reader's benefit
        summary = {"count": len(rows), "first": rows[0][0], "last": rows[-1][0]}
        audit.append(session, Action.BULK_CREATE, None, kind.value, summary)
    return list(record_ids)


def rebuild_search_index(session: Session) -> None:
    search_index.rebuild(session)


def ref_fields(kind: Kind) -> list[str]:
    return [f.name for f in spec(kind).fields if f.type in (FieldType.REF, FieldType.REFS)]
