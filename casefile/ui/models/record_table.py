"""The record table: every live record of one kind, sorted and filtered in Python, shown lazily."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from casefile.domain.kinds import Kind
from casefile.domain.text import fold_yo
from casefile.services.results import Changes
from casefile.ui.models.roles import IdRole, KindRole

Row = tuple[str, ...]  # (id, cell, cell, …)
RowLoader = Callable[[Kind, Iterable[str] | None], list[Row]]
HAYSTACK_CHUNK = 5000
BATCH = 2000  # rows handed to the view per fetchMore; keeps the first paint of a 100k table quick
AnyIndex = QModelIndex | QPersistentModelIndex
RELOAD_ABOVE = 10_000  # changed rows beyond which the whole kind is read again


def fold(text: str) -> str:
    """Case- and ё-insensitive form, so 'Путин' and 'путин', 'осуждён' and 'осужден' meet.

    Accents are left alone here: stripping them from 100k rows costs a second, and the
    whole-case search (FTS5, remove_diacritics) already finds 'khurelsukh' in 'Khürelsükh'.
    """
    return fold_yo(text).casefold()


class RecordTableModel(QAbstractTableModel):
    def __init__(self, loader: RowLoader, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._load = loader
        self.kind: Kind | None = None
        self._headers: tuple[str, ...] = ()
        self._rows: list[Row] = []
        self._order: list[int] = []  # indexes into _rows: sorted and filtered
        self._shown = 0  # how many of _order the view has fetched
        self._haystack: list[str] | None = None
        self._sort_keys: dict[int, list[str]] = {}  # per column, aligned with _rows; built on first use
        self._filter = ""
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self._editable_columns: frozenset[int] = frozenset()  # plain fields edited in the cell (ui/table_editing.py)

    # -- loading ---------------------------------------------------------------------------
    def show_kind(self, kind: Kind | None, headers: tuple[str, ...] = ()) -> None:
        self.beginResetModel()
        self.kind, self._headers = kind, headers
        self._rows = self._load(kind, None) if kind is not None else []
        self._forget_derived()
        self._filter = ""
        self._sort = (-1, Qt.SortOrder.AscendingOrder)
        self._rebuild_order()
        self.endResetModel()

    def clear(self) -> None:
        self.show_kind(None)

    def apply_changes(self, changes: Changes) -> None:
        """Reload only what changed: the table of 100k rows is never read again for one edit."""
        if self.kind is None or self.kind not in changes.kinds():
            return
        touched = changes.added.get(self.kind, frozenset()) | changes.updated.get(self.kind, frozenset())
        gone = changes.removed.get(self.kind, frozenset())
        if len(touched) > RELOAD_ABOVE:
            # An import of thousands: one read of the kind beats an IN list longer than SQLite may allow.
            self.beginResetModel()
            self._rows = self._load(self.kind, None)
            self._forget_derived()
            self._rebuild_order()
            self.endResetModel()
            return
        fresh = {row[0]: row for row in self._load(self.kind, touched)} if touched else {}
        self.beginResetModel()
        kept = [fresh.pop(row[0], row) for row in self._rows if row[0] not in gone]
        self._rows = kept + list(fresh.values())
        self._forget_derived()
        self._rebuild_order()
        self.endResetModel()

    # -- sorting and filtering ---------------------------------------------------------------
    def set_filter(self, text: str) -> None:
        self.beginResetModel()
        self._filter = fold(text.strip())
        self._rebuild_order()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._rebuild_order()
        self.layoutChanged.emit()

    def _rebuild_order(self) -> None:
        order = range(len(self._rows))
        if self._filter:
            haystack = self._haystack_rows()
            needle = self._filter
            order = [i for i in order if needle in haystack[i]]  # type: ignore[assignment]
        column, direction = self._sort
        if 0 <= column < len(self._headers):
            keys = self._keys(column)
            order = sorted(order, key=keys.__getitem__, reverse=direction == Qt.SortOrder.DescendingOrder)
        self._order = list(order)
        self._shown = min(len(self._order), max(self._shown, BATCH))

    def _forget_derived(self) -> None:
        self._haystack = None
        self._sort_keys = {}

    def _keys(self, column: int) -> list[str]:
        if column not in self._sort_keys:
            # casefold alone orders scripts correctly and is C-fast; accents need not be folded to sort.
            self._sort_keys[column] = [row[column + 1].casefold() for row in self._rows]
        return self._sort_keys[column]

    def _haystack_rows(self) -> list[str]:
        if self._haystack is None:
            # Fold a few thousand rows at a time as one string: the work stays in C, and memory stays
            # flat. NUL never occurs in stored text (control characters are stripped on input).
            haystack: list[str] = []
            for start in range(0, len(self._rows), HAYSTACK_CHUNK):
                chunk = self._rows[start : start + HAYSTACK_CHUNK]
                haystack += fold("\x00".join("\x01".join(row[1:]) for row in chunk)).split("\x00")
            self._haystack = haystack
        return self._haystack

    # -- lookups -------------------------------------------------------------------------------
    def row_of(self, record_id: str) -> int:
        for position, index in enumerate(self._order):
            if self._rows[index][0] == record_id:
                if position >= self._shown:
                    self.fetch_all()
                return position
        return -1

    def id_at(self, row: int) -> str:
        return self._rows[self._order[row]][0]

    def shown_rows(self) -> list[Row]:
        """Every row the filter lets through, in the table's sort order, fetched by the view or not."""
        return [self._rows[i] for i in self._order]

    def fetch_all(self) -> None:
        if self._shown < len(self._order):
            self.beginInsertRows(QModelIndex(), self._shown, len(self._order) - 1)
            self._shown = len(self._order)
            self.endInsertRows()

    @property
    def total(self) -> int:
        return len(self._order)

    @property
    def unfiltered(self) -> int:
        """Every live record of the kind, whatever the filter shows."""
        return len(self._rows)

    # -- Qt model API ----------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and self._shown < len(self._order)

    def fetchMore(self, parent: AnyIndex) -> None:
        if parent.isValid():
            return
        end = min(len(self._order), self._shown + BATCH)
        if end > self._shown:
            self.beginInsertRows(QModelIndex(), self._shown, end - 1)
            self._shown = end
            self.endInsertRows()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= self._shown:
            return None
        row = self._rows[self._order[index.row()]]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row[index.column() + 1]
        if role == IdRole:
            return row[0]
        if role == KindRole:
            return self.kind.value if self.kind else None
        return None

    def set_editable_columns(self, columns: frozenset[int]) -> None:
        self._editable_columns = columns

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() in self._editable_columns:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None
