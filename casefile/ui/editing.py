"""The window's edit actions: each builds a command, runs it once, and pushes it for undo."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoStack
from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile.domain.errors import EditConflict
from casefile.domain.kinds import FieldSpec, Kind, spec
from casefile.services import labels, records
from casefile.services.results import RecordData
from casefile.storage.models import Record
from casefile.ui.commands import CreateRecord, DeleteRecord, EditFields, SetField
from casefile.ui.document import CaseDocument


def _live_labels(session: Session, kinds: tuple[Kind, ...]) -> list[tuple[str, str]]:
    table = Record.__table__
    query = select(table.c.id).where(table.c.deleted_at.is_(None)).order_by(table.c.seq)
    if kinds:
        query = query.where(table.c.kind.in_([k.value for k in kinds]))
    else:
        query = query.where(table.c.kind.notin_([Kind.CASE.value, Kind.LINK.value]))
    found = labels.labels(session, session.execute(query).scalars())
    return sorted(((rid, lab.text) for rid, lab in found.items()), key=lambda item: item[1].casefold())


class Editing(QObject):
    def __init__(self, document: CaseDocument, stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.stack = stack
        # On a server case, what settles an edit that met a colleague's newer change (ui/edit_conflicts.py):
        # it saves one side, or raises the EditConflict again when the analyst puts the choice off.
        self.on_conflict: Callable[[EditConflict, RecordData, dict[str, Any], str | None, object], None] | None = None

    def choices(self, field: FieldSpec, current: str | None = None) -> list[tuple[str, str]]:
        if not field.ref_kinds:  # a link's end: only the record it already names
            return [(current, self.label_of(current))] if current else []
        return self.document.read(lambda s: _live_labels(s, field.ref_kinds))

    def label_of(self, record_id: str) -> str:
        found = self.document.read(lambda s: labels.labels(s, [record_id]))
        return found[record_id].text if record_id in found else "record"

    def record(self, record_id: str) -> RecordData:
        return self.document.read(lambda s: records.get(s, record_id))

    def record_and_label(self, record_id: str) -> tuple[RecordData, str]:
        """Both in one read, for the Details panel that shows them together."""

        def read(session: Session) -> tuple[RecordData, str]:
            record = records.get(session, record_id)
            found = labels.labels(session, [record_id])
            return record, found[record_id].text if record_id in found else "record"

        return self.document.read(read)

    def create(self, kind: Kind, values: dict[str, Any]) -> str:
        command = CreateRecord(self.document, kind, values, f"Add {spec(kind).label.lower()}")
        command.execute()
        self.stack.push(command)
        return command.record_id or ""

    def edit_field(self, record: RecordData, name: str, value: Any, initiator: object = None) -> None:
        self.edit_fields(record, {name: value}, initiator=initiator)

    def edit_fields(
        self, record: RecordData, values: dict[str, Any], text: str | None = None, initiator: object = None
    ) -> None:
        """Several fields as one undo step, saved in one transaction: all or none. Without a text, the
        step is named from the fields and the record's label ("Edit name, role of Vladimir Putin")."""
        command = EditFields(self.document, record, values, text, initiator)
        try:
            command.execute()
        except EditConflict as conflict:
            if self.on_conflict is None:
                raise
            self.on_conflict(conflict, record, values, text, initiator)
            return
        self.stack.push(command)

    def set_field(self, record_ids: list[str], name: str, value: Any) -> None:
        """The same value in one field of several records: one transaction, one undo step."""
        shown = self.document.read(lambda s: [records.get(s, rid) for rid in record_ids])
        kind = spec(shown[0].kind)
        many = kind.label.lower() if len(shown) == 1 else f"{len(shown)} {kind.plural.lower()}"
        command = SetField(self.document, shown, name, value, f"Set {kind.field(name).label.lower()} of {many}")
        command.execute()
        self.stack.push(command)

    def delete(self, record_id: str) -> None:
        command = DeleteRecord(self.document, record_id, f"Delete {self.label_of(record_id)}")
        command.execute()
        self.stack.push(command)

    def link(self, from_id: str, to_id: str, kind: str, note: str | None = None, date: str | None = None) -> str:
        values = {"from": from_id, "to": to_id, "kind": kind, "note": note, "date": date}
        text = f"Link {self.label_of(from_id)} to {self.label_of(to_id)}"
        command = CreateRecord(self.document, Kind.LINK, values, text)
        command.execute()
        self.stack.push(command)
        return command.record_id or ""

    def unlink(self, link_id: str) -> None:
        command = DeleteRecord(self.document, link_id, f"Unlink {self.label_of(link_id)}")
        command.execute()
        self.stack.push(command)
