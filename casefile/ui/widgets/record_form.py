"""A form for one kind of record, built from its field specs, with inline validation messages."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from casefile.domain.errors import CasefileError, FieldProblem, ValidationError
from casefile.domain.kinds import FieldSpec, FieldType, Kind, spec
from casefile.ui.widgets.field_editors import ChoiceSource, Creator, FieldEditor, make_editor

ERROR_STYLE = "color: #b00020;"


class RecordForm(QWidget):
    """Shows one record's fields. Emits field_edited(name, value) when the user confirms a field."""

    field_edited = Signal(str, object)

    def __init__(
        self, kind: Kind, choices: ChoiceSource, parent: QWidget | None = None, creator: Creator | None = None
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.editors: dict[str, FieldEditor] = {}
        self._errors: dict[str, QLabel] = {}
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # Labels above fields: a narrow side panel then gives the text the whole width.
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for field in spec(kind).fields:
            self._add_row(layout, field, choices, creator)

    def _add_row(self, layout: QFormLayout, field: FieldSpec, choices: ChoiceSource, creator: Creator | None) -> None:
        editor = make_editor(field, choices, self, creator)
        editor.committed.connect(self._on_committed)
        error = QLabel(self)
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setAccessibleName(f"{field.label} problem")
        error.hide()
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(editor.widget)
        column.addWidget(error)
        label = "" if field.type == FieldType.BOOL else field.label + ("*" if field.required else "")
        layout.addRow(label, box)
        self.editors[field.name] = editor
        self._errors[field.name] = error

    def _on_committed(self) -> None:
        editor = self.sender()
        if not isinstance(editor, FieldEditor):
            return
        name = editor.field.name
        try:
            value = editor.value()
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return
        self.clear_problem(name)
        self.field_edited.emit(name, value)

    def set_values(self, values: dict[str, Any]) -> None:
        for name, editor in self.editors.items():
            editor.blockSignals(True)
            editor.set_value(values.get(name, spec(self.kind).field(name).default))
            editor.blockSignals(False)
        self.clear_problems()

    def values(self) -> dict[str, Any]:
        """Every field as entered; raises ValidationError (and shows it) if a picker holds unknown text."""
        values, problems = {}, []
        for name, editor in self.editors.items():
            try:
                values[name] = editor.value()
            except ValidationError as exc:
                problems += exc.problems
        if problems:
            self.show_problems(problems)
            raise ValidationError(problems)
        return values

    def show_problems(self, problems: list[FieldProblem]) -> list[FieldProblem]:
        """Show each problem under its field; return those that name no field of this form."""
        unplaced = []
        for problem in problems:
            label = self._errors.get(problem.field)
            if label is None:
                unplaced.append(problem)
                continue
            label.setText(problem.message)
            label.show()
        return unplaced

    def clear_problem(self, name: str) -> None:
        self._errors[name].hide()
        self._errors[name].clear()

    def clear_problems(self) -> None:
        for name in self._errors:
            self.clear_problem(name)

    def problem_text(self, name: str) -> str:
        label = self._errors[name]
        return label.text() if label.isVisibleTo(self) else ""

    def minimumSizeHint(self) -> QSize:
        # In a scroll area (the Details panel, the New record dialog) the form is never squeezed below its
        # natural height, where fields would overlap and the last be cut off: the area scrolls instead.
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), self.sizeHint().height()))

    def set_read_only(self, read_only: bool) -> None:
        for editor in self.editors.values():
            editor.widget.setEnabled(not read_only and not getattr(editor, "fixed", False))


def scrolled_with_problem(form: RecordForm, parent: QWidget) -> tuple[QScrollArea, QLabel]:
    """A form in a scroll area, and the label under it for problems that belong to no field."""
    scroll = QScrollArea(parent)
    scroll.setWidgetResizable(True)
    scroll.setWidget(form)
    problem = QLabel(parent)
    problem.setStyleSheet(ERROR_STYLE)
    problem.setWordWrap(True)
    return scroll, problem


def refusal_text(form: RecordForm, error: CasefileError) -> str:
    """Put each problem beside its field; return the text for problems that belong to no field."""
    if isinstance(error, ValidationError):
        unplaced = form.show_problems(error.problems)
        return "; ".join(str(p) for p in unplaced) or "Please correct the fields marked in red."
    return str(error)
