"""The Precedents panel: the shipped ICC decisions and the case's own, filterable; a double-click shows all.

Case precedents are records: Add opens the new-record dialog, Edit opens the record's details (each field
an undoable edit), Delete is an undoable delete. Shipped ones are reference data and cannot be changed.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casefile.domain.kinds import choice_label
from casefile.domain.precedents import OUTCOME_WORDS, Precedent
from casefile.ui.models.plain_table import PlainTableModel


def _day(precedent: Precedent) -> str:
    return precedent.decision_date.isoformat() if precedent.decision_date else "not found"


def verification(precedent: Precedent) -> str:
    if precedent.record_id:
        by = f" by {precedent.recorded_by}" if precedent.recorded_by else ""
        return f"added to this case{by}"
    return precedent.verification.replace("_", " ")


COLUMNS = (
    ("Person", lambda p: p.person),
    ("State", lambda p: p.host_state),
    ("Decided", _day),
    ("Court", lambda p: p.chamber),
    ("Claim", lambda p: choice_label(p.claim) if p.claim else "not recorded"),
    ("Outcome", lambda p: OUTCOME_WORDS[p.outcome]),
    ("Verification", verification),
)


def details(precedent: Precedent) -> str:
    """Everything about one precedent, in plain text, for the details window."""
    visit = ""
    if precedent.visit_start:
        end = f" to {precedent.visit_end.isoformat()}" if precedent.visit_end else ""
        visit = f"Visit: {precedent.visit_start.isoformat()}{end}\n"
    notes = f"\nNotes: {precedent.notes}" if precedent.notes else ""
    return (
        f"{precedent.describe()}\n\n{visit}Summary: {precedent.summary or '(none)'}\n\n"
        f"Sources: {precedent.source or '(none)'}\nVerification: {verification(precedent)}{notes}"
    )


class PrecedentDialogs:
    """The details window, behind a class method tests can replace."""

    @classmethod
    def show_details(cls, parent: QWidget | None, precedent: Precedent) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "Precedent", details(precedent), parent=parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()


class PrecedentsPanel(QWidget):
    open_record = Signal(str)
    add_requested = Signal()
    delete_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Precedents")
        self.model: PlainTableModel[Precedent] = PlainTableModel(COLUMNS, lambda p: p.record_id, details, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter by person, state, court, claim, outcome…")
        self.filter.setAccessibleName("Filter the precedents")
        self.filter.textChanged.connect(self._filter_changed)
        self.count = QLabel(self)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setAccessibleName("Precedents, shipped and added to this case")
        self.table.verticalHeader().setVisible(False)  # no unnamed corner button; rows need no numbers
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._on_double_click)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton("Add precedent…", self)
        self.edit_button = QPushButton("Edit", self)
        self.delete_button = QPushButton("Delete", self)
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(self._edit)
        self.delete_button.clicked.connect(self._delete)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.editable = False
        self._update_buttons()

    def set_precedents(self, precedents: tuple[Precedent, ...] | list[Precedent], *, editable: bool) -> None:
        self.editable = editable
        self.model.set_rows(precedents)
        self.table.resizeColumnsToContents()
        self._show_count()
        self._update_buttons()

    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._show_count()

    def _show_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"{shown} of {total} precedents" if shown != total else f"{total} precedents")

    def selected(self) -> Precedent | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def _update_buttons(self, *_: object) -> None:
        chosen = self.selected()
        own = chosen is not None and chosen.record_id is not None
        self.add_button.setEnabled(self.editable)
        self.edit_button.setEnabled(self.editable and own)
        self.delete_button.setEnabled(self.editable and own)

    def _edit(self) -> None:
        chosen = self.selected()
        if chosen is not None and chosen.record_id:
            self.open_record.emit(chosen.record_id)

    def _delete(self) -> None:
        chosen = self.selected()
        if chosen is not None and chosen.record_id:
            self.delete_requested.emit(chosen.record_id)

    def _on_double_click(self, index: QModelIndex) -> None:
        PrecedentDialogs.show_details(self, self.model.row_at(self.proxy.mapToSource(index).row()))
