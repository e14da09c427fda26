"""The links panel: the selected record's links, both ways, grouped by kind."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton, QTreeView, QVBoxLayout, QWidget

from casefile.services.links import LinkEnd
from casefile.ui.models.links_tree import LinksTreeModel


class LinksPanel(QWidget):
    open_record = Signal(str)  # the id of the record at the other end
    link_requested = Signal()
    unlink_requested = Signal(str)  # a link id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Links")
        self.model = LinksTreeModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setAccessibleName("Links of the selected record")
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.doubleClicked.connect(self._on_activated)
        self.tree.activated.connect(self._on_activated)  # Enter; going to a record twice is harmless
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.link_button = QPushButton("Link to…", self)
        self.link_button.setAccessibleName("Link to another record")
        self.link_button.clicked.connect(self.link_requested)
        self.unlink_button = QPushButton("Unlink", self)
        self.unlink_button.setAccessibleName("Remove the selected link")
        self.unlink_button.clicked.connect(self._on_unlink)
        buttons = QHBoxLayout()
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.unlink_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.tree)
        self.set_links([], enabled=False)

    def set_links(self, ends: list[LinkEnd], *, enabled: bool = True) -> None:
        self.model.set_links(ends)
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, self.tree.rootIndex(), True)
        self.tree.expandAll()
        self.link_button.setEnabled(enabled)
        self.unlink_button.setEnabled(enabled and any(end.link_id for end in ends))

    def selected_end(self) -> LinkEnd | None:
        return self.model.end_at(self.tree.currentIndex())

    def _on_activated(self, index: QModelIndex) -> None:
        end = self.model.end_at(index)
        if end is not None:
            self.open_record.emit(end.other_id)

    def _on_unlink(self) -> None:
        end = self.selected_end()
        if end is not None and end.link_id:  # a field reference is changed in its record's form
            self.unlink_requested.emit(end.link_id)
