"""Importing one kind of record from a spreadsheet: plan from the whole sheet, then apply exactly that.

The plan resolves every reference by name (or id) against the case, lists what is missing or
ambiguous instead of guessing, matches rows to existing records by id, and flags rows that look
like records already in the case so the analyst chooses (skip them, or add them anyway). Nothing
is written while any problem remains.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile.domain import table_import as domain
from casefile.domain.audit import Action
from casefile.domain.errors import FieldProblem, ValidationError
from casefile.domain.kinds import RECORD_KINDS, FieldSpec, FieldType, Kind, spec
from casefile.domain.text import fold_for_match
from casefile.domain.validation import clean_fields
from casefile.reference import iso_codes
from casefile.services import audit, records
from casefile.services.labels import labels
from casefile.storage.models import Record, table_of

_records = table_of(Record)


class Duplicates(StrEnum):
    ASK = "ask"  # stop and list them: the analyst decides
    SKIP = "skip"
    ADD = "add"


@dataclass(frozen=True)
class NewRow:
    number: int
    record_id: str
    values: dict[str, Any]


@dataclass(frozen=True)
class ChangedRow:
    number: int
    record_id: str
    values: dict[str, Any]  # only the fields that change
    labels: tuple[str, ...]


@dataclass(frozen=True)
class LookAlike:
    number: int
    label: str
    existing_id: str


@dataclass(frozen=True)
class TablePlan:
    kind: Kind
    new: tuple[NewRow, ...]
    changed: tuple[ChangedRow, ...]
    unchanged: int
    look_alikes: tuple[LookAlike, ...]  # rows that name a record the case already has
    skipped: tuple[LookAlike, ...]  # look-alikes left out because the analyst said so
    problems: tuple[str, ...]  # "row 7: Person: no person named 'Vladimir Poutine' in the case"

    def summary(self) -> list[str]:
        kind_spec = spec(self.kind)
        noun = kind_spec.label.lower() if len(self.new) == 1 else kind_spec.plural.lower()
        lines = [f"{len(self.new)} new {noun} to add, {len(self.changed)} to change, {self.unchanged} unchanged."]
        lines += [f"Row {c.number}: changes {', '.join(c.labels)}." for c in self.changed[:50]]
        lines += [f"Row {s.number}: skipped, the case already has '{s.label}'." for s in self.skipped[:50]]
        return lines

    @property
    def blocked(self) -> tuple[str, ...]:
        """Every reason not to write: problems, and look-alikes nobody has decided about."""
        waiting = tuple(
            f"row {a.number}: the case already has '{a.label}'; choose to skip such rows or add them anyway"
            for a in self.look_alikes
        )
        return self.problems + waiting


def plan(
    session: Session,
    kind: Kind,
    rows: Sequence[tuple[int, Sequence[str]]],
    mapping: Mapping[int, str],
    headers: Sequence[str],
    duplicates: Duplicates = Duplicates.ASK,
) -> TablePlan:
    domain.check_mapping(kind, mapping, headers)
    converted = domain.convert_rows(kind, rows, mapping)
    resolver = _Resolver(session, kind, {n for r in converted for n, texts in r.refs.items() if texts})
    existing = _existing_ids(session, kind, {r.record_id for r in converted if r.record_id})
    by_label = _labels_of_kind(session, kind) if any(not r.record_id or r.record_id not in existing
                                                     for r in converted) else {}  # fmt: skip
    new: list[NewRow] = []
    changed: list[ChangedRow] = []
    look_alikes: list[LookAlike] = []
    skipped: list[LookAlike] = []
    problems: list[str] = []
    unchanged = 0
    seen_ids: set[str] = set()
    codes = iso_codes()
    taken = _taken(session, {r.record_id for r in converted if r.record_id})
    unique_seen: dict[tuple[str, ...], int] = {k: 0 for k in _unique_keys_of_case(session, kind)}
    for row in converted:
        row_problems = list(row.problems)
        values = dict(row.values)
        for name, texts in row.refs.items():
            ids, ref_problems = resolver.resolve(spec(kind).field(name), texts)
            row_problems += ref_problems
            if ids is not None:
                values[name] = ids
        if row.record_id and row.record_id in seen_ids:
            row_problems.append(f"the id {row.record_id} is on an earlier row too")
        if row_problems:
            problems += [f"row {row.number}: {p}" for p in row_problems]
            continue
        if row.record_id:
            seen_ids.add(row.record_id)
        if row.record_id and row.record_id in existing:
            change = _change(session, kind, row.number, row.record_id, values, codes)
            if isinstance(change, str):
                problems.append(change)
            elif change is None:
                unchanged += 1
            else:
                changed.append(change)
            continue
        try:
            cleaned = clean_fields(kind, records.with_library_defaults(kind, values), iso_codes=codes, complete=True)
        except ValidationError as exc:
            problems += [f"row {row.number}: {_field_words(kind, p)}" for p in exc.problems]
            continue
        label = _label_of(kind, cleaned)
        if label and by_label and (match := by_label.get(fold_for_match(label))):
            alike = LookAlike(row.number, label, match)
            if duplicates == Duplicates.SKIP:
                skipped.append(alike)
                continue
            if duplicates == Duplicates.ASK:
                look_alikes.append(alike)
                continue
        key = _unique_key(kind, cleaned)
        if key is not None and key in unique_seen:
            where = f"is on row {unique_seen[key]} too" if unique_seen[key] else "is already in the case"
            problems.append(f"row {row.number}: '{label}' {where}; it can be there only once")
            continue
        if key is not None:
            unique_seen[key] = row.number
        new.append(NewRow(row.number, _new_id(row.record_id, taken), cleaned))
    return TablePlan(kind, tuple(new), tuple(changed), unchanged, tuple(look_alikes), tuple(skipped), tuple(problems))


def apply(session: Session, plan: TablePlan, file_name: str) -> list[str]:
    """Write the plan in the caller's unit of work; returns the ids created."""
    if plan.blocked:
        raise ValidationError([FieldProblem("", p) for p in plan.blocked], "Nothing was imported.")
    created = records.insert_cleaned(session, plan.kind, [r.values for r in plan.new], [r.record_id for r in plan.new])
    for change in plan.changed:
        records.update_fields(session, change.record_id, change.values)
    if created:
        records.rebuild_search_index(session)
    detail = {"format": "table", "file": file_name, "kind": plan.kind.value, "added": len(created),
              "changed": len(plan.changed)}  # fmt: skip
    audit.append(session, Action.IMPORT, detail=detail)
    return created


