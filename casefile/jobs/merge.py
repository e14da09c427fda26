"""Merging a colleague's copy into a case file: check their file, back mine up, merge in one transaction.

Their file is untrusted: it goes through the same checks as any file Casefile opens, plus a
full integrity and foreign-key check, before a single row of it is read, and it is only ever
opened read-only. An older copy is upgraded in a temporary copy, never in place. My file is
backed up (and the backup verified) before anything is written to it, and the merge is one
transaction, so a failure at any point leaves my file exactly as it was.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from casefile.domain.errors import CasefileError, DamagedCaseFile, NotACaseFile
from casefile.domain.kinds import Kind
from casefile.domain.merge import KindCounts, Resolution, fallback
from casefile.scratch import scratch_folder
from casefile.services import interchange
from casefile.services.merge import MergePlan, MergeResult, apply_merge, plan_merge
from casefile.services.merge_attachments import AttachmentPlan
from casefile.services.merge_audit import their_authors
from casefile.storage import checks, inspection
from casefile.storage.casefile import CaseFile
from casefile.storage.engine import sqlite_uri
from casefile.storage.migrate import backup_to

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
# Given the plan, the choice for each conflict by record id; None means "do not merge".
Chooser = Callable[[MergePlan], Mapping[str, Resolution] | None]

_STEPS = 4  # check theirs, read and compare, back up mine, merge


class MergeCancelled(CasefileError):
    """The person stopped the merge before anything was written."""


@dataclass(frozen=True)
class MergeReport:
    """What a merge found and did, per kind, for the dialog or the command line."""

    path: Path
    other: Path
    counts: dict[Kind, KindCounts]
    applied: bool  # False when conflicts were found and no choice was given
    backup: Path | None  # None when nothing needed writing
    unresolved: tuple[str, ...] = ()  # labels of the conflicts left unresolved when not applied
    result: MergeResult | None = None
    attachments: AttachmentPlan = field(default_factory=AttachmentPlan)

    @property
    def conflicts(self) -> int:
        return sum(c.conflicts for c in self.counts.values())

    def attachment_lines(self) -> list[str]:
        """What happened to the evidence files, in plain words, for the dialog and the command line."""
        plan = self.attachments
        if not (plan.added or plan.conflicts or plan.skipped):
            return []
        done = "" if self.applied else " (not merged yet)"
        lines = [
            f"Attachments{done}: {len(plan.added)} added, {plan.skipped} already here, "
            f"{len(plan.conflicts)} in conflict (both kept)"
        ]
        lines += [f"  {c.describe()}" for c in plan.conflicts]
        lines += [f"  {note}" for note in plan.notes]
        return lines


@dataclass(frozen=True)
class PreparedMerge:
    """The first half of a merge, done in a worker: their file checked and compared with mine."""

    path: Path
    other: Path
    plan: MergePlan


def merge_case(
    path: Path,
    other_path: Path,
    choose: Chooser | Resolution | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> MergeReport:
    """Merge the case at other_path into the case at path.

    choose settles conflicts: one Resolution for all of them, or a callable asked with the plan.
    Without it, a merge that finds conflicts writes nothing and reports them.
    """
    prepared = prepare_merge(path, other_path, progress, cancelled)
    plan = prepared.plan
    if not plan.conflicts:
        return apply_prepared(prepared, {}, progress, cancelled)
    choices = _choices(plan, choose)
    if choices is None:
        unresolved = tuple(f"{c.kind.value} '{c.label}' ({c.id})" for c in plan.conflicts)
        return MergeReport(
            prepared.path, prepared.other, plan.counts(), False, None, unresolved, attachments=plan.attachments
        )
    return apply_prepared(prepared, choices, progress, cancelled)


def _choices(plan: MergePlan, choose: Chooser | Resolution | None) -> Mapping[str, Resolution] | None:
    if choose is None:
        return None
    if isinstance(choose, Resolution):
        return {c.id: fallback(c.kind, choose) for c in plan.conflicts}
    return choose(plan)


def prepare_merge(
    path: Path, other_path: Path, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> PreparedMerge:
    """Check their file, read it, and compare it with mine; writes nothing anywhere."""
    path, other_path = Path(path), Path(other_path)
    _refuse_same_file(path, other_path)
    _step(progress, cancelled, 0)
    check_other(other_path)
    _step(progress, cancelled, 1)
    with _their_document(other_path) as (document, authors), CaseFile.open(path) as case_file:
        with case_file.reading() as session:
            plan = plan_merge(session, document, authors)
    _step(progress, cancelled, 2)
    return PreparedMerge(path, other_path, plan)


def apply_prepared(
    prepared: PreparedMerge,
    choices: Mapping[str, Resolution],
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> MergeReport:
    """Back my file up, then write the plan in one transaction; a failure leaves my file as it was."""
    plan = prepared.plan
    if not plan.has_changes:
        return MergeReport(prepared.path, prepared.other, plan.counts(), True, None, attachments=plan.attachments)
    _step(progress, cancelled, 2)
    with CaseFile.open(prepared.path) as case_file:
        backup = backup_to(prepared.path, backup_path(prepared.path))
        _step(progress, cancelled, 3)
        with case_file.unit_of_work() as session:
            result = apply_merge(session, plan, choices)
            _require_consistent(session.connection().exec_driver_sql("PRAGMA foreign_key_check").fetchall())
    if progress is not None:
        progress(_STEPS, _STEPS)
    return MergeReport(
        prepared.path, prepared.other, result.counts, True, backup, result=result, attachments=plan.attachments
    )


def backup_path(path: Path, now: datetime | None = None) -> Path:
    """NAME.casefile.premerge-<UTC time>.bak beside the case; a second one in the same second gets a number."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}.premerge-{stamp}.bak")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.premerge-{stamp}-{number}.bak")
        number += 1
    return candidate


