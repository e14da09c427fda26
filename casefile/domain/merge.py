"""The rules of merging a colleague's copy: what counts as added, updated, unchanged or in conflict.

Two copies of a case hold the same record under the same UUID. A copy keeps no history of a
record's earlier values, so "changed" is judged by time against a *base*:

    base = the later of the record's creation time and the time of the last merge into my file

(the merge time is kept in the file, so each merge is the base of the next). Then, for a
record both copies hold:

- equal field values: **unchanged**, skipped, whatever the timestamps say;
- values differ, only theirs was updated after the base: **updated**, theirs is taken;
- values differ, only mine was updated after the base: skipped, mine is the newer edit;
- values differ, both were updated after the base: **conflict**, the person chooses;
- values differ, neither was updated after the base: skipped. The copies already disagreed at
  the last merge, which was settled then (for example by keeping mine), so it is not asked again.

A record I deleted counts as changed at its deletion time: if they changed it after the base as
well, that is a conflict; otherwise my deletion stands. A merge never deletes anything: a record
missing from their copy stays in mine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from casefile.domain.kinds import Kind

# The kind of link that ties a kept-both copy of a record to my version of it.
ALTERNATIVE_LINK = "alternative version of"

# A case holds one cover record, one record per State and one per statute article, so a
# second version of those cannot sit beside the first.
_SINGLE_VERSION_KINDS = frozenset({Kind.CASE, Kind.STATE, Kind.ARTICLE})


class Outcome(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    SKIPPED = "skipped"
    CONFLICT = "conflict"


class Resolution(StrEnum):
    """How one conflict is settled."""

    MINE = "mine"  # my version stays as it is
    THEIRS = "theirs"  # their values replace mine, keeping the record's id
    BOTH = "both"  # theirs is added as a new record, linked to mine as an alternative version


@dataclass(frozen=True)
class Version:
    """One side's state of a record: when it last changed and what it holds."""

    updated: datetime
    values: Mapping[str, Any]
    deleted_at: datetime | None = None

    @property
    def changed_at(self) -> datetime:
        # A deletion is a change too, made at the moment of deletion.
        return self.deleted_at if self.deleted_at is not None else self.updated


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    reason: str


def merge_base(created: datetime, last_merge: datetime | None) -> datetime:
    """The moment after which an edit counts as a change for this merge."""
    return created if last_merge is None or last_merge < created else last_merge


def classify(mine: Version | None, theirs: Version, base: datetime) -> Decision:
    """Decide what to do with one of their records, given my version (None if I have no such record)."""
    if mine is None:
        return Decision(Outcome.ADDED, "new in their copy")
    mine_changed = mine.changed_at > base
    theirs_changed = theirs.updated > base
    if mine.deleted_at is not None:
        if theirs_changed and mine_changed:
            return Decision(Outcome.CONFLICT, "you deleted it; they changed it")
        if theirs_changed:
            return Decision(Outcome.UPDATED, "they changed it after you deleted it before the last merge")
        return Decision(Outcome.SKIPPED, "you deleted it")
    if same_values(mine.values, theirs.values):
        return Decision(Outcome.SKIPPED, "the same in both copies")
    if mine_changed and theirs_changed:
        return Decision(Outcome.CONFLICT, "changed in both copies")
    if theirs_changed:
        return Decision(Outcome.UPDATED, "changed only in their copy")
    if mine_changed:
        return Decision(Outcome.SKIPPED, "changed only in your copy")
    return Decision(Outcome.SKIPPED, "settled at an earlier merge")


def same_values(mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> bool:
    """Equal field by field; a field one side lacks counts as empty."""
    return all(_normal(mine.get(name)) == _normal(theirs.get(name)) for name in set(mine) | set(theirs))


def _normal(value: Any) -> Any:
    # Storage and JSON disagree only on form: an empty list or text is as good as nothing.
    if value in ("", [], ()):
        return None
    if isinstance(value, tuple):
        return list(value)
    return value


def allows_both(kind: Kind) -> bool:
    """Whether keep-both is possible: not for the case cover, a State or an article."""
    return kind not in _SINGLE_VERSION_KINDS


def fallback(kind: Kind, preference: Resolution) -> Resolution:
    """A blanket preference applied to one conflict: keep-both falls back to mine where it cannot apply."""
    return Resolution.MINE if preference == Resolution.BOTH and not allows_both(kind) else preference


def different_fields(names: Iterable[str], mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> list[str]:
    return [n for n in names if _normal(mine.get(n)) != _normal(theirs.get(n))]


@dataclass
class KindCounts:
    """How many of one kind's records a merge added, updated, skipped and found in conflict."""

    added: int = 0
    updated: int = 0
    skipped: int = 0
    conflicts: int = 0
    resolved: dict[Resolution, int] = field(default_factory=dict)

    def count(self, outcome: Outcome) -> None:
        name = {Outcome.CONFLICT: "conflicts"}.get(outcome, outcome.value)
        setattr(self, name, getattr(self, name) + 1)

    @property
    def total(self) -> int:
        return self.added + self.updated + self.skipped + self.conflicts
