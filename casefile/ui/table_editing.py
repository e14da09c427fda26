"""Editing in the records table: a plain field's cell is edited where it is (F2 or a double-click).

Only fields that fit a cell are edited there: text, dates, choices, web addresses. A reference
(who a warrant is for), a long text or a list stays in the Details form, where there is room and a
picker. The cell's editor is the Details form's own (`make_editor`), so a date is read the same way
("17.03.2023", "March 2023") and a choice shows its label. Enter saves, as one undoable edit through
the same path as the form; Esc leaves the cell as it was. A value that cannot be saved is explained,
and the cell opens again with what was typed in it, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from casefile.domain.errors import CasefileError, FieldProblem, ValidationError
from casefile.domain.kinds import FieldSpec, FieldType, Kind, spec
from casefile.ui.editing import Editing
from casefile.ui.models.record_table import RecordTableModel
from casefile.ui.models.roles import IdRole
from casefile.ui.widgets.field_editors import FieldEditor, make_editor

AnyIndex = QModelIndex | QPersistentModelIndex
IN_CELL = frozenset({FieldType.TEXT, FieldType.DATE, FieldType.CHOICE, FieldType.INTEGER_CHOICE, FieldType.URL})


def cell_fields(kind: Kind) -> dict[int, FieldSpec]:
    """The table's columns that are edited in the cell: one plain field each, shown as it is stored."""
    kind_spec = spec(kind)
    found: dict[int, FieldSpec] = {}
    for column, shown in enumerate(kind_spec.columns):
        if len(shown.fields) == 1 and not shown.joined:
            field = kind_spec.field(shown.fields[0])
            if field.type in IN_CELL:
                found[column] = field
    return found


def plain_fields(kind: Kind) -> list[FieldSpec]:
    """Every field of the kind that one typed or chosen value fills (Set Field for Selected… offers these)."""
    return [field for field in spec(kind).fields if field.type in IN_CELL | {FieldType.BOOL}]


class WindowForTable(Protocol):
    """What the table's editing may ask of the window."""

    editing: Editing | None

    def show_error(self, error: BaseException) -> None: ...


class CellDelegate(QStyledItemDelegate):
    """Makes the Details form's editor for a cell, and hands what was typed to `save` when it closes."""

    def __init__(
        self, table: QTableView, fields: Callable[[], dict[int, FieldSpec]], save: Callable[..., None]
    ) -> None:
        super().__init__(table)
        self._fields = fields
        self._save = save
        self._editors: dict[QWidget, FieldEditor] = {}
        self.retyped: dict[tuple[str, int], str] = {}  # a refused value, put back when the cell reopens
        self.stored: Callable[[str], dict[str, Any]] | None = None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        field = self._fields()[index.column()]
        editor = make_editor(field, lambda *_: [], self)
        editor.widget.setParent(parent)
        self._editors[editor.widget] = editor
        editor.widget.destroyed.connect(lambda _=None, w=editor.widget: self._editors.pop(w, None))
        return editor.widget

    def setEditorData(self, widget: QWidget, index: AnyIndex) -> None:
        editor = self._editors.get(widget)
        if editor is None or self.stored is None:
            return
        record_id = str(index.data(IdRole))
        editor.set_value(self.stored(record_id).get(editor.field.name))
        again = self.retyped.pop((record_id, index.column()), None)
        if again is not None and isinstance(widget, QLineEdit):
            widget.setText(again)

    def setModelData(self, widget: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        editor = self._editors.get(widget)
        if editor is None:
            return
        typed = widget.text() if isinstance(widget, QLineEdit) else None
        if typed is not None and not editor.is_dirty():
            return  # opened and closed without a change
        try:
            value = editor.value()
        except ValidationError as exc:
            self._save(index, editor.field, exc, typed)
            return
        self._save(index, editor.field, value, typed)

    def updateEditorGeometry(self, widget: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        widget.setGeometry(option.rect)


class TableEditing(QObject):
    """Wires cell editing into the window's records table."""

    def __init__(self, window: WindowForTable, table: QTableView, model: RecordTableModel) -> None:
        super().__init__(table)
        self.window, self.table, self.model = window, table, model
        self.delegate = CellDelegate(table, self.fields, self._save_later)
        self.delegate.stored = self._stored
        table.setItemDelegate(self.delegate)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )

    def fields(self) -> dict[int, FieldSpec]:
        return cell_fields(self.model.kind) if self.model.kind is not None else {}

    def follow(self, editable: bool) -> None:
        """Say which columns are edited in the cell, for the kind shown (none when the case is read-only)."""
        self.model.set_editable_columns(frozenset(self.fields()) if editable else frozenset())

    def _stored(self, record_id: str) -> dict[str, Any]:
        editing = self.window.editing
        return editing.record(record_id).values if editing is not None else {}

    def _save_later(self, index: AnyIndex, field: FieldSpec, value: Any, typed: str | None) -> None:
        # After the cell's editor has closed: the change report redraws the table, which must not
        # happen under an editor that is still open.
        record_id, column = str(index.data(IdRole)), index.column()
        QTimer.singleShot(0, self, lambda: self._save(record_id, column, field, value, typed))

    def _save(self, record_id: str, column: int, field: FieldSpec, value: Any, typed: str | None) -> None:
        editing = self.window.editing
        if editing is None:
            return
        try:
            if isinstance(value, ValidationError):
                raise value
            editing.edit_field(editing.record(record_id), field.name, value, initiator=self.table)
        except CasefileError as exc:
            if isinstance(exc, ValidationError):
                exc = ValidationError([under_label(p, field) for p in exc.problems])
            self.window.show_error(exc)
            self._reopen(record_id, column, typed)

    def _reopen(self, record_id: str, column: int, typed: str | None) -> None:
        row = self.model.row_of(record_id)
        if row < 0:
            return
        if typed is not None:
            self.delegate.retyped[(record_id, column)] = typed
        index = self.model.index(row, column)
        self.table.setCurrentIndex(index)
        self.table.edit(index)


def under_label(problem: FieldProblem, field: FieldSpec) -> FieldProblem:
    """The problem under the field's label ("First day: …"), never its internal name."""
    return FieldProblem("", f"{field.label}: {problem.message}")
