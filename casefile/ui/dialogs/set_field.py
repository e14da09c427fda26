"""Edit › Set Field for Selected…: one field, one value, for every record selected in the table."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from casefile.domain.errors import ValidationError
from casefile.domain.kinds import FieldSpec, Kind, spec
from casefile.domain.validation import clean_fields
from casefile.ui.table_editing import plain_fields
from casefile.ui.widgets.field_editors import FieldEditor, make_editor


class SetFieldDialog(QDialog):
    def __init__(self, kind: Kind, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        kind_spec = spec(kind)
        what = kind_spec.label.lower() if count == 1 else f"{count} {kind_spec.plural.lower()}"
        self.setWindowTitle(f"Set a Field for {kind_spec.label if count == 1 else f'{count} {kind_spec.plural}'}")
        self.kind = kind
        self.fields: list[FieldSpec] = plain_fields(kind)
        self.field_box = QComboBox(self)
        self.field_box.setAccessibleName("Field")
        for field in self.fields:
            self.field_box.addItem(field.label, field.name)
        self.form = QFormLayout()
        self.form.addRow("&Field", self.field_box)
        self.editor: FieldEditor | None = None
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        intro = QLabel(f"Every one of the {what} selected gets this value; Undo puts back what each had.", self)
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.field_box.currentIndexChanged.connect(self._show_editor)
        self._show_editor()
        self.value: Any = None

    def field(self) -> FieldSpec:
        return self.fields[self.field_box.currentIndex()]

    def _show_editor(self) -> None:
        if self.editor is not None:
            self.form.removeRow(1)
        self.editor = make_editor(self.field(), lambda *_: [], self)
        self.editor.set_value(None)
        self.form.addRow("&Value", self.editor.widget)
        self.problem.clear()

    def accept(self) -> None:
        assert self.editor is not None
        try:
            self.value = self.editor.value()
            # Checked here as the save will check it, so a date that is no date is fixed in the box.
            clean_fields(self.kind, {self.field().name: self.value}, iso_codes=(), complete=False)
        except ValidationError as exc:
            # What was typed stays in the box, with what is wrong under it.
            self.problem.setText("; ".join(f"{self.field().label}: {p.message}" for p in exc.problems))
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget, kind: Kind, count: int) -> tuple[str, Any] | None:
        dialog = cls(kind, count, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.field().name, dialog.value