def _step(progress: Progress | None, cancelled: Cancelled | None, done: int) -> None:
    if cancelled is not None and cancelled():
        raise MergeCancelled("The merge was cancelled.", "Nothing was changed.")
    if progress is not None:
        progress(done, _STEPS)


def _refuse_same_file(path: Path, other: Path) -> None:
    if path.exists() and other.exists() and os.path.samefile(path, other):
        raise CasefileError(f"'{other.name}' is this case itself.", "Choose the copy you received from a colleague.")


# -- their file --------------------------------------------------------------------------------------------


def check_other(path: Path) -> None:
    """Every check a received file gets, run read-only; raises with what is wrong and what to do."""
    try:
        inspection.inspect(path)
        problems = _full_check_problems(path)
    except CasefileError as exc:
        raise type(exc)(f"The copy to merge cannot be used: {exc.message}", _hint(exc)) from None
    _refuse_foreign_objects(path)
    problems += _database_problems(path)
    if problems:
        raise DamagedCaseFile(
            f"The copy to merge, '{path.name}', is damaged: {'; '.join(problems[:3])}",
            "Ask the sender for a fresh copy; your case was not changed.",
        )


def _full_check_problems(path: Path) -> list[str]:
    # The hardened check of received files (schema fingerprint, quick_check, keys, oversized fields).
    full_check: Callable[[Path], list[str]] | None = getattr(inspection, "full_check", None)
    return list(full_check(path)) if full_check is not None else []


def _hint(exc: CasefileError) -> str:
    return f"{exc.hint} Your case was not changed.".strip()


def _bare(path: Path) -> sqlite3.Connection:
    # No app functions registered: a hostile CHECK or trigger has nothing of ours to call.
    conn = sqlite3.connect(sqlite_uri(path, read_only=True), uri=True)
    conn.execute("PRAGMA trusted_schema=OFF")
    return conn


def _refuse_foreign_objects(path: Path) -> None:
    """Casefile creates no triggers and no views; a file that has them was built to run something."""
    with closing(_bare(path)) as conn:
        rows = conn.execute(
            "SELECT type, name FROM sqlite_schema WHERE type IN ('trigger', 'view') ORDER BY type, name"
        ).fetchall()
    if rows:
        listing = ", ".join(f"{kind} '{name}'" for kind, name in rows)
        raise NotACaseFile(
            f"The copy to merge, '{path.name}', holds schema objects Casefile never creates ({listing}).",
            "It may have been tampered with. Do not open it; ask the sender for a fresh copy. Your case was not "
            "changed.",
        )


def _database_problems(path: Path) -> list[str]:
    with closing(_bare(path)) as conn:
        try:
            return checks.integrity_problems(conn) + checks.foreign_key_problems(conn)
        except sqlite3.DatabaseError as exc:
            return [f"SQLite could not finish the check ({exc})"]


@contextmanager
def _their_document(path: Path) -> Iterator[tuple[dict[str, Any], dict[str, str | None]]]:
    """Their whole case as a document, and who made each record there; never writes to their file."""
    if not inspection.inspect(path).needs_migration:
        with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
            yield interchange.to_document(session), their_authors(session)
        return
    # An older copy is upgraded in a private copy, so the file on the stick stays as it came.
    with scratch_folder("merge") as folder:
        copy = backup_to(path, folder / path.name)
        with CaseFile.open(copy) as case_file, case_file.reading() as session:
            yield interchange.to_document(session), their_authors(session)


def _require_consistent(problems: Sequence[Any]) -> None:
    if problems:
        raise DamagedCaseFile(
            f"The merge would leave {len(problems)} references to missing records.",
            "Nothing was merged; ask the sender for a fresh copy.",
        )
