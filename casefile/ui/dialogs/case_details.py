"""Edit › Case Details…: the case's title, summary, classification marking and analyst."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from casefile.domain.errors import CasefileError
from casefile.domain.kinds import Kind
from casefile.services import case as case_service
from casefile.ui.editing import Editing
from casefile.ui.widgets.record_form import ERROR_STYLE, RecordForm, refusal_text


class CaseDetailsDialog(QDialog):
    def __init__(self, editing: Editing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Case details")
        self.setAccessibleName("Case details")
        self._editing = editing
        self.record = editing.document.read(case_service.the_case)
        self.form = RecordForm(Kind.CASE, editing.choices, self)
        self.form.set_values(self.record.values)
        self.problem = QLabel(self)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def changed_values(self) -> dict[str, Any]:
        values = self.form.values()
        return {name: v for name, v in values.items() if (v or None) != (self.record.values.get(name) or None)}

    def accept(self) -> None:
        """Save every changed field as one undoable step."""
        try:
            changes = self.changed_values()
            if changes:
                self._editing.edit_fields(self.record, changes, "Edit case details")
        except CasefileError as exc:
            self.problem.setText(refusal_text(self.form, exc))
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, editing: Editing) -> bool:
        return cls(editing, parent).exec() == QDialog.DialogCode.Accepted
