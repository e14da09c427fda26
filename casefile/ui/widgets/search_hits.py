"""The navigator's search: hits listed two lines each (record and kind, then the words around the match),
reached from the search box by the keyboard.

The navigator is narrow, so a table of kind / record / match columns cut every hit short; one
wrapped cell per hit reads whole at any width. Down or Enter in the search box goes to the first
hit, Enter on a hit opens it, and Up from the first hit goes back to the box.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListView, QWidget

from casefile.ui.models.search_results import HIT_COLUMN, SearchResultsModel


class SearchHitsView(QListView):
    def __init__(self, model: SearchResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setModelColumn(HIT_COLUMN)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setAlternatingRowColors(True)
        self.setSpacing(1)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap when the navigator is made wider
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAccessibleName("Search results")

    def enter_from_box(self) -> None:
        """Focus the first hit, selected, so Enter opens it."""
        if self.model().rowCount() == 0:
            return
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.setCurrentIndex(self.model().index(0, HIT_COLUMN))


class SearchBoxKeys(QObject):
    """Down and Enter in the search box ask for the hits; Up on the first hit returns to the box."""

    go_to_hits = Signal()

    def __init__(self, box: QLineEdit, hits: SearchHitsView) -> None:
        super().__init__(box)
        self.box, self.hits = box, hits
        box.installEventFilter(self)
        hits.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if watched is self.box and key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.go_to_hits.emit()
            return True
        if watched is self.hits and key == Qt.Key.Key_Up and self.hits.currentIndex().row() <= 0:
            self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return True
        return False
