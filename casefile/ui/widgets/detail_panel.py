"""The detail editor: the selected record's form. A confirmed field is saved at once, as an undoable edit."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from casefile.domain.errors import CasefileError, EditConflict, FieldProblem, RecordNotFound, ValidationError
from casefile.domain.kinds import Kind, spec
from casefile.services.results import RecordData
from casefile.ui.dialogs.new_record import creator_for
from casefile.ui.editing import Editing
from casefile.ui.widgets.attachments_panel import AttachmentsPanel
from casefile.ui.widgets.record_form import RecordForm
from casefile.ui.widgets.status_timeline import StatusTimelinePanel


class DetailPanel(QWidget):
    error_raised = Signal(object)  # a CasefileError that belongs in a dialog, not inline
    open_record = Signal(str)  # a record named under the form (a state's status correction)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Record details")
        self._editing: Editing | None = None
        self._forms: dict[Kind, RecordForm] = {}
        self.record: RecordData | None = None
        self._title = QLabel(self)
        self._title.setWordWrap(True)
        self._title.setTextFormat(Qt.TextFormat.PlainText)
        self._title.setStyleSheet("font-weight: bold; font-size: 13pt;")
        self._stack = QStackedWidget(self)
        self._empty = QLabel("Select a record to see and edit its details.", self)
        self._empty.setWordWrap(True)
        self._stack.addWidget(self._empty)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # F6 and Tab go to the first field, not the frame around it
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self._stack)
        self.attachments = AttachmentsPanel(self)  # shown under a source's form
        self.status_timeline = StatusTimelinePanel(self)  # shown under a state's form
        self.status_timeline.open_record.connect(self.open_record)
        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addWidget(scroll, 3)
        layout.addWidget(self.attachments, 1)
        layout.addWidget(self.status_timeline, 3)

    def set_editing(self, editing: Editing | None) -> None:
        self._editing = editing
        for form in self._forms.values():
            self._stack.removeWidget(form)
            form.deleteLater()
        self._forms.clear()
        self.attachments.set_document(editing.document if editing else None)
        self.status_timeline.set_editing(editing)
        self.show_record(None)

    def form(self, kind: Kind) -> RecordForm:
        if kind not in self._forms:
            assert self._editing is not None
            form = RecordForm(kind, self._editing.choices, self._stack, creator_for(self, self._editing))
            form.field_edited.connect(self._on_field_edited)
            self._forms[kind] = form
            self._stack.addWidget(form)
        return self._forms[kind]

    def show_record(self, record_id: str | None) -> None:
        if record_id is None or self._editing is None:
            self.record = None
            self._title.setText("")
            self._stack.setCurrentWidget(self._empty)
            self.attachments.show_source(None)
            self.status_timeline.show_state(None)
            return
        try:
            self.record, label = self._editing.record_and_label(record_id)
        except RecordNotFound:
            self.show_record(None)
            return
        self.attachments.show_source(record_id if self.record.kind == Kind.SOURCE else None)
        self.status_timeline.show_state(self.record["iso2"] if self.record.kind == Kind.STATE else None)
        form = self.form(self.record.kind)
        form.set_values(self.record.values)
        form.set_read_only(not self._editing.document.editable)
        self._title.setText(f"{spec(self.record.kind).label}: {label}")
        self._stack.setCurrentWidget(form)

    def refresh(self) -> None:
        self.show_record(self.record.id if self.record else None)

    def _on_field_edited(self, name: str, value: Any) -> None:
        if self.record is None or self._editing is None:
            return
        form = self._forms[self.record.kind]
        try:
            # The window shows the stored values again when the document reports the change: once.
            self._editing.edit_field(self.record, name, value, initiator=self)
        except ValidationError as exc:
            unplaced = form.show_problems(exc.problems)
            if unplaced:
                self.error_raised.emit(ValidationError(unplaced))
            return
        except EditConflict as exc:  # the analyst put off choosing between theirs and a colleague's: kept here
            form.show_problems([conflict_problem(exc)])
            return
        except CasefileError as exc:
            self.error_raised.emit(exc)
            return

    # -- what was typed but not yet confirmed ----------------------------------------------------------

    def pending(self) -> tuple[dict[str, Any], list[FieldProblem]]:
        """Values typed into the shown record's form and not saved yet, and those that cannot be saved."""
        if self.record is None or self._editing is None or not self._editing.document.editable:
            return {}, []
        form = self._forms.get(self.record.kind)
        if form is None:
            return {}, []
        changed: dict[str, Any] = {}
        problems: list[FieldProblem] = []
        for name, editor in form.editors.items():
            if not editor.is_dirty() or getattr(editor, "fixed", False) or not editor.widget.isEnabled():
                continue
            try:
                changed[name] = editor.value()
            except ValidationError as exc:
                problems += exc.problems
        return changed, problems

    def commit_pending(self) -> list[FieldProblem]:
        """Save what was typed but not confirmed, as one undo step; returns what could not be saved.

        Every way out of the record (quit, close, open another case, another record, another kind)
        calls this first, so text in the field being edited is never lost on the way.
        """
        changed, problems = self.pending()
        if self.record is None or self._editing is None:
            return []
        form = self._forms[self.record.kind]
        if not problems and changed:
            try:
                # The change report redraws the form with what is stored, so nothing is pending twice.
                self._editing.edit_fields(self.record, changed, initiator=self)
            except ValidationError as exc:
                problems = exc.problems
            except EditConflict as exc:
                problems = [conflict_problem(exc)]
            except CasefileError as exc:  # the server unreachable, say: the typing stays, with why it was not saved
                problems = [FieldProblem(next(iter(changed)), f"Not saved: {exc.message}")]
            else:
                return []
        if problems:
            form.show_problems(problems)
        return problems

    def labelled(self, problems: list[FieldProblem]) -> list[FieldProblem]:
        """The problems with their field's label in front, for a message outside the form."""
        if self.record is None:
            return problems
        names = {f.name: f.label for f in spec(self.record.kind).fields}
        return [FieldProblem(p.field, f"{names[p.field]}: {p.message}" if p.field in names else p.message)
                for p in problems]  # fmt: skip

    def discard_pending(self) -> None:
        """Put the stored values back in the form."""
        self.refresh()

    # -- a colleague's change arriving while the analyst types (ui/live_updates.py) ------------------------

    def hold_typing(self) -> tuple[str, dict[str, tuple[str, Any]]] | None:
        """The shown record's id, and each field typed in and not saved: its text and the value it began from."""
        if self.record is None or self._editing is None:
            return None
        form = self._forms.get(self.record.kind)
        if form is None:
            return None
        typed = {name: (editor.typed_text(), self.record.values.get(name))
                 for name, editor in form.editors.items() if editor.is_dirty()}  # fmt: skip
        return (self.record.id, typed) if typed else None

    def restore_typing(self, held: tuple[str, dict[str, tuple[str, Any]]] | None) -> None:
        """Put the typing back after the form was redrawn with a colleague's change, if the record is still shown.

        Each field keeps the value it began from as what the save expects, so saving it over a colleague's
        newer value of that same field is a conflict to settle, never a silent overwrite.
        """
        if held is None or self.record is None or self.record.id != held[0]:
            return
        form = self._forms[self.record.kind]
        began = {name: value for name, (_text, value) in held[1].items()}
        self.record = replace(self.record, values={**self.record.values, **began})
        for name, (text, _value) in held[1].items():
            form.editors[name].retype(text)


def conflict_problem(conflict: EditConflict) -> FieldProblem:
    """A conflict the analyst has not settled yet, shown under the field whose typing it kept."""
    who = conflict.by or "A colleague"
    return FieldProblem(conflict.field, f"Not saved: {who} changed this meanwhile. Confirm the field again to choose.")
