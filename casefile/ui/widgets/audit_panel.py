"""The audit trail panel: a read-only list of what was done to the case, or to the selected record."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from casefile import identity
from casefile.domain.audit import AuditEntry, ChainBreak, action_label, describe
from casefile.ui.models.roles import IdRole, KindRole

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    WHEN = 0
    WHO = 1
    ACTION = 2
    RECORD = 3
    WHAT = 4


HEADERS = {
    Column.WHEN: "When",
    Column.WHO: "Who",
    Column.ACTION: "Action",
    Column.RECORD: "Record",
    Column.WHAT: "What",
}
SeqRole = Qt.ItemDataRole.UserRole + 10
UUID_TEXT = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")


def when_text(entry: AuditEntry) -> str:
    """The date and time of the entry in this computer's time zone, to the second.

    The stored text is canonical UTC (2024-09-02T10:00:00.000000Z); the tooltip gives it as stored.
    """
    try:
        at = datetime.fromisoformat(entry.at.replace("Z", "+00:00"))
    except ValueError:  # a row this version cannot read is shown as stored, not hidden
        return entry.at
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


class AuditLogModel(QAbstractTableModel):
    """Rows of the audit log as plain entries; it never reads or writes the database itself."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[AuditEntry] = []
        self._labels: dict[str, str] = {}

    def set_entries(self, entries: Sequence[AuditEntry], labels: Mapping[str, str] | None = None) -> None:
        """Show these entries, newest first; labels name records by id (ids show where no label is given)."""
        self.beginResetModel()
        self._entries = sorted(entries, key=lambda e: e.seq, reverse=True)
        self._labels = dict(labels or {})
        self.endResetModel()

    def entry_at(self, row: int) -> AuditEntry:
        return self._entries[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable  # read-only: no ItemIsEditable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, Column(index.column()))
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Row {entry.seq}, recorded {entry.at[:19].replace('T', ' ')} UTC: {entry.detail}"
        if role == IdRole:
            return entry.record_id
        if role == KindRole:
            return entry.kind
        if role == SeqRole:
            return entry.seq
        return None

    def _display(self, entry: AuditEntry, column: Column) -> str:
        if column == Column.WHEN:
            return when_text(entry)
        if column == Column.WHO:
            return identity.shown(entry.actor)  # "unknown analyst" when no name was known
        if column == Column.ACTION:
            return action_label(entry.action)
        if column == Column.RECORD:
            return self._record_text(entry)
        return UUID_TEXT.sub(self._name_of, describe(entry))

    def _name_of(self, match: re.Match[str]) -> str:
        # Records named in the detail read as their labels; ids of records unknown here stay as ids.
        return self._labels.get(match.group(0), match.group(0))

    def _record_text(self, entry: AuditEntry) -> str:
        if entry.record_id is None:
            return "the whole case"
        label = self._labels.get(entry.record_id, entry.record_id)
        return f"{entry.kind}: {label}" if entry.kind else label

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return HEADERS[Column(section)] if 0 <= section < len(Column) else None
        return None


class AuditPanel(QWidget):
    """Shows the log the window hands it; a click on a row about a record emits that record's id."""

    record_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Audit trail")
        self.model = AuditLogModel(self)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Audit trail check")
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Audit trail entries, newest first")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.WHEN, QHeaderView.ResizeMode.ResizeToContents)  # date and time, never cut
        header.setSectionResizeMode(Column.WHAT, QHeaderView.ResizeMode.Stretch)
        self.table.clicked.connect(self._on_clicked)
        self.table.activated.connect(self._on_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        self.set_entries([])

    def set_entries(
        self, entries: Sequence[AuditEntry], *, record_label: str | None = None, labels: Mapping[str, str] | None = None
    ) -> None:
        """Show entries for one record (record_label names it) or, with no label, for the whole case."""
        self.model.set_entries(entries, labels)
        subject = f"History of {record_label}" if record_label else "History of the whole case"
        count = f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'}" if entries else "nothing recorded yet"
        self.heading.setText(f"{subject}: {count}.")

    def set_chain_status(self, broken: ChainBreak | None) -> None:
        """Say whether the whole log verified; a broken chain names its first broken row."""
        if broken is None:
            self.status.setText("The audit trail verifies: no entry was changed or removed.")
        else:
            self.status.setText(
                f"Warning: {broken} Entries before row {broken.seq} are intact; "
                "compare with a copy you trust or ask who last had the file."
            )

    def _on_clicked(self, index: QModelIndex) -> None:
        record_id = index.data(IdRole)
        if record_id:
            self.record_clicked.emit(record_id)
