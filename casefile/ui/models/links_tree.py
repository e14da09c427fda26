"""The links of one record, grouped by kind and direction: '→ comments on', '← reported by'."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from casefile.domain.kinds import spec
from casefile.services.links import LinkEnd
from casefile.ui.models.roles import IdRole, KindRole

AnyIndex = QModelIndex | QPersistentModelIndex
_GROUP = 0  # internalId of group rows; a link row's internalId is its group's row + 1


@dataclass(frozen=True)
class LinkGroup:
    title: str
    ends: tuple[LinkEnd, ...]


def group_links(ends: list[LinkEnd]) -> list[LinkGroup]:
    groups: dict[tuple[str, str], list[LinkEnd]] = {}
    for end in ends:
        groups.setdefault((end.direction, end.kind), []).append(end)
    ordered = sorted(groups.items(), key=lambda item: (item[0][0] != "outgoing", item[0][1].casefold()))
    return [LinkGroup(f"{'→' if d == 'outgoing' else '←'} {k}", tuple(e)) for (d, k), e in ordered]


class LinksTreeModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: list[LinkGroup] = []

    def set_links(self, ends: list[LinkEnd]) -> None:
        self.beginResetModel()
        self._groups = group_links(ends)
        self.endResetModel()

    def end_at(self, index: AnyIndex) -> LinkEnd | None:
        if not index.isValid() or index.internalId() == _GROUP:
            return None
        return self._groups[index.internalId() - 1].ends[index.row()]

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GROUP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _GROUP)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _GROUP and parent.column() == 0:
            return len(self._groups[parent.row()].ends)
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 2

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if index.internalId() == _GROUP:
            group = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return f"{group.title} ({len(group.ends)})"
            return None
        end = self._groups[index.internalId() - 1].ends[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return end.other_label if index.column() == 0 else spec(end.other_kind).label
        if role == IdRole:
            return end.other_id
        if role == KindRole:
            return end.other_kind.value
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return ("Linked record", "Kind")[section] if section in (0, 1) else None
        return None
