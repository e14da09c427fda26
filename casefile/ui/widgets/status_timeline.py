"""A State's ICC status as a timeline of events (shipped and corrected), shown under its details.

Add, Correct and Dispute open the new-record dialog for a status correction, filled in for the chosen
event; saving is one undoable edit, recorded in the audit trail in the same transaction (services/records).
Double-clicking an event the case corrected opens the correction's record.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casefile.domain.kinds import Kind
from casefile.services import status_corrections
from casefile.services.status_corrections import TimelineEntry
from casefile.ui.dialogs.new_record import NewRecordDialog
from casefile.ui.editing import Editing
from casefile.ui.models.plain_table import PlainTableModel

_COLUMNS = (
    ("Date", lambda e: e.date.isoformat() if e.date else "undated"),
    ("Event", lambda e: e.text),
    ("Source", lambda e: e.source),
    ("Verification", lambda e: e.verification.replace("_", " ")),
)


def _tip(entry: TimelineEntry) -> str:
    return f"{entry.text}\n\nSource: {entry.source}\nVerification: {entry.verification}"


class StatusTimelinePanel(QWidget):
    open_record = Signal(str)
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("ICC status timeline")
        self._editing: Editing | None = None
        self.iso2: str | None = None
        self.title = QLabel("ICC status: events after entry into force, with their sources", self)
        self.title.setWordWrap(True)
        self.model: PlainTableModel[TimelineEntry] = PlainTableModel(
            _COLUMNS, lambda e: e.correction_ids[-1] if e.correction_ids else None, _tip, self
        )
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("ICC status events")
        self.table.verticalHeader().setVisible(False)  # no unnamed corner button; rows need no numbers
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)  # one line per event; the tooltip holds its words and source whole
        self.table.setMinimumHeight(110)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the event's words matter most
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(2, 80)  # sources are long addresses: the tooltip shows them whole
        self.table.doubleClicked.connect(self._on_double_click)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton("Add event…", self)
        self.correct_button = QPushButton("Correct…", self)
        self.dispute_button = QPushButton("Dispute…", self)
        self.add_button.clicked.connect(lambda: self.correct("add"))
        self.correct_button.clicked.connect(lambda: self.correct("replace"))
        self.dispute_button.clicked.connect(lambda: self.correct("dispute"))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.correct_button, self.dispute_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.setVisible(False)

    def set_editing(self, editing: Editing | None) -> None:
        self._editing = editing
        self.show_state(None)

    def show_state(self, iso2: str | None) -> None:
        self.iso2 = iso2.upper() if iso2 else None
        self.setVisible(self.iso2 is not None and self._editing is not None)
        self.refresh()

    def refresh(self) -> None:
        if self._editing is None or self.iso2 is None:
            self.model.set_rows([])
        else:
            code = self.iso2
            self.model.set_rows(self._editing.document.read(lambda s: status_corrections.timeline(s, code)))
        self._update_buttons()

    def selected(self) -> TimelineEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self, *_: object) -> None:
        editable = self._editing is not None and self._editing.document.editable
        entry = self.selected()
        self.add_button.setEnabled(editable)
        for button in (self.correct_button, self.dispute_button):
            button.setEnabled(editable and entry is not None and bool(entry.key))

    def correct(self, action: str) -> str | None:
        """Open the correction dialog for the selected event (or a new one); saved as one undoable edit."""
        if self._editing is None or self.iso2 is None:
            return None
        initial: dict[str, object] = {"iso2": self.iso2, "action": action}
        entry = self.selected()
        if action != "add":
            if entry is None or not entry.key:
                return None
            initial["event"] = entry.key
            if action == "replace":
                initial["event_kind"] = entry.key.split(":")[1]
        created = NewRecordDialog.ask(self, self._editing, Kind.STATUS_CORRECTION, initial)
        if created:
            self.refresh()
            self.changed.emit()
        return created

    def _on_double_click(self, index: QModelIndex) -> None:
        entry = self.model.row_at(index.row())
        if entry.correction_ids:
            self.open_record.emit(entry.correction_ids[-1])
