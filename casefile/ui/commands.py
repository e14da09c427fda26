"""Every edit as a QUndoCommand: it runs a service in a fresh unit of work, and undo runs its opposite."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from casefile.domain.errors import CasefileError
from casefile.domain.kinds import Kind
from casefile.services import records
from casefile.services.results import Changes, Deleted, RecordData
from casefile.ui.document import CaseDocument


def _ids(kind: Kind, *ids: str) -> dict[Kind, frozenset[str]]:
    return {kind: frozenset(ids)}


def _removed(deleted: Deleted) -> Changes:
    removed = _ids(deleted.kind, deleted.id)
    if deleted.link_ids:
        removed[Kind.LINK] = removed.get(Kind.LINK, frozenset()) | frozenset(deleted.link_ids)
    return Changes(removed=removed)


def _restored(deleted: Deleted) -> Changes:
    added = _ids(deleted.kind, deleted.id)
    if deleted.link_ids:
        added[Kind.LINK] = added.get(Kind.LINK, frozenset()) | frozenset(deleted.link_ids)
    return Changes(added=added)


class DocumentCommand(QUndoCommand):
    """Runs once when created (so a refusal never reaches the stack); QUndoStack.push then skips it."""

    def __init__(self, document: CaseDocument, text: str) -> None:
        super().__init__(text)
        self.document = document
        self._pushed = False

    def execute(self) -> DocumentCommand:
        """Do the edit now; raises CasefileError if the services refuse it."""
        self.do()
        return self

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True  # QUndoStack.push() calls redo(); the edit is already done
            return
        self._guarded(self.do)

    def undo(self) -> None:
        self._guarded(self.undo_it)

    def _guarded(self, action: Any) -> None:
        try:
            action()
        except CasefileError as exc:
            # Qt calls undo/redo from C++; an exception there would be lost, so report it instead.
            self.document.failed.emit(exc)

    def do(self) -> None:
        raise AssertionError(f"{type(self).__name__} must define do()")

    def undo_it(self) -> None:
        raise AssertionError(f"{type(self).__name__} must define undo_it()")


class CreateRecord(DocumentCommand):
    def __init__(self, document: CaseDocument, kind: Kind, values: dict[str, Any], text: str) -> None:
        super().__init__(document, text)
        self.kind = kind
        self.values = values
        self.record_id: str | None = None
        self._deleted: Deleted | None = None

    def do(self) -> None:
        if self._deleted is not None:
            deleted = self._deleted
            self.document.write(lambda s: records.restore(s, deleted), lambda _: _restored(deleted))
            return
        created: RecordData = self.document.write(
            lambda s: records.create(s, self.kind, self.values),
            lambda r: Changes(added=_ids(r.kind, r.id)),
        )
        self.record_id = created.id

    def undo_it(self) -> None:
        record_id = self.record_id or ""
        self._deleted = self.document.write(lambda s: records.delete(s, record_id), _removed)


class EditFields(DocumentCommand):
    """One or more fields of one record, saved together in one transaction."""

    def __init__(self, document: CaseDocument, record: RecordData, values: dict[str, Any], text: str) -> None:
        super().__init__(document, text)
        self.record_id = record.id
        self.kind = record.kind
        self.new = dict(values)
        self.old = {name: record.values.get(name) for name in values}
        self.stored = dict(values)

    def _set(self, values: dict[str, Any], expected: dict[str, Any]) -> dict[str, Any]:
        # `expected` is what the fields held when this step was taken (or last undone): on a server case a
        # colleague's newer change to the same field is refused (EditConflict), never overwritten.
        saved: RecordData = self.document.write(
            lambda s: records.update_fields(s, self.record_id, values, expected=expected),
            lambda r: Changes(updated=_ids(r.kind, r.id)),
        )
        return {name: saved.values.get(name) for name in values}

    def do(self) -> None:
        # As stored ("17.03.2023" is kept as 2023-03-17): what undo expects to find.
        self.stored = self._set(self.new, self.old)

    def undo_it(self) -> None:
        self._set(self.old, self.stored)


class DeleteRecord(DocumentCommand):
    def __init__(self, document: CaseDocument, record_id: str, text: str) -> None:
        super().__init__(document, text)
        self.record_id = record_id
        self._deleted: Deleted | None = None

    def do(self) -> None:
        self._deleted = self.document.write(lambda s: records.delete(s, self.record_id), _removed)

    def undo_it(self) -> None:
        deleted = self._deleted
        if deleted is not None:
            self.document.write(lambda s: records.restore(s, deleted), lambda _: _restored(deleted))
