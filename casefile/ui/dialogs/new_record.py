"""New record: the kind's form in a dialog; OK saves it as one undoable step."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QVBoxLayout, QWidget

from casefile.domain.errors import CasefileError
from casefile.domain.kinds import Kind, spec
from casefile.services.records import with_library_defaults
from casefile.ui.editing import Editing
from casefile.ui.widgets.field_editors import Creator
from casefile.ui.widgets.record_form import RecordForm, refusal_text, scrolled_with_problem


class NewRecordDialog(QDialog):
    def __init__(self, editing: Editing, kind: Kind, initial: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editing = editing
        self.kind = kind
        self.created_id: str | None = None
        self.setWindowTitle(f"New {spec(kind).label.lower()}")
        self.setAccessibleName(self.windowTitle())
        self.form = RecordForm(kind, editing.choices, self, creator_for(self, editing))
        self.form.set_values(initial)
        self._filled: dict[str, object] = {}  # what the library filled in, replaced while the analyst leaves it
        if kind == Kind.ARTICLE:
            self.form.field_edited.connect(self._fill_from_library)
        scroll, self.problem = scrolled_with_problem(self.form, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(560, 620)

    def accept(self) -> None:
        """Save now; on a refusal keep the dialog open with every problem beside its field."""
        try:
            values = {k: v for k, v in self.form.values().items() if v not in ("", None, [])}
            self.created_id = self._editing.create(self.kind, values)
        except CasefileError as exc:
            self.problem.setText(refusal_text(self.form, exc))
            return
        super().accept()

    def _fill_from_library(self, name: str, _value: object) -> None:
        """A Rome Statute article's title and words, down to the paragraph named, as soon as its number is typed.

        The analyst sees them before saving and can change them for the case; what they typed is never replaced.
        """
        if name not in ("number", "instrument"):
            return
        try:
            current = self.form.values()
        except CasefileError:
            return
        cleared = {k: v for k, v in current.items() if self._filled.get(k) != v}
        filled = with_library_defaults(self.kind, {k: v for k, v in cleared.items() if v not in ("", None)})
        for field in ("title", "text"):
            if cleared.get(field):
                continue  # the analyst's own words
            self.form.editors[field].set_value(filled.get(field) or "")
            self._filled[field] = filled.get(field) or ""

    def reject(self) -> None:
        """Esc or Cancel with something typed asks before dropping it."""
        if any(editor.is_dirty() for editor in self.form.editors.values()) and not self.confirm_discard(self):
            return
        super().reject()

    @classmethod
    def confirm_discard(cls, parent: QWidget | None) -> bool:
        answer = QMessageBox.question(
            parent,
            "Discard the new record?",
            "What you typed in this new record has not been saved. Discard it?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    @classmethod
    def ask(cls, parent: QWidget | None, editing: Editing, kind: Kind, initial: dict[str, Any]) -> str | None:
        dialog = cls(editing, kind, initial, parent)
        return dialog.created_id if dialog.exec() == QDialog.DialogCode.Accepted else None


def creator_for(parent: QWidget, editing: Editing) -> Creator:
    """How a picker adds the record a typed name asks for: the New record form, filled in, for the
    analyst to complete and confirm; a Statute article straight from the shipped text ("87(7)")."""

    def create(kind: Kind, text: str) -> str | None:
        if kind == Kind.ARTICLE:
            try:
                return editing.create(kind, {"number": text})
            except CasefileError:
                return None  # not an article number: the field says so when its value is read
        name = spec(kind).name_field  # the field a typed name fills
        return NewRecordDialog.ask(parent, editing, kind, {name: text} if name else {})

    return create