class _Resolver:
    """Names (or ids) of records, as an analyst writes them in a sheet, to the ids of the case."""

    def __init__(self, session: Session, kind: Kind, fields: set[str]) -> None:
        self._session = session
        kinds: set[Kind] = set()
        for name in fields:
            f = spec(kind).field(name)
            kinds |= set(f.ref_kinds or RECORD_KINDS)
        self._index: dict[str, list[tuple[str, Kind]]] = {}
        self._ids: dict[str, Kind] = {}
        for ref_kind in kinds:
            for record_id, texts in _names(session, ref_kind).items():
                self._ids[record_id] = ref_kind
                for text in texts:
                    bucket = self._index.setdefault(fold_for_match(text), [])
                    if (record_id, ref_kind) not in bucket:
                        bucket.append((record_id, ref_kind))

    def resolve(self, f: FieldSpec, texts: list[str]) -> tuple[Any, list[str]]:
        allowed = set(f.ref_kinds or RECORD_KINDS)
        ids: list[str] = []
        problems: list[str] = []
        for text in texts:
            if self._ids.get(text) in allowed:
                ids.append(text)
                continue
            found = [(rid, k) for rid, k in self._index.get(fold_for_match(_bare(text)), []) if k in allowed]
            what = " or ".join(spec(k).label.lower() for k in sorted(allowed, key=RECORD_KINDS.index))
            if not found:
                problems.append(f"{f.label}: the case has no {what} named '{text}'; add it first, or correct the name")
            elif len(found) > 1:
                problems.append(f"{f.label}: {len(found)} records of the case are named '{text}'; write the id instead")
            else:
                ids.append(found[0][0])
        if problems:
            return None, problems
        if f.type == FieldType.REFS:
            return ids, []
        return (ids[0] if ids else None), []


def _bare(text: str) -> str:
    # "Art. 87(7)" and "87(7)" name the same article.
    return text[5:].strip() if fold_for_match(text).startswith("art. ") else text


