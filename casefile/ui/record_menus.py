"""Context menus on the records table, the Links panel and the search hits, and the two Edit menu items
they share with the keyboard: Set Field for Selected… and Copy Citation.

Right-click, the Menu key or Shift+F10 open the same menus; every item in them is also in a menu
bar or reachable by keys, so nothing is hidden in a right-click.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QMenu, QStatusBar

from casefile.domain.errors import CasefileError, ValidationError
from casefile.domain.kinds import spec
from casefile.services.citation import citation
from casefile.ui.dialogs.set_field import SetFieldDialog
from casefile.ui.document import CaseDocument
from casefile.ui.editing import Editing
from casefile.ui.layout import WindowLayout
from casefile.ui.models.roles import IdRole
from casefile.ui.table_editing import plain_fields, under_label


class WindowForMenus(Protocol):
    """What the menus may ask of the window."""

    ui: WindowLayout
    editing: Editing | None
    document: CaseDocument | None

    def selected_ids(self) -> list[str]: ...
    def select_record(self, record_id: str) -> None: ...
    def link_selected(self) -> str | None: ...
    def delete_selected(self) -> None: ...
    def unlink(self, link_id: str) -> None: ...
    def show_error(self, error: BaseException) -> None: ...
    def statusBar(self) -> QStatusBar: ...


class RecordMenus(QObject):
    def __init__(self, window: WindowForMenus, edit_menu: QMenu, after: QAction, link_to: QAction, delete: QAction):
        super().__init__(edit_menu)
        self.window = window
        self.link_to, self.delete = link_to, delete
        self.set_field = QAction("Set Field for &Selected…", edit_menu)
        self.set_field.setToolTip("Give one field the same value in every selected record")
        self.set_field.triggered.connect(self.set_field_of_selected)
        self.copy_citation = QAction("C&opy Citation", edit_menu)
        self.copy_citation.setShortcut("Ctrl+Shift+C")
        self.copy_citation.setToolTip("Copy a one-line citation of the selected record")
        self.copy_citation.triggered.connect(lambda: self.copy_citation_of(self._selected_one()))
        following = _after(edit_menu, after)
        edit_menu.insertActions(following, [self.set_field, self.copy_citation])  # type: ignore[arg-type]
        ui = window.ui
        for view, build in ((ui.table, self._table_menu), (ui.links.tree, self._links_menu),
                            (ui.search_view, self._hit_menu)):  # fmt: skip
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(lambda pos, v=view, b=build: self._popup(v, pos, b))

    # -- what the actions do ------------------------------------------------------------------------------------
    def update_enabled(self, writable: bool) -> None:
        ids = self.window.selected_ids() if self.window.document is not None else []
        kind = self.window.ui.table_model.kind
        self.set_field.setEnabled(writable and bool(ids) and kind is not None and bool(plain_fields(kind)))
        self.copy_citation.setEnabled(len(ids) == 1)

    def set_field_of_selected(self) -> None:
        ids, kind, editing = self.window.selected_ids(), self.window.ui.table_model.kind, self.window.editing
        if not ids or kind is None or editing is None or not plain_fields(kind):
            return
        chosen = SetFieldDialog.ask(self.window.ui.table, kind, len(ids))
        if chosen is None:
            return
        name, value = chosen
        try:
            editing.set_field(ids, name, value)
        except ValidationError as exc:
            field = spec(kind).field(name)
            self.window.show_error(ValidationError([under_label(p, field) for p in exc.problems]))
        except CasefileError as exc:
            self.window.show_error(exc)

    def copy_citation_of(self, record_id: str | None) -> None:
        document = self.window.document
        if record_id is None or document is None:
            return
        text = document.read(lambda s: citation(s, record_id))
        QGuiApplication.clipboard().setText(text)
        self.window.statusBar().showMessage(f"Copied: {text}", 6000)

    def _selected_one(self) -> str | None:
        ids = self.window.selected_ids() if self.window.document is not None else []
        return ids[0] if len(ids) == 1 else None

    # -- the menus ----------------------------------------------------------------------------------------------
    def _popup(self, view: QAbstractItemView, pos: QPoint, build: object) -> None:
        index = view.indexAt(pos)
        if not index.isValid():  # the Menu key: the current item, its menu by its cell
            index = view.currentIndex()
            pos = view.visualRect(index).center() if index.isValid() else pos
        if not index.isValid() or self.window.document is None:
            return
        menu = QMenu(view)
        build(menu, index)  # type: ignore[operator]
        if menu.actions():
            menu.popup(view.viewport().mapToGlobal(pos))
        self.last_menu = menu  # tests read the items

    def _table_menu(self, menu: QMenu, index: QModelIndex) -> None:
        table = self.window.ui.table
        if not table.selectionModel().isRowSelected(index.row()):
            table.selectRow(index.row())
        single = len(self.window.selected_ids()) == 1
        open_action = menu.addAction("&Open in Details")
        open_action.setEnabled(single)
        open_action.triggered.connect(lambda: table.activated.emit(index))
        menu.addAction(self.link_to)
        menu.addAction(self.set_field)
        menu.addAction(self.copy_citation)
        menu.addSeparator()
        menu.addAction(self.delete)

    def _links_menu(self, menu: QMenu, index: QModelIndex) -> None:
        end = self.window.ui.links.model.end_at(index)
        if end is None:
            return
        menu.addAction("&Open").triggered.connect(lambda: self.window.select_record(end.other_id))
        menu.addAction("Copy &Citation").triggered.connect(lambda: self.copy_citation_of(end.other_id))
        if end.link_id:
            unlink = menu.addAction("&Unlink")
            unlink.setEnabled(self.window.document is not None and self.window.document.editable)
            unlink.triggered.connect(lambda: self.window.unlink(end.link_id))

    def _hit_menu(self, menu: QMenu, index: QModelIndex) -> None:
        record_id = str(index.data(IdRole))
        menu.addAction("&Open").triggered.connect(lambda: self.window.select_record(record_id))
        menu.addAction("Copy &Citation").triggered.connect(lambda: self.copy_citation_of(record_id))


def _after(menu: QMenu, action: QAction) -> QAction | None:
    listed = menu.actions()
    position = listed.index(action)
    return listed[position + 1] if position + 1 < len(listed) else None
