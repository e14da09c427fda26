"""Link to…: choose the kind of link and the other record by typing a few letters of it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casefile.domain.kinds import LINK_KIND_SUGGESTIONS, RECORD_KINDS, Kind
from casefile.services import search
from casefile.ui.editing import Editing
from casefile.ui.models.search_results import HIT_COLUMN, SearchResultsModel

LINKABLE = tuple(k for k in RECORD_KINDS if k != Kind.LINK)


@dataclass(frozen=True)
class LinkChoice:
    kind: str
    target_id: str
    note: str | None
    date: str | None


class LinkDialog(QDialog):
    def __init__(self, editing: Editing, source_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Link to…")
        self.setAccessibleName("Link to another record")
        self._editing = editing
        self._source_id = source_id
        self.kind = QComboBox(self)
        self.kind.setEditable(True)
        self.kind.addItems(LINK_KIND_SUGGESTIONS)
        self.kind.setCurrentText("comments on")
        self.kind.setAccessibleName("Kind of link")
        self.query = QLineEdit(self)
        self.query.setPlaceholderText("Type a few letters of any record…")
        self.query.setAccessibleName("Find the record to link to")
        self.results = SearchResultsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.results)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setColumnWidth(0, 110)
        self.table.setColumnWidth(1, 240)
        self.table.setColumnHidden(HIT_COLUMN, True)  # the dialog is wide: kind, record and match in columns
        self.table.setAccessibleName("Matching records")
        self.table.doubleClicked.connect(self.accept)
        self.note = QLineEdit(self)
        self.note.setAccessibleName("Note")
        self.date = QLineEdit(self)
        self.date.setPlaceholderText("2023, 2023-03 or 2023-03-17")
        self.date.setAccessibleName("Date")
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b00020;")
        self._layout()
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(self._timer.start)

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(f"From: {self._editing.label_of(self._source_id)}", QWidget(self))
        form.addRow("Kind of link", self.kind)
        form.addRow("To", self.query)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table)
        extra = QFormLayout()
        extra.addRow("Note", self.note)
        extra.addRow("Date", self.date)
        layout.addLayout(extra)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 460)

    def run_search(self) -> None:
        text = self.query.text()
        hits = self._editing.document.read(lambda s: search.search(s, text, limit=100, kinds=LINKABLE))
        self.results.set_hits([h for h in hits if h.id != self._source_id])
        if self.results.rowCount():
            self.table.selectRow(0)

    def choice(self) -> LinkChoice | None:
        row = self.table.currentIndex().row()
        if row < 0 or row >= self.results.rowCount() or not self.kind.currentText().strip():
            return None
        hit = self.results.hit_at(row)
        return LinkChoice(self.kind.currentText().strip(), hit.id, self.note.text() or None, self.date.text() or None)

    def accept(self) -> None:
        if self.choice() is None:
            self.problem.setText("Choose the record to link to, and the kind of link.")
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, editing: Editing, source_id: str) -> LinkChoice | None:
        dialog = cls(editing, source_id, parent)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
