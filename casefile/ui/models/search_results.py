"""Hits of a whole-case search: kind, record and the snippet around the match."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from casefile.domain.kinds import spec
from casefile.services.search import HIT_END, HIT_START, SearchHit
from casefile.ui.models.roles import IdRole, KindRole

AnyIndex = QModelIndex | QPersistentModelIndex
HEADERS = ("Kind", "Record", "Match", "Hit")
HIT_COLUMN = 3  # all three in one cell, two lines, for the narrow navigator's list


class SearchResultsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit_at(self, row: int) -> SearchHit:
        return self._hits[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            kind, snippet = spec(hit.kind).label, hit.plain_snippet("«", "»")
            if index.column() == HIT_COLUMN:
                return f"{hit.label}  ·  {kind}\n{snippet}"
            return (kind, hit.label, snippet)[index.column()]
        if role == IdRole:
            return hit.id
        if role == KindRole:
            return hit.kind.value
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None


__all__ = ["HIT_COLUMN", "HIT_END", "HIT_START", "SearchResultsModel"]
