"""Rules that need the database: references must resolve, some values must be unique."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from casefile.domain.errors import FieldProblem, ValidationError
from casefile.domain.kinds import FieldSpec, FieldType, Kind, spec
from casefile.services.results import RecordData
from casefile.storage.mapping import column_name, table_for
from casefile.storage.models import ArticleRow, Record, StateRow, WarrantArticleRow, table_of

_records = table_of(Record)


def _ref_specs(kind: Kind) -> list[FieldSpec]:
    return [f for f in spec(kind).fields if f.type in (FieldType.REF, FieldType.REFS)]


def _ids_of(field: FieldSpec, values: Mapping[str, Any]) -> list[str]:
    value = values.get(field.name)
    if not value:
        return []
    return list(value) if field.type == FieldType.REFS else [value]


def _lookup(session: Session, ids: Iterable[str]) -> dict[str, tuple[str, bool]]:
    """id -> (kind, is_deleted) for the ids that exist."""
    wanted = sorted(set(ids))
    found: dict[str, tuple[str, bool]] = {}
    for start in range(0, len(wanted), 900):
        query = select(_records.c.id, _records.c.kind, _records.c.deleted_at).where(
            _records.c.id.in_(bindparam("ids", expanding=True))
        )
        for rid, kind, deleted in session.execute(query, {"ids": wanted[start : start + 900]}):
            found[rid] = (kind, deleted is not None)
    return found


def check_references(session: Session, kind: Kind, values: Mapping[str, Any]) -> None:
    check_references_bulk(session, kind, [values], positional=False)


def check_references_bulk(
    session: Session, kind: Kind, items: Sequence[Mapping[str, Any]], *, positional: bool = True
) -> None:
    fields = _ref_specs(kind)
    found = _lookup(session, (i for values in items for f in fields for i in _ids_of(f, values)))
    problems = []
    for index, values in enumerate(items):
        prefix = f"[{index}]." if positional else ""
        for field in fields:
            for ref in _ids_of(field, values):
                message = _ref_problem(field, ref, found.get(ref))
                if message:
                    problems.append(FieldProblem(prefix + field.name, message))
    if problems:
        raise ValidationError(problems)


def _ref_problem(field: FieldSpec, ref: str, found: tuple[str, bool] | None) -> str | None:
    if found is None:
        return f"there is no record with id {ref}"
    kind, deleted = found
    if deleted:
        return f"the {kind} {ref} has been deleted"
    if kind == Kind.CASE.value:
        return "the case itself cannot be linked"
    if field.ref_kinds and kind not in {k.value for k in field.ref_kinds}:
        wanted = " or ".join(spec(k).label.lower() for k in field.ref_kinds)
        return f"{field.label} must be a {wanted}, not a {spec(kind).label.lower()}"
    return None


def check_unique(session: Session, kind: Kind, values: Mapping[str, Any], exclude: str | None) -> None:
    if kind == Kind.ARTICLE:
        table = table_of(ArticleRow)
        clash = (table.c.instrument == values["instrument"]) & (table.c.number == values["number"])
        message = f"Art. {values['number']} of the {values['instrument']} is already in this case"
        _refuse_clash(session, table, clash, exclude, FieldProblem("number", message))
    elif kind == Kind.STATE:
        table = table_of(StateRow)
        message = f"a state with code {values['iso2']} is already in this case"
        _refuse_clash(session, table, table.c.iso2 == values["iso2"], exclude, FieldProblem("iso2", message))


def _refuse_clash(session: Session, table: Any, clash: Any, exclude: str | None, problem: FieldProblem) -> None:
    query = select(table.c.id).join(_records, _records.c.id == table.c.id).where(clash, _records.c.deleted_at.is_(None))
    if exclude:
        query = query.where(table.c.id != exclude)
    if session.execute(query.limit(1)).first() is not None:
        raise ValidationError(problem)


def check_not_referenced(session: Session, record: RecordData) -> None:
    """Refuse to delete a record that other live records still name in their fields."""
    uses: Counter[str] = Counter()
    for kind in Kind:
        for field in _ref_specs(kind):
            count = _count_uses(session, kind, field, record.id)
            if count:
                uses[f"the {field.label.lower()} of {count} {_plural(kind, count)}"] += count
    if uses:
        listing = ", ".join(uses)
        raise ValidationError.single(
            "", f"This {record.kind.value} is still {listing}. Change or delete those first; links go with it."
        )


def _count_uses(session: Session, kind: Kind, field: FieldSpec, record_id: str) -> int:
    if field.type == FieldType.REFS:
        table = table_of(WarrantArticleRow)
        query = select(func.count()).select_from(table).join(_records, _records.c.id == table.c.warrant_id)
        query = query.where(table.c.article_id == record_id)
    else:
        table = table_for(kind)
        query = select(func.count()).select_from(table).join(_records, _records.c.id == table.c.id)
        query = query.where(table.c[column_name(field)] == record_id)
        if kind == Kind.LINK and field.name in ("from", "to"):
            return 0  # links are deleted along with the record, not a reason to refuse
    return int(session.execute(query.where(_records.c.deleted_at.is_(None))).scalar_one())


def _plural(kind: Kind, count: int) -> str:
    return spec(kind).label.lower() if count == 1 else spec(kind).plural.lower()