def _names(session: Session, kind: Kind) -> dict[str, list[str]]:
    """Every live record of a kind with the texts that name it: its label, and for a person the
    original script and aliases, for a state its ISO code, for an article its bare number."""
    ids = list(session.scalars(select(_records.c.id).where(_records.c.kind == kind.value,
                                                           _records.c.deleted_at.is_(None))))  # fmt: skip
    named = {rid: [label.text] for rid, label in labels(session, ids).items()}
    if kind in (Kind.PERSON, Kind.STATE, Kind.ARTICLE):
        for record in records.list_records(session, kind):
            v = record.values
            extra = [v.get("original_name"), *(v.get("aliases") or []), v.get("iso2"), v.get("number")]
            named.setdefault(record.id, []).extend(str(x) for x in extra if x)
    return named


def _labels_of_kind(session: Session, kind: Kind) -> dict[str, str]:
    ids = list(session.scalars(select(_records.c.id).where(_records.c.kind == kind.value,
                                                           _records.c.deleted_at.is_(None))))  # fmt: skip
    return {fold_for_match(label.text): rid for rid, label in labels(session, ids).items()}


def _label_of(kind: Kind, values: Mapping[str, Any]) -> str | None:
    """The label a new record would have, for kinds named by their own fields (a person, a source, an article).

    Warrants, visits and links are named after other records, and quotes and corrections have no name
    of their own to type: no look-alike check for them.
    """
    kind_spec = spec(kind)
    naming = kind_spec.naming
    if kind_spec.name_field is None or not values.get(kind_spec.name_field):
        return None
    if any(kind_spec.field(name).type == FieldType.REF for name in naming.fields):
        return None
    return naming.text({name: values.get(name) for name in naming.fields}, str)


def _existing_ids(session: Session, kind: Kind, ids: set[str]) -> set[str]:
    if not ids:
        return set()
    query = select(_records.c.id).where(_records.c.kind == kind.value, _records.c.deleted_at.is_(None))
    return {rid for rid in session.scalars(query) if rid in ids}


def _change(
    session: Session, kind: Kind, number: int, record_id: str, values: dict[str, Any], codes: Any
) -> ChangedRow | str | None:
    current = records.get(session, record_id)
    try:
        cleaned = clean_fields(kind, values, iso_codes=codes, complete=False)
    except ValidationError as exc:
        return f"row {number}: " + "; ".join(_field_words(kind, p) for p in exc.problems)
    different = {n: v for n, v in cleaned.items() if (current.values.get(n) or None) != (v or None)}
    if not different:
        return None
    return ChangedRow(number, record_id, different, tuple(spec(kind).field(n).label for n in different))


def _field_words(kind: Kind, problem: FieldProblem) -> str:
    names = spec(kind).names
    if problem.field in names:
        return f"{spec(kind).field(problem.field).label}: {problem.message}"
    return problem.message


def _new_id(wanted: str | None, taken: set[str]) -> str:
    # An id from the sheet is kept when it is a UUID the case does not use, so a second import finds it.
    if wanted and wanted not in taken:
        try:
            if str(uuid.UUID(wanted)) == wanted:
                taken.add(wanted)
                return wanted
        except ValueError:
            pass
    return records.new_id()


def _taken(session: Session, ids: set[str]) -> set[str]:
    """Which of these ids any record of the case has, of any kind, deleted ones too."""
    wanted = sorted(ids)
    found: set[str] = set()
    for start in range(0, len(wanted), 900):
        chunk = wanted[start : start + 900]
        found |= set(session.scalars(select(_records.c.id).where(_records.c.id.in_(chunk))))
    return found


def _unique_keys_of_case(session: Session, kind: Kind) -> list[tuple[str, ...]]:
    if kind not in (Kind.STATE, Kind.ARTICLE):
        return []
    return [k for r in records.list_records(session, kind) if (k := _unique_key(kind, r.values))]


def _unique_key(kind: Kind, values: Mapping[str, Any]) -> tuple[str, ...] | None:
    """What must be unique in a case: a state's ISO code, an instrument's article number."""
    if kind == Kind.STATE:
        return (str(values.get("iso2")),)
    if kind == Kind.ARTICLE:
        return (str(values.get("instrument")), str(values.get("number")))
    return None
