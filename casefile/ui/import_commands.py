"""Imports as single undo steps: the records a job created (and the fields it changed) in one command.

The job writes in a worker, in one unit of work; this command is pushed afterwards, so its first
redo is skipped (as with attachments). Undo deletes what was created, newest first, and puts the
changed fields back; redo restores the same records (same ids) and sets the fields again.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy.orm import Session

from casefile.domain.kinds import Kind
from casefile.services import attachments, bulk_delete, records
from casefile.services.results import Changes, Deleted
from casefile.ui.commands import DocumentCommand
from casefile.ui.document import CaseDocument


@dataclass(frozen=True)
class FieldChange:
    record_id: str
    old: dict[str, Any]
    new: dict[str, Any]


@dataclass(frozen=True)
class Imported:
    """What one import wrote: records created in order, fields changed, attachments stored."""

    created: tuple[tuple[Kind, str], ...]
    changed: tuple[tuple[Kind, FieldChange], ...] = ()
    attachments: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)  # what the caller wants to report (a plan)

    def changes(self) -> Changes:
        added: dict[Kind, set[str]] = {}
        for kind, record_id in self.created:
            added.setdefault(kind, set()).add(record_id)
        updated: dict[Kind, set[str]] = {}
        for kind, change in self.changed:
            updated.setdefault(kind, set()).add(change.record_id)
        return Changes(
            added={k: frozenset(v) for k, v in added.items()}, updated={k: frozenset(v) for k, v in updated.items()}
        )


@contextmanager
def _busy() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def old_values(session: Session, record_id: str, names: Sequence[str]) -> dict[str, Any]:
    current = records.get(session, record_id).values
    return {name: current.get(name) for name in names}


class UndoableImport(DocumentCommand):
    """Undo and redo run in the window's thread, a few milliseconds per record: a wait cursor says so."""

    def __init__(self, document: CaseDocument, imported: Imported, text: str) -> None:
        super().__init__(document, text)
        self.imported = imported
        self._deleted: list[Deleted] = []

    def redo(self) -> None:
        with _busy():
            super().redo()

    def undo(self) -> None:
        with _busy():
            super().undo()

    def do(self) -> None:
        deleted = list(self._deleted)

        def work(session: Session) -> None:
            bulk_delete.restore_many(session, deleted)
            for attachment_id in self.imported.attachments:
                attachments.restore(session, attachment_id)
            for _kind, change in self.imported.changed:
                records.update_fields(session, change.record_id, change.new)

        self.document.write(work, lambda _: self.imported.changes())

    def undo_it(self) -> None:
        def work(session: Session) -> list[Deleted]:
            for attachment_id in self.imported.attachments:
                attachments.delete(session, attachment_id)
            for _kind, change in self.imported.changed:
                records.update_fields(session, change.record_id, change.old)
            # Newest first in the audit trail, as if deleted by hand: a source before the outlet it names.
            gone = bulk_delete.delete_many(session, [record_id for _kind, record_id in reversed(self.imported.created)])
            return gone[::-1]

        changes = self.imported.changes()
        self._deleted = self.document.write(work, lambda _: Changes(removed=changes.added, updated=changes.updated))
