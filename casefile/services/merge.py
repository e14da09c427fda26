"""Merging a colleague's copy of a case into mine: plan it, then apply it with the person's choices.

plan_merge only reads. apply_merge writes in the caller's unit of work, so the whole merge is
one transaction: it commits whole or not at all. Records keep the ids and timestamps they have
in the other copy. A State or statute article that both copies added on their own (same code,
same article) is taken to be one record: theirs is not added, and their records that name it
are pointed at mine.

Keep both adds their version as a new record with a new id, created and updated when they
edited it, and a link "alternative version of" from it to my version.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select, text, update
from sqlalchemy.orm import Session

from casefile.domain.attachment_document import DocumentAttachment
from casefile.domain.case_document import CaseDocument, DocumentRecord, InvalidDocument, validate_document
from casefile.domain.errors import CasefileError, FieldProblem, ValidationError
from casefile.domain.kinds import RECORD_KINDS, FieldType, Kind, spec
from casefile.domain.merge import (
    ALTERNATIVE_LINK,
    Decision,
    KindCounts,
    Outcome,
    Resolution,
    Version,
    allows_both,
    classify,
    different_fields,
    merge_base,
)
from casefile.reference import iso_codes
from casefile.services import merge_audit, rules
from casefile.services.case import the_case
from casefile.services.labels import labels
from casefile.services.merge_attachments import AttachmentPlan, apply_attachments, plan_attachments
from casefile.services.results import Changes
from casefile.storage import dialect, mapping, search_index
from casefile.storage.models import ArticleRow, FileMetaRow, Record, StateRow, table_of
from casefile.storage.types import utc_now

_records = table_of(Record)
_meta = table_of(FileMetaRow)
_CHUNK = 900  # SQLite's limit on bound parameters
LAST_MERGE_KEY = "last_merge_at"


class MergeOutdated(CasefileError):
    """The case changed between planning a merge and applying it."""


@dataclass(frozen=True)
class _Mine:
    kind: Kind
    created: datetime
    updated: datetime
    deleted_at: datetime | None


@dataclass(frozen=True)
class MergeItem:
    id: str
    kind: Kind
    outcome: Outcome
    reason: str


@dataclass(frozen=True)
class MergeConflict:
    """One record changed in both copies, with both versions for the person to compare."""

    id: str
    kind: Kind
    label: str
    reason: str
    mine: Version
    theirs: Version
    differing: tuple[str, ...]  # names of the fields whose values differ

    @property
    def allows_both(self) -> bool:
        return allows_both(self.kind)


@dataclass(frozen=True)
class MergePlan:
    their_title: str
    items: tuple[MergeItem, ...]
    conflicts: tuple[MergeConflict, ...]
    incoming: Mapping[str, DocumentRecord]  # their records to write: added, updated, in conflict
    seen: Mapping[str, _Mine]  # my records as the plan saw them, to notice edits made meanwhile
    attachments: AttachmentPlan = field(default_factory=AttachmentPlan)
    their_attachments: Mapping[str, DocumentAttachment] = field(default_factory=dict)
    their_authors: Mapping[str, str | None] = field(default_factory=dict)  # record id -> who made it there

    def counts(self) -> dict[Kind, KindCounts]:
        result = {kind: KindCounts() for kind in (Kind.CASE, *RECORD_KINDS)}
        for item in self.items:
            result[item.kind].count(item.outcome)
        return result

    def ids(self, outcome: Outcome) -> list[str]:
        return [item.id for item in self.items if item.outcome == outcome]

    @property
    def has_changes(self) -> bool:
        return any(item.outcome != Outcome.SKIPPED for item in self.items) or self.attachments.has_changes


@dataclass(frozen=True)
class MergeResult:
    counts: dict[Kind, KindCounts]
    changes: Changes
    merged_at: datetime
    alternatives: dict[str, str] = field(default_factory=dict)  # my id -> id of their version kept beside it
    attachments_added: frozenset[str] = frozenset()


# -- planning ----------------------------------------------------------------------------------------


def plan_merge(
    session: Session,
    their_document: Mapping[str, Any] | CaseDocument,
    their_authors: Mapping[str, str | None] | None = None,
    *,
    since: datetime | None = None,
) -> MergePlan:
    """Compare their copy (a to_document dict, or one already validated) with mine; read only.

    `their_authors` (merge_audit.their_authors of their copy) names who made each of their records.
    `since` is when the two copies last agreed: by default the last merge into mine; a checked-out
    copy's sync gives the moment it last synced, since the server is merged into by every analyst.
    """
    document = _validated(their_document)
    duplicates = _duplicates(session, document)
    theirs = _remapped(document, duplicates)
    mine = _my_stamps(session, [r.id for r in theirs.values()])
    _refuse_kind_clashes(theirs, mine)
    my_values = _my_values(session, mine)
    last_merge = since if since is not None else last_merge_at(session)
    my_case = the_case(session).id
    items: list[MergeItem] = [
        MergeItem(old, theirs_kind, Outcome.SKIPPED, f"the same as your {theirs_kind.value} {new}")
        for old, (new, theirs_kind) in duplicates.items()
    ]
    incoming: dict[str, DocumentRecord] = {}
    pending: list[tuple[DocumentRecord, Version, Decision]] = []
    for record in theirs.values():
        if record.kind == Kind.CASE and record.id != my_case:
            items.append(MergeItem(record.id, Kind.CASE, Outcome.SKIPPED, "their case details belong to another case"))
            continue
        decision, mine_version = _decide(record, mine.get(record.id), my_values, last_merge)
        items.append(MergeItem(record.id, record.kind, decision.outcome, decision.reason))
        if decision.outcome != Outcome.SKIPPED:
            incoming[record.id] = record
        if decision.outcome == Outcome.CONFLICT and mine_version is not None:
            pending.append((record, mine_version, decision))
    return MergePlan(
        str(document.case.values.get("title") or ""),
        tuple(items),
        _conflicts(session, pending),
        incoming,
        {rid: mine[rid] for rid in incoming if rid in mine},
        plan_attachments(session, document.attachments),
        {a.id: a for a in document.attachments},
        dict(their_authors or {}),
    )


def _validated(document: Mapping[str, Any] | CaseDocument) -> CaseDocument:
    if isinstance(document, CaseDocument):
        return document
    try:
        return validate_document(document, iso_codes=iso_codes())
    except InvalidDocument as exc:
        shown = "; ".join(str(p) for p in exc.problems[:5])
        more = f" and {len(exc.problems) - 5} more" if len(exc.problems) > 5 else ""
        raise ValidationError(
            FieldProblem("", f"The copy to merge does not hold a consistent case: {shown}{more}."),
            "Ask the sender for a fresh copy; nothing was merged.",
        ) from None


def _decide(
    record: DocumentRecord, mine: _Mine | None, my_values: Mapping[str, dict[str, Any]], last_merge: datetime | None
) -> tuple[Decision, Version | None]:
    theirs = Version(record.updated, record.values)
    if mine is None:
        return classify(None, theirs, record.created), None
    version = Version(mine.updated, my_values[record.id], mine.deleted_at)
    return classify(version, theirs, merge_base(mine.created, last_merge)), version


def _conflicts(session: Session, pending: list[tuple[DocumentRecord, Version, Decision]]) -> tuple[MergeConflict, ...]:
    names = labels(session, [record.id for record, _, _ in pending])
    return tuple(
        MergeConflict(
            record.id,
            record.kind,
            names[record.id].text if record.id in names else record.id,
            decision.reason,
            mine,
            Version(record.updated, record.values),
            tuple(different_fields(spec(record.kind).names, mine.values, record.values)),
        )
        for record, mine, decision in pending
    )


def _my_stamps(session: Session, ids: list[str]) -> dict[str, _Mine]:
    query = select(
        _records.c.id, _records.c.kind, _records.c.created_at, _records.c.updated_at, _records.c.deleted_at
    ).where(_records.c.id.in_(bindparam("ids", expanding=True)))
    found: dict[str, _Mine] = {}
    for start in range(0, len(ids), _CHUNK):
        for rid, kind, created, updated, deleted in session.execute(query, {"ids": ids[start : start + _CHUNK]}):
            found[rid] = _Mine(Kind(kind), created, updated, deleted)
    return found


def _my_values(session: Session, mine: Mapping[str, _Mine]) -> dict[str, dict[str, Any]]:
    values: dict[str, dict[str, Any]] = {}
    for kind in Kind:
        ids = [rid for rid, m in mine.items() if m.kind == kind]
        for start in range(0, len(ids), _CHUNK):
            values.update(mapping.read_values(session, kind, ids[start : start + _CHUNK]))
    return values


def _refuse_kind_clashes(theirs: Mapping[str, DocumentRecord], mine: Mapping[str, _Mine]) -> None:
    # A UUID names one record for ever; the same id as two kinds means one copy was forged or broken.
    clashes = [
        FieldProblem(rid, f"it is a {record.kind.value} in their copy but a {mine[rid].kind.value} in yours")
        for rid, record in theirs.items()
        if rid in mine and mine[rid].kind != record.kind
    ]
    if clashes:
        raise ValidationError(clashes, "The two copies do not come from the same case; nothing was merged.")


# -- states and articles both copies added on their own ------------------------------------------------


def _duplicates(session: Session, document: CaseDocument) -> dict[str, tuple[str, Kind]]:
    """Their new State or article id -> (my id for the same State or article, kind)."""
    states = table_of(StateRow)
    articles = table_of(ArticleRow)
    live = _records.c.deleted_at.is_(None)
    my_states = {
        iso2: rid
        for iso2, rid in session.execute(
            select(states.c.iso2, states.c.id).join(_records, _records.c.id == states.c.id).where(live)
        )
    }
    my_articles = {
        (instrument, number): rid
        for instrument, number, rid in session.execute(
            select(articles.c.instrument, articles.c.number, articles.c.id)
            .join(_records, _records.c.id == articles.c.id)
            .where(live)
        )
    }
    found: dict[str, tuple[str, Kind]] = {}
    for record in document.records[Kind.STATE]:
        mine = my_states.get(record.values["iso2"])
        if mine is not None and mine != record.id:
            found[record.id] = (mine, Kind.STATE)
    for record in document.records[Kind.ARTICLE]:
        mine = my_articles.get((record.values["instrument"], record.values["number"]))
        if mine is not None and mine != record.id:
            found[record.id] = (mine, Kind.ARTICLE)
    return found


def _remapped(document: CaseDocument, duplicates: Mapping[str, tuple[str, Kind]]) -> dict[str, DocumentRecord]:
    """Their records by id, without the duplicates and with references to them pointed at mine."""
    to_mine = {old: new for old, (new, _) in duplicates.items()}
    result: dict[str, DocumentRecord] = {}
    for record in document.all_records():
        if record.id in to_mine:
            continue
        values = _redirect(record.kind, record.values, to_mine) if to_mine else record.values
        result[record.id] = replace(record, values=values) if values is not record.values else record
    return result


def _redirect(kind: Kind, values: dict[str, Any], to_mine: Mapping[str, str]) -> dict[str, Any]:
    changed = dict(values)
    for spec_field in spec(kind).fields:
        value = values.get(spec_field.name)
        if spec_field.type == FieldType.REF and isinstance(value, str) and value in to_mine:
            changed[spec_field.name] = to_mine[value]
        elif spec_field.type == FieldType.REFS and value:
            changed[spec_field.name] = [to_mine.get(v, v) for v in value]
    return changed if changed != values else values


# -- applying -----------------------------------------------------------------------------------------------


def apply_merge(session: Session, plan: MergePlan, choices: Mapping[str, Resolution]) -> MergeResult:
    """Write the plan with one choice per conflict, in the caller's transaction; never commits."""
    _require_choices(plan, choices)
    _require_unchanged(session, plan)
    # Their records may name records that come later in the same merge; keys are checked at commit.
    dialect.defer_foreign_keys(session)
    now = utc_now()
    added = _insert(session, [plan.incoming[rid] for rid in plan.ids(Outcome.ADDED)])
    take = plan.ids(Outcome.UPDATED) + [c.id for c in plan.conflicts if choices[c.id] == Resolution.THEIRS]
    updated = _overwrite(session, plan, take)
    both = [c for c in plan.conflicts if choices[c.id] == Resolution.BOTH]
    alternatives, beside = _keep_both(session, plan, both, now)
    for kind, ids in beside.items():
        added.setdefault(kind, set()).update(ids)
    _refresh_index(session, added, updated)
    written = {rid: ("added", plan.incoming[rid]) for rid in plan.ids(Outcome.ADDED)}
    written |= {rid: ("updated", plan.incoming[rid]) for rid in take}
    written |= {alternatives[c.id]: ("kept both", plan.incoming[c.id]) for c in both}
    merge_audit.log_merged(session, plan.their_title, written, plan.their_authors)
    attached = apply_attachments(session, plan.attachments, plan.their_attachments)
    _set_last_merge(session, now)
    counts = plan.counts()
    for conflict in plan.conflicts:
        resolved = counts[conflict.kind].resolved
        resolved[choices[conflict.id]] = resolved.get(choices[conflict.id], 0) + 1
    if attached:  # a source shows its attachments, so the sources that gained one are changed
        theirs = [*plan.attachments.added, *(plan.their_attachments[c.id] for c in plan.attachments.conflicts)]
        updated.setdefault(Kind.SOURCE, set()).update(a.source for a in theirs)
    changes = Changes(
        added={k: frozenset(v) for k, v in added.items()}, updated={k: frozenset(v) for k, v in updated.items()}
    )
    return MergeResult(counts, changes, now, alternatives, frozenset(attached))


