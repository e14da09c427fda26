"""Sources in and out as CSL-JSON (Zotero): what an import would do, then doing exactly that.

An import is planned first, from the whole file, without writing; the plan says which items are
new, which are already in the case (by id, URL, or title and date), which differ from the case's
copy, which outlets it would create, and every problem with its item number. Nothing is written
while any problem remains, and an item that differs from the case's copy never overwrites it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile.domain import csl
from casefile.domain.audit import Action
from casefile.domain.errors import FieldProblem, ValidationError
from casefile.domain.kinds import Kind, spec
from casefile.domain.text import fold_for_match
from casefile.domain.validation import clean_fields
from casefile.reference import iso_codes
from casefile.services import audit, records
from casefile.services.results import RecordData
from casefile.storage.models import Record, table_of

OUTLET_KIND = "outlet"


def export_items(session: Session) -> list[dict[str, object]]:
    """Every live source as a CSL item, in a stable order (title, then id)."""
    sources = records.list_records(session, Kind.SOURCE)
    outlets = {o.id: o.values.get("name") for o in records.list_records(session, Kind.ORGANISATION)}
    ordered = sorted(sources, key=lambda s: (fold_for_match(str(s.values.get("title") or "")), s.id))
    return [csl.to_item(s.id, s.values, outlets.get(s.values.get("outlet") or "")) for s in ordered]


@dataclass(frozen=True)
class NewSource:
    item: csl.CslSource
    record_id: str
    outlet_id: str | None  # None with an outlet name: the outlet is created on import


@dataclass(frozen=True)
class Matched:
    item: csl.CslSource
    record_id: str
    how: str  # "id", "URL" or "title and date"
    differs: tuple[str, ...]  # the labels of the fields whose values differ from the case's copy


@dataclass(frozen=True)
class CslPlan:
    new: tuple[NewSource, ...]
    matched: tuple[Matched, ...]
    outlets_to_create: tuple[str, ...]
    remarks: tuple[str, ...]
    problems: tuple[str, ...]

    @property
    def differing(self) -> tuple[Matched, ...]:
        return tuple(m for m in self.matched if m.differs)

    def summary(self) -> list[str]:
        """What the import does beyond adding the new sources, in lines a person reads before saying yes."""
        lines = []
        if self.outlets_to_create:
            names = ", ".join(f"'{n}'" for n in self.outlets_to_create)
            lines.append(f"Outlets to create as organisations: {names}.")
        same = len(self.matched) - len(self.differing)
        if same:
            lines.append(f"{same} already in the case, unchanged: left as they are.")
        for m in self.differing:
            lines.append(
                f"Item {m.item.index} ('{m.item.values['title']}') matches a source of the case by {m.how} "
                f"but differs in {', '.join(m.differs)}: the case's copy is kept."
            )
        lines += [f"Note: {r}" for r in self.remarks]
        return lines


def plan_import(session: Session, items: Sequence[csl.CslSource]) -> CslPlan:
    sources = records.list_records(session, Kind.SOURCE)
    organisations = records.list_records(session, Kind.ORGANISATION)
    names = {o.id: str(o.values.get("name") or "") for o in organisations}
    outlets = _outlets_by_name(organisations)
    taken = _all_ids(session)
    new: list[NewSource] = []
    matched: list[Matched] = []
    to_create: dict[str, str] = {}
    remarks: list[str] = []
    problems: list[str] = []
    seen_ids: set[str] = set()
    for item in items:
        remarks += [f"item {item.index}: {r}" for r in item.remarks]
        if item.csl_id and item.csl_id in seen_ids:
            problems.append(f"item {item.index}: the id '{item.csl_id}' is used by an earlier item of the file")
            continue
        seen_ids.add(item.csl_id)
        outlet_id, outlet_problem = _outlet(item, outlets, to_create)
        if outlet_problem:
            problems.append(outlet_problem)
            continue
        values = {**item.values, "outlet": outlet_id}
        if found := _match(item, sources):
            existing, how = found
            matched.append(Matched(item, existing.id, how, _differences(existing, item, names)))
            continue
        problems += _field_problems(item, values)
        record_id = item.csl_id if _usable_id(item.csl_id, taken) else str(uuid.uuid4())
        taken.add(record_id)
        new.append(NewSource(item, record_id, outlet_id))
    needed = {n.item.outlet for n in new if n.outlet_id is None and n.item.outlet}
    creating = tuple(name for key, name in to_create.items() if name in needed and key)
    return CslPlan(tuple(new), tuple(matched), creating, tuple(remarks), tuple(problems))


def apply_import(session: Session, plan: CslPlan, file_name: str) -> list[str]:
    """Write the plan: outlets first, then the sources. Returns the ids created, outlets included."""
    if plan.problems:
        raise ValidationError(
            [FieldProblem("", p) for p in plan.problems], "Correct the file or the case; nothing was imported."
        )
    created: list[str] = []
    outlet_ids: dict[str, str] = {}
    for name in plan.outlets_to_create:
        outlet = records.create(session, Kind.ORGANISATION, {"name": name, "kind": OUTLET_KIND})
        outlet_ids[fold_for_match(name)] = outlet.id
        created.append(outlet.id)
    for planned in plan.new:
        outlet_id = planned.outlet_id
        if outlet_id is None and planned.item.outlet:
            outlet_id = outlet_ids[fold_for_match(planned.item.outlet)]
        values = {**planned.item.values, "outlet": outlet_id}
        created.append(records.create(session, Kind.SOURCE, values, record_id=planned.record_id).id)
    audit.append(
        session,
        Action.IMPORT,
        detail={"format": "csl-json", "file": file_name, "sources": len(plan.new), "outlets": len(outlet_ids)},
    )
    return created


def _outlets_by_name(organisations: list[RecordData]) -> dict[str, list[str]]:
    by_name: dict[str, list[str]] = {}
    for org in organisations:
        by_name.setdefault(fold_for_match(str(org.values.get("name") or "")), []).append(org.id)
    return by_name


def _outlet(item: csl.CslSource, outlets: dict[str, list[str]], to_create: dict[str, str]) -> tuple[str | None, str]:
    if not item.outlet:
        return None, ""
    key = fold_for_match(item.outlet)
    ids = outlets.get(key, [])
    if len(ids) > 1:
        return None, (
            f"item {item.index}: {len(ids)} organisations of the case are named '{item.outlet}'; "
            "rename or merge them so the outlet is clear, then import again"
        )
    if ids:
        return ids[0], ""
    to_create.setdefault(key, item.outlet)
    return None, ""


def _match(item: csl.CslSource, sources: list[RecordData]) -> tuple[RecordData, str] | None:
    for source in sources:
        if item.csl_id and source.id == item.csl_id:
            return source, "id"
    url = item.values.get("url")
    for source in sources:
        if url and source.values.get("url") == url:
            return source, "URL"
    title = fold_for_match(str(item.values["title"]))
    for source in sources:
        same_title = fold_for_match(str(source.values.get("title") or "")) == title
        if same_title and source.values.get("published") == item.values.get("published"):
            return source, "title and date"
    return None


def _differences(existing: RecordData, item: csl.CslSource, outlet_names: dict[str, str]) -> tuple[str, ...]:
    """The fields CSL carries whose value differs; the grade and other fields CSL lacks are not compared."""
    kind_spec = spec(Kind.SOURCE)
    compared = ("kind", "title", "author", "url", "published", "accessed", "language", "notes")
    values = item.values
    differs = [
        kind_spec.field(n).label for n in compared if (existing.values.get(n) or None) != (values.get(n) or None)
    ]
    outlet = outlet_names.get(str(existing.values.get("outlet") or ""), "")
    if fold_for_match(outlet) != fold_for_match(item.outlet or ""):
        differs.append(kind_spec.field("outlet").label)
    return tuple(differs)


def _field_problems(item: csl.CslSource, values: dict[str, object]) -> list[str]:
    try:
        clean_fields(Kind.SOURCE, values, iso_codes=iso_codes(), complete=True)
    except ValidationError as exc:
        return [f"item {item.index}: {p}" for p in exc.problems]
    return []


def _all_ids(session: Session) -> set[str]:
    # Every record of every kind, deleted ones too: an id is never reused.
    return set(session.scalars(select(table_of(Record).c.id)))


def _usable_id(csl_id: str, taken: set[str]) -> bool:
    # Keeping our own ids lets a second import of the same file find what the first one added.
    try:
        return str(uuid.UUID(csl_id)) == csl_id and csl_id not in taken
    except ValueError:
        return False
