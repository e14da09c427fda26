"""File › Import ▸ Spreadsheet…: what was detected, columns → fields, and the first rows as they will be stored.

The dialog never writes. Each change of kind, mapping or look-alike choice plans the whole sheet
again in a worker (services/table_import.plan); OK is enabled only when the plan has no problem
and no undecided look-alike, and the reason is shown while it is not.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from casefile.domain import table_import as domain
from casefile.domain.errors import CasefileError
from casefile.domain.kinds import RECORD_KINDS, FieldType, Kind, spec
from casefile.export.sheets import Sheet
from casefile.services import table_export
from casefile.services import table_import as service
from casefile.services.labels import labels
from casefile.ui.widgets.record_form import ERROR_STYLE

AnyIndex = QModelIndex | QPersistentModelIndex
NOT_IMPORTED = "(not imported)"
PREVIEW_ROWS = 100
_ROW = re.compile(r"^row (\d+): (.*)$", re.DOTALL)
_PROBLEM_BRUSH = QBrush(QColor("#fde7e9"))
_NOTE_BRUSH = QBrush(QColor("#fff3cd"))


@dataclass(frozen=True)
class PreviewRow:
    number: int
    cells: tuple[str, ...]
    note: str
    problem: bool


@dataclass(frozen=True)
class PlanView:
    """A plan and the first rows as they will be stored; or why there is no plan (a mapping refused)."""

    plan: service.TablePlan | None
    columns: tuple[tuple[int, str], ...]  # (sheet column, field name or "id") shown in the preview
    rows: tuple[PreviewRow, ...]
    refused: str = ""

    @property
    def reasons(self) -> tuple[str, ...]:
        if self.plan is None:
            return (self.refused,)
        return self.plan.blocked


@dataclass(frozen=True)
class TableChoice:
    kind: Kind
    mapping: dict[int, str]
    duplicates: service.Duplicates


def plan_view(
    session: Session, sheet: Sheet, kind: Kind, mapping: dict[int, str], duplicates: service.Duplicates
) -> PlanView:
    """Plan the whole sheet (as the import will), and describe its first rows for the preview."""
    columns = tuple(sorted(mapping.items()))
    try:
        plan = service.plan(session, kind, sheet.rows, mapping, sheet.headers, duplicates)
    except CasefileError as exc:
        rows = tuple(PreviewRow(n, _raw(cells, columns), "", False) for n, cells in sheet.rows[:PREVIEW_ROWS])
        return PlanView(None, columns, rows, f"{exc.message} {exc.hint}".strip())
    return PlanView(plan, columns, _preview(session, sheet, kind, plan, columns))


def _raw(cells: tuple[str, ...], columns: tuple[tuple[int, str], ...]) -> tuple[str, ...]:
    return tuple(cells[i] if i < len(cells) else "" for i, _name in columns)


def _preview(
    session: Session, sheet: Sheet, kind: Kind, plan: service.TablePlan, columns: tuple[tuple[int, str], ...]
) -> tuple[PreviewRow, ...]:
    first = sheet.rows[:PREVIEW_ROWS]
    numbers = {n for n, _cells in first}
    new = {r.number: r for r in plan.new if r.number in numbers}
    changed = {c.number: c for c in plan.changed if c.number in numbers}
    alike = {a.number: a for a in plan.look_alikes}
    skipped = {s.number: s for s in plan.skipped}
    problems: dict[int, list[str]] = {}
    for text in plan.problems:
        if m := _ROW.match(text):
            problems.setdefault(int(m[1]), []).append(m[2])
    fields = spec(kind)
    refs = {i for r in [*new.values(), *changed.values()] for name, v in r.values.items()
            if name in fields.names and fields.field(name).type in (FieldType.REF, FieldType.REFS)
            for i in (v if isinstance(v, list) else [v]) if i}  # fmt: skip
    names = {rid: label.text for rid, label in labels(session, refs).items()}
    rows = []
    for number, cells in first:
        raw = _raw(cells, columns)
        planned = new.get(number) or changed.get(number)
        if planned is not None:
            shown = tuple(
                raw[k] if name == domain.ID_COLUMN or name not in planned.values
                else table_export.cell(fields.field(name), planned.values[name], names)
                for k, (_i, name) in enumerate(columns)
            )  # fmt: skip
            note = "new" if number in new else f"changes {', '.join(changed[number].labels)}"
            rows.append(PreviewRow(number, shown, note, False))
        elif number in problems:
            rows.append(PreviewRow(number, raw, "; ".join(problems[number]), True))
        elif number in alike:
            note = f"the case already has '{alike[number].label}': choose below"
            rows.append(PreviewRow(number, raw, note, True))
        elif number in skipped:
            rows.append(PreviewRow(number, raw, f"skipped: the case already has '{skipped[number].label}'", False))
        else:
            rows.append(PreviewRow(number, raw, "already in the case, unchanged", False))
    return tuple(rows)


class MappingModel(QAbstractTableModel):
    """One row per sheet column: its header, and the field it fills (editable)."""

    mapping_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers: tuple[str, ...] = ()
        self._fields: list[str] = []  # per sheet column: a field name, "id", or "" for not imported
        self.choices: list[tuple[str, str]] = []

    def set_sheet(self, kind: Kind, headers: tuple[str, ...], mapping: dict[int, str]) -> None:
        self.beginResetModel()
        self._headers = headers
        self._fields = [mapping.get(i, "") for i in range(len(headers))]
        self.choices = [("", NOT_IMPORTED), (domain.ID_COLUMN, "ID (matches records of the case)")]
        needed = {f.name for f in spec(kind).fields if f.required and f.default is None}  # starred, as in forms
        self.choices += [(f.name, f.label + ("*" if f.name in needed else "")) for f in spec(kind).fields]
        self.endResetModel()

    def mapping(self) -> dict[int, str]:
        return {i: name for i, name in enumerate(self._fields) if name}

    def label_of(self, name: str) -> str:
        return dict(self.choices).get(name, name)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and section in (0, 1):
            return ("Column in the sheet", "Field in Casefile")[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._headers):
            return None
        if index.column() == 0 and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._headers[index.row()] or f"(column {index.row() + 1} has no name)"
        if index.column() == 1:
            name = self._fields[index.row()]
            if role == Qt.ItemDataRole.EditRole:
                return name
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return self.label_of(name)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == 1 else base

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 1 or role != Qt.ItemDataRole.EditRole:
            return False
        name = str(value or "")
        if name not in dict(self.choices) or self._fields[index.row()] == name:
            return False
        # A field takes one column: choosing it here frees the column that had it.
        for row, current in enumerate(self._fields):
            if name and current == name and row != index.row():
                self._fields[row] = ""
                self.dataChanged.emit(self.index(row, 1), self.index(row, 1))
        self._fields[index.row()] = name
        self.dataChanged.emit(index, index)
        self.mapping_changed.emit()
        return True


class FieldDelegate(QStyledItemDelegate):
    """A combo box of the kind's fields for the mapping's second column."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName("Field for this column")
        model = index.model()
        for name, label in getattr(model, "choices", []):
            combo.addItem(label, name)
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class PreviewModel(QAbstractTableModel):
    """The first rows as they will be stored, each with its problem or what happens to it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers: list[str] = []
        self._rows: tuple[PreviewRow, ...] = ()

    def set_view(self, view: PlanView, label_of: Callable[[str], str]) -> None:
        self.beginResetModel()
        self._headers = ["Row", *(label_of(name).rstrip("*") for _i, name in view.columns), "Problem or note"]
        self._rows = view.rows
        self.endResetModel()

    def row_at(self, row: int) -> PreviewRow:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return str(row.number)
            if column == len(self._headers) - 1:
                return row.note
            return row.cells[column - 1] if column - 1 < len(row.cells) else ""
        if role == Qt.ItemDataRole.BackgroundRole and row.problem:
            return _PROBLEM_BRUSH if column == len(self._headers) - 1 else _NOTE_BRUSH
        return None


Planner = Callable[[Kind, dict[int, str], service.Duplicates, Callable[[PlanView], None]], None]


class TableImportDialog(QDialog):
    planned = Signal(object)  # the PlanView now shown

    def __init__(self, sheet: Sheet, file_name: str, kind: Kind, planner: Planner, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import {file_name}")
        self.setAccessibleName("Import a spreadsheet")
        self.sheet = sheet
        self._planner = planner
        self._asked = 0  # the plan shown must answer the latest question
        self.view: PlanView | None = None
        self.kind = QComboBox(self)
        self.kind.setAccessibleName("Kind of record in the sheet")
        for each in RECORD_KINDS:
            self.kind.addItem(spec(each).plural, each)
        self.kind.setCurrentIndex(RECORD_KINDS.index(kind))
        rows = len(sheet.rows)
        self.detected = QLabel(f"{file_name}: {sheet.described}; {rows:,} row{'s' if rows != 1 else ''}", self)
        self.detected.setAccessibleName("What was detected")
        self.detected.setTextFormat(Qt.TextFormat.PlainText)
        self.mapping_model = MappingModel(self)
        self.mapping_view = self._table(self.mapping_model, "Columns and fields")
        self.mapping_view.setItemDelegateForColumn(1, FieldDelegate(self.mapping_view))
        self.mapping_view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.preview_model = PreviewModel(self)
        self.preview_view = self._table(self.preview_model, "The first rows as they will be stored")
        self.look_alikes = QGroupBox("Rows that look like records the case already has", self)
        self.look_alike_text = QLabel(self.look_alikes)
        self.look_alike_text.setWordWrap(True)
        self.look_alike_text.setTextFormat(Qt.TextFormat.PlainText)
        self.skip = QRadioButton("Skip these rows", self.look_alikes)
        self.add_anyway = QRadioButton("Add them anyway, as new records", self.look_alikes)
        self._choice = QButtonGroup(self)
        for button in (self.skip, self.add_anyway):
            self._choice.addButton(button)
            button.toggled.connect(self._on_choice)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.reason = QLabel(self)
        self.reason.setStyleSheet(ERROR_STYLE)
        self.reason.setWordWrap(True)
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.reason.setAccessibleName("Why the import cannot go ahead")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._layout()
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.mapping_model.mapping_changed.connect(self.replan)
        self.mapping_model.set_sheet(kind, sheet.headers, domain.suggest_mapping(kind, sheet.headers))
        self.resize(1100, 700)
        self.replan()

    def _table(self, model: QAbstractTableModel, name: str) -> QTableView:
        view = QTableView(self)
        view.setModel(model)
        view.setAccessibleName(name)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.horizontalHeader().setStretchLastSection(True)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.setWordWrap(False)
        return view

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow("Records of kind", self.kind)
        form.addRow("Detected", self.detected)
        choices = QVBoxLayout(self.look_alikes)
        choices.addWidget(self.look_alike_text)
        row = QHBoxLayout()
        row.addWidget(self.skip)
        row.addWidget(self.add_anyway)
        row.addStretch()
        choices.addLayout(row)
        self.look_alikes.hide()
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.mapping_view)
        split.addWidget(self.preview_view)
        split.setSizes([330, 770])
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(split, 1)
        layout.addWidget(self.look_alikes)
        layout.addWidget(self.summary)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.mapping_view.setColumnWidth(0, 150)

    # -- planning --------------------------------------------------------------------------------
    def current_kind(self) -> Kind:
        return Kind(self.kind.currentData())

    def duplicates(self) -> service.Duplicates:
        if self.skip.isChecked():
            return service.Duplicates.SKIP
        if self.add_anyway.isChecked():
            return service.Duplicates.ADD
        return service.Duplicates.ASK

    def _on_kind(self) -> None:
        kind = self.current_kind()
        self.mapping_model.set_sheet(kind, self.sheet.headers, domain.suggest_mapping(kind, self.sheet.headers))
        self.replan()

    def _on_choice(self, checked: bool) -> None:
        if checked:
            self.replan()

    def set_field(self, header: str, name: str | None) -> None:
        """Map the column with this header to a field (None: not imported), as the combo box does."""
        row = next(i for i, h in enumerate(self.sheet.headers) if domain.header_key(h) == domain.header_key(header))
        self.mapping_model.setData(self.mapping_model.index(row, 1), name or "")

    def replan(self) -> None:
        self._asked += 1
        asked = self._asked
        self.ok.setEnabled(False)
        self.reason.setText("Checking the whole sheet…")

        def done(view: PlanView) -> None:
            if asked == self._asked:
                self._show(view)

        self._planner(self.current_kind(), self.mapping_model.mapping(), self.duplicates(), done)

    def _show(self, view: PlanView) -> None:
        self.view = view
        self.preview_model.set_view(view, self.mapping_model.label_of)
        for column in range(self.preview_model.columnCount() - 1):  # the problem column takes the rest
            self.preview_view.resizeColumnToContents(column)
            self.preview_view.setColumnWidth(column, min(self.preview_view.columnWidth(column), 200))
        plan = view.plan
        self.summary.setText(" ".join(plan.summary()[:1]) if plan else "")
        reasons = view.reasons
        if reasons:
            listed = "\n".join(f"• {r}" for r in reasons[:8])
            more = f"\n…and {len(reasons) - 8} more" if len(reasons) > 8 else ""
            head = "Nothing can be imported yet:" if plan else "This mapping cannot be imported:"
            self.reason.setText(f"{head}\n{listed}{more}")
        elif plan is not None and not (plan.new or plan.changed):
            self.reason.setText("Every row is already in the case: there is nothing to import.")
        else:
            self.reason.setText("")
        waiting = plan is not None and (plan.look_alikes or plan.skipped or self.duplicates() != service.Duplicates.ASK)
        self.look_alikes.setVisible(bool(waiting))
        if plan is not None and plan.look_alikes:
            names = ", ".join(f"row {a.number} ('{a.label}')" for a in plan.look_alikes[:6])
            self.look_alike_text.setText(f"{len(plan.look_alikes)} rows name records the case already has: {names}.")
        self.ok.setEnabled(plan is not None and not reasons and bool(plan.new or plan.changed))
        self.planned.emit(view)

    def choice(self) -> TableChoice:
        return TableChoice(self.current_kind(), self.mapping_model.mapping(), self.duplicates())

    def accept(self) -> None:
        if not self.ok.isEnabled():
            return
        super().accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, sheet: Sheet, file_name: str, kind: Kind, planner: Planner
    ) -> TableChoice | None:
        dialog = cls(sheet, file_name, kind, planner, parent)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