def _require_choices(plan: MergePlan, choices: Mapping[str, Resolution]) -> None:
    problems = [
        FieldProblem(c.id, f"the {c.kind.value} '{c.label}' was changed in both copies; choose which to keep")
        for c in plan.conflicts
        if c.id not in choices
    ]
    problems += [
        FieldProblem(c.id, f"a case holds its {c.kind.value} '{c.label}' once; keep yours or theirs")
        for c in plan.conflicts
        if choices.get(c.id) == Resolution.BOTH and not c.allows_both
    ]
    if problems:
        raise ValidationError(problems, "Nothing was merged.")


def _require_unchanged(session: Session, plan: MergePlan) -> None:
    now_seen = _my_stamps(session, list(plan.incoming))
    added_meanwhile = [rid for rid in plan.ids(Outcome.ADDED) if rid in now_seen]
    edited_meanwhile = [rid for rid, seen in plan.seen.items() if now_seen.get(rid) != seen]
    if added_meanwhile or edited_meanwhile:
        raise MergeOutdated(
            f"The case changed while the merge was being prepared ({len(added_meanwhile) + len(edited_meanwhile)} "
            "records differ from what was compared).",
            "Nothing was merged. Start the merge again.",
        )


def _insert(session: Session, records: Iterable[DocumentRecord]) -> dict[Kind, set[str]]:
    by_kind: dict[Kind, list[DocumentRecord]] = {}
    for record in records:
        by_kind.setdefault(record.kind, []).append(record)
    for kind, items in by_kind.items():
        mapping.insert_records(session, kind, [(r.id, r.created, r.updated, r.values) for r in items])
    return {kind: {r.id for r in items} for kind, items in by_kind.items()}


