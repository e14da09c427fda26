"""Every edit as a QUndoCommand: it runs a service in a fresh unit of work, and undo runs its opposite."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from casefile.domain.errors import CasefileError
from casefile.domain.kinds import Kind, spec
from casefile.services import records
from casefile.services.results import Deleted, Edited, RecordData
from casefile.ui.document import CaseDocument


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
            self.document.write(lambda s: records.restore(s, deleted), lambda _: deleted.restoration())
            return
        created: RecordData = self.document.write(
            lambda s: records.create(s, self.kind, self.values),
            RecordData.creation,
        )
        self.record_id = created.id

    def undo_it(self) -> None:
        record_id = self.record_id or ""
        self._deleted = self.document.write(lambda s: records.delete(s, record_id), Deleted.removal)


class EditFields(DocumentCommand):
    """One or more fields of one record, saved together in one transaction.

    Without a `text`, the undo step is named once the edit is done, from the label the service
    returns ("Edit name of Владимир Путин"): no read before the write just to name it.
    """

    def __init__(
        self, document: CaseDocument, record: RecordData, values: dict[str, Any], text: str | None = None,
        initiator: object = None,
    ) -> None:  # fmt: skip
        super().__init__(document, text or "Edit")
        self.record_id = record.id
        self.kind = record.kind
        self.new = dict(values)
        self.old = {name: record.values.get(name) for name in values}
        self._named = text is not None
        self._initiator = initiator  # the first time only: undo and redo come from the Edit menu
        self.stored = dict(values)

    def _set(self, values: dict[str, Any], expected: dict[str, Any]) -> dict[str, Any]:
        # `expected` is what the fields held when this step was taken (or last undone): on a server case a
        # colleague's newer change to the same field is refused (EditConflict), never overwritten.
        initiator, self._initiator = self._initiator, None
        edited: Edited = self.document.write(
            lambda s: records.edit(s, self.record_id, values, expected=expected), lambda e: e.changes, initiator
        )
        if not self._named:
            self._named = True
            fields = ", ".join(spec(self.kind).field(name).label.lower() for name in self.new)
            self.setText(f"Edit {fields} of {edited.label}")
        return {name: edited.record.values.get(name) for name in values}

    def do(self) -> None:
        # As stored ("17.03.2023" is kept as 2023-03-17): what undo expects to find.
        self.stored = self._set(self.new, self.old)

    def undo_it(self) -> None:
        self._set(self.old, self.stored)


class SetField(DocumentCommand):
    """One field set to one value on several records, as one undo step; undo puts back each one's own value."""

    def __init__(self, document: CaseDocument, shown: list[RecordData], name: str, value: Any, text: str) -> None:
        super().__init__(document, text)
        self.new = {record.id: {name: value} for record in shown}
        self.old = {record.id: {name: record.values.get(name)} for record in shown}

    def do(self) -> None:
        self.document.write(lambda s: records.edit_each(s, self.new), lambda changes: changes)

    def undo_it(self) -> None:
        self.document.write(lambda s: records.edit_each(s, self.old), lambda changes: changes)


class DeleteRecord(DocumentCommand):
    def __init__(self, document: CaseDocument, record_id: str, text: str) -> None:
        super().__init__(document, text)
        self.record_id = record_id
        self._deleted: Deleted | None = None

    def do(self) -> None:
        self._deleted = self.document.write(lambda s: records.delete(s, self.record_id), Deleted.removal)

    def undo_it(self) -> None:
        deleted = self._deleted
        if deleted is not None:
            self.document.write(lambda s: records.restore(s, deleted), lambda _: deleted.restoration())
