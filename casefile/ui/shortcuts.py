"""Help › Keyboard Shortcuts, read from the window's own menus so the list cannot go stale."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

# Keys that work inside a panel rather than through a menu action, so no menu can list them.
IN_PANELS = (
    ("Tab / Shift+Tab", "Next / previous field or control; Tab leaves a table"),
    ("Enter", "In the records table: edit the selected record's details"),
    ("Enter", "In Links, Findings, the Audit Trail or search results: go to that record"),
    ("Ctrl+Enter", "In a multi-line field: save it"),
    ("Alt+letter", "Open a menu by its underlined letter"),
)


@dataclass(frozen=True)
class Shortcut:
    keys: tuple[str, ...]  # each key sequence, as this platform writes it
    where: str  # the menu path: "Edit › Undo"
    action: QAction


def plain(text: str) -> str:
    """A menu text without its mnemonic marks and ellipsis: "&Open…" → "Open"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").removesuffix("…").removesuffix("...")


def menu_actions(menu: QMenu, path: str = "") -> Iterator[tuple[str, QAction]]:
    """Every action in a menu and its submenus, with its menu path."""
    here = f"{path} › {plain(menu.title())}" if path else plain(menu.title())
    for action in menu.actions():
        if action.isSeparator():
            continue
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            yield from menu_actions(submenu, here)
        else:
            yield f"{here} › {plain(action.text())}", action


def window_menu_actions(window: QMainWindow) -> list[tuple[str, QAction]]:
    found: list[tuple[str, QAction]] = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            found += menu_actions(menu)
    return found


def on_every_keyboard(sequence: QKeySequence) -> bool:
    """Whether the keys are on an ordinary keyboard: the platform also binds keys only some have
    (a "Redo" or "F14" key), which the help leaves out so the keys a person can press stand out."""
    key = sequence[0].key()
    ordinary = (Qt.Key.Key_Escape.value <= key.value <= Qt.Key.Key_PageDown.value) or (
        Qt.Key.Key_F1.value <= key.value <= Qt.Key.Key_F12.value
    )
    return key.value < Qt.Key.Key_Escape.value or ordinary


def shortcuts(window: QMainWindow) -> list[Shortcut]:
    """The window's actions that have a key, in menu order."""
    listed = []
    for where, action in window_menu_actions(window):
        native = QKeySequence.SequenceFormat.NativeText
        keys = tuple(k.toString(native) for k in action.shortcuts() if not k.isEmpty() and on_every_keyboard(k))
        if keys:
            listed.append(Shortcut(keys, where, action))
    return listed


def rows(window: QMainWindow) -> list[tuple[str, str]]:
    """(keys, what they do) for the help: the menus' shortcuts, then the keys that work inside panels."""
    return [(" or ".join(s.keys), s.where) for s in shortcuts(window)] + list(IN_PANELS)


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard Shortcuts")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        intro = QLabel("F6 moves between the panes; every menu opens with Alt and its underlined letter.", self)
        intro.setWordWrap(True)
        listed = rows(window)
        self.table = QTableWidget(len(listed), 2, self)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Keys", "What they do"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        for row, (keys, what) in enumerate(listed):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(what))
        self.table.resizeColumnToContents(0)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 520)

    def listed(self) -> list[tuple[str, str]]:
        return [(self.table.item(r, 0).text(), self.table.item(r, 1).text()) for r in range(self.table.rowCount())]


def show_shortcuts(window: QMainWindow) -> QWidget:
    """Opens beside the window, not modal, so it can stay open while the analyst works."""
    dialog = ShortcutsDialog(window)
    dialog.show()
    return dialog