def _overwrite(session: Session, plan: MergePlan, ids: list[str]) -> dict[Kind, set[str]]:
    """Their values replace mine; the record takes their edit time, so both copies agree afterwards."""
    done: dict[Kind, set[str]] = {}
    for rid in ids:
        record = plan.incoming[rid]
        if record.kind in (Kind.STATE, Kind.ARTICLE):
            rules.check_unique(session, record.kind, record.values, exclude=rid)
        mapping.update_record(session, record.kind, rid, record.values, record.updated)
        if plan.seen[rid].deleted_at is not None:
            session.execute(update(_records).where(_records.c.id == rid).values(deleted_at=None))
        done.setdefault(record.kind, set()).add(rid)
    return done


def _keep_both(
    session: Session, plan: MergePlan, conflicts: list[MergeConflict], now: datetime
) -> tuple[dict[str, str], dict[Kind, set[str]]]:
    """Their version beside mine under a new id; a link names it an alternative version of mine.

    Returns my id -> the new id, and the new records (links included) by kind.
    """
    alternatives: dict[str, str] = {}
    added: dict[Kind, set[str]] = {}
    links = []
    for conflict in conflicts:
        record = plan.incoming[conflict.id]
        new_id = str(uuid.uuid4())
        mapping.insert_records(session, record.kind, [(new_id, record.created, record.updated, record.values)])
        alternatives[conflict.id] = new_id
        added.setdefault(record.kind, set()).add(new_id)
        if conflict.mine.deleted_at is None:  # a link to a deleted record would never show
            values = {"from": new_id, "to": conflict.id, "kind": ALTERNATIVE_LINK, "note": None, "date": None,
                      "source": None}  # fmt: skip
            links.append((str(uuid.uuid4()), now, now, values))
    mapping.insert_records(session, Kind.LINK, links)
    if links:
        added.setdefault(Kind.LINK, set()).update(rid for rid, *_ in links)
    return alternatives, added


def _refresh_index(session: Session, added: Mapping[Kind, set[str]], updated: Mapping[Kind, set[str]]) -> None:
    for kind, ids in added.items():
        search_index.refresh(session, kind, ids)
    for kind, ids in updated.items():
        search_index.refresh(session, kind, ids)
        for rid in ids:
            search_index.refresh_referrers(session, kind, rid)


def last_merge_at(session: Session) -> datetime | None:
    """When a copy was last merged into this case, if ever: the base of the next merge."""
    value = session.execute(select(_meta.c.value).where(_meta.c.key == LAST_MERGE_KEY)).scalar_one_or_none()
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None  # an unreadable stamp only makes the next merge ask about more records


def _set_last_merge(session: Session, moment: datetime) -> None:
    session.execute(
        text("INSERT INTO file_meta(key, value) VALUES (:k, :v) ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
        {"k": LAST_MERGE_KEY, "v": moment.isoformat()},
    )
