"""Plain data the services return: never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class Deleted:
    """What a delete took away, so that undo can bring back exactly that."""

    id: str
    kind: Kind
    link_ids: tuple[str, ...]
    deleted_at: datetime


@dataclass(frozen=True)
class Changes:
    """What a use case changed, for the window's change bus."""

    added: dict[Kind, frozenset[str]] = field(default_factory=dict)
    updated: dict[Kind, frozenset[str]] = field(default_factory=dict)
    removed: dict[Kind, frozenset[str]] = field(default_factory=dict)

    def kinds(self) -> set[Kind]:
        return set(self.added) | set(self.updated) | set(self.removed)
