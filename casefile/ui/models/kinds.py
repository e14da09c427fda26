"""The navigator's list of record kinds, each with its count."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from casefile.domain.kinds import RECORD_KINDS, Kind, spec
from casefile.ui.models.roles import KindRole

AnyIndex = QModelIndex | QPersistentModelIndex


class KindListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._counts: dict[Kind, int] = {}

    def set_counts(self, counts: dict[Kind, int]) -> None:
        self._counts = dict(counts)
        if RECORD_KINDS:
            self.dataChanged.emit(self.index(0), self.index(len(RECORD_KINDS) - 1))

    def kind_at(self, row: int) -> Kind:
        return RECORD_KINDS[row]

    def row_of(self, kind: Kind) -> int:
        return RECORD_KINDS.index(kind)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(RECORD_KINDS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(RECORD_KINDS):
            return None
        kind = RECORD_KINDS[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            count = self._counts.get(kind)
            return spec(kind).plural if count is None else f"{spec(kind).plural}  ({count:,})"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{spec(kind).plural}, {self._counts.get(kind, 0)} records"
        if role == KindRole:
            return kind.value
        return None
