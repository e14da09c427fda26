"""Plain data the services return: never ORM objects."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from casefile.domain.kinds import Kind


@dataclass(frozen=True)
class RecordData:
    id: str
    kind: Kind
    values: dict[str, Any]
    created: datetime
    updated: datetime

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def creation(self) -> Changes:
        """What creating this record changed."""
        return Changes(added={self.kind: frozenset([self.id])})


@dataclass(frozen=True)
class Deleted:
    """What a delete took away, so that undo can bring back exactly that."""

    id: str
    kind: Kind
    link_ids: tuple[str, ...]
    deleted_at: datetime

    def _by_kind(self) -> dict[Kind, frozenset[str]]:
        ids = {self.kind: frozenset([self.id])}
        if self.link_ids:
            ids[Kind.LINK] = ids.get(Kind.LINK, frozenset()) | frozenset(self.link_ids)
        return ids

    def removal(self) -> Changes:
        """What the delete changed: the record and the links that went with it."""
        return Changes(removed=self._by_kind())

    def restoration(self) -> Changes:
        """What undoing the delete changed: the same records, back."""
        return Changes(added=self._by_kind())


@dataclass(frozen=True)
class Changes:
    """What a use case changed, for the window's change bus (Anki's `OpChanges`).

    The services fill in the records; the window's document adds `initiator`, the part of the window
    that asked for the edit, so that a view can tell its own edit from another's.
    """

    added: dict[Kind, frozenset[str]] = field(default_factory=dict)
    updated: dict[Kind, frozenset[str]] = field(default_factory=dict)
    removed: dict[Kind, frozenset[str]] = field(default_factory=dict)
    # For updated records, the fields the edit wrote (record id -> names); a record updated only
    # because a record it names was renamed (its label and search text changed) has none.
    fields: dict[str, frozenset[str]] = field(default_factory=dict)
    initiator: object = field(default=None, compare=False)

    def kinds(self) -> set[Kind]:
        return set(self.added) | set(self.updated) | set(self.removed)

    def ids(self) -> set[str]:
        """Every record added, updated or removed."""
        return {rid for group in (self.added, self.updated, self.removed) for ids in group.values() for rid in ids}

    def only_fields_of(self, record_id: str) -> frozenset[str] | None:
        """The fields written, when this edit changed that one record and nothing else; else None."""
        if self.added or self.removed or self.ids() != {record_id}:
            return None
        return self.fields.get(record_id, frozenset())

    @staticmethod
    def joined(reports: Iterable[Changes]) -> Changes:
        """One report for several changes made in one transaction."""
        groups: tuple[dict[Kind, set[str]], ...] = ({}, {}, {})
        fields: dict[str, set[str]] = {}
        for report in reports:
            for group, part in zip(groups, (report.added, report.updated, report.removed), strict=True):
                for kind, ids in part.items():
                    group.setdefault(kind, set()).update(ids)
            for rid, names in report.fields.items():
                fields.setdefault(rid, set()).update(names)
        added, updated, removed = ({k: frozenset(v) for k, v in g.items()} for g in groups)
        return Changes(added, updated, removed, {rid: frozenset(v) for rid, v in fields.items()})

    def from_(self, initiator: object) -> Changes:
        return replace(self, initiator=initiator)


@dataclass(frozen=True)
class Edited:
    """What an edit of a record's fields did: the record as stored, its label after the edit (to name the
    undo step and the Details title without another read), and the records it changed."""

    record: RecordData
    label: str
    changes: Changes
