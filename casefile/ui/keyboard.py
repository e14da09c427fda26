"""Moving around the window by keyboard: F6 and Shift+F6 go from pane to pane, Tab leaves tables.

The panes, in order: navigator, records table, details, links, then each open analysis dock
(Findings, Timeline, Link Chart, Audit Trail). A dock the analyst closed is skipped; a dock hidden
behind another's tab is brought to the front when it is reached, so every pane can be reached
without a mouse.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDockWidget, QMainWindow, QMenu, QWidget

if TYPE_CHECKING:
    from casefile.ui.window_api import CaseWindow


@dataclass
class Pane:
    container: QWidget  # the dock, or the central widget
    target: Callable[[], QWidget | None]  # where the focus goes; None: the first focusable widget inside


def first_focusable(container: QWidget) -> QWidget | None:
    """The first widget inside `container` that Tab would stop at, in the window's focus order."""
    widget = container.nextInFocusChain()
    while widget is not None and widget is not container:
        if container.isAncestorOf(widget) and _takes_tab(widget):
            return widget
        widget = widget.nextInFocusChain()
    return None


def _takes_tab(widget: QWidget) -> bool:
    return (
        widget.isVisible()
        and widget.isEnabled()
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and widget.focusProxy() is None
    )


def leave_tables_on_tab(root: QWidget) -> None:
    """Tab moves on to the next widget instead of walking a table cell by cell (and round for ever)."""
    for view in root.findChildren(QAbstractItemView):
        view.setTabKeyNavigation(False)


class PaneCycler(QObject):
    """View › Next Pane (F6) and Previous Pane (Shift+F6)."""

    def __init__(self, window: QMainWindow, panes: Callable[[], Sequence[Pane]], menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self._panes = panes
        self.next_pane = QAction("Ne&xt Pane", window)
        self.next_pane.setShortcut(QKeySequence(Qt.Key.Key_F6))
        self.next_pane.triggered.connect(lambda: self.cycle(1))
        self.previous_pane = QAction("&Previous Pane", window)
        self.previous_pane.setShortcut(QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F6))
        self.previous_pane.triggered.connect(lambda: self.cycle(-1))
        menu.addActions([self.next_pane, self.previous_pane])

    def open_panes(self) -> list[Pane]:
        return [p for p in self._panes() if not isinstance(p.container, QDockWidget) or _is_open(p.container)]

    def current(self) -> int:
        """The index of the pane holding the focus among the open panes, or -1."""
        focus = QApplication.focusWidget()
        for index, pane in enumerate(self.open_panes()):
            if focus is not None and (focus is pane.container or pane.container.isAncestorOf(focus)):
                return index
        return -1

    def cycle(self, step: int) -> None:
        panes = self.open_panes()
        if not panes:
            return
        start = self.current()
        if start < 0:
            start = -1 if step > 0 else 0
        for offset in range(1, len(panes) + 1):
            if self.focus(panes[(start + step * offset) % len(panes)]):
                return

    def focus(self, pane: Pane) -> bool:
        if isinstance(pane.container, QDockWidget):
            pane.container.raise_()  # a tab behind another comes to the front
        target = pane.target() or first_focusable(pane.container)
        if target is None:
            return False
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        return True


def _is_open(dock: QDockWidget) -> bool:
    # A dock behind another's tab is hidden but still open; one the analyst closed is not.
    return dock.toggleViewAction().isChecked()


def mnemonic(text: str) -> str | None:
    """The letter after a single '&' in a menu text, lowercased, or None."""
    index = text.replace("&&", "__").find("&")
    return text[index + 1].lower() if 0 <= index < len(text) - 1 else None


def add_mnemonics(menu: QMenu) -> None:
    """Give each item without an underlined letter a free one, preferring the first letter of a word.

    Run each time the menu opens, so items added later (the dock toggles, recent cases) get one too.
    """
    actions = [a for a in menu.actions() if not a.isSeparator()]
    taken = {m for a in actions if (m := mnemonic(a.text()))}
    for action in actions:
        text = action.text()
        if not text or mnemonic(text):
            continue
        starts = [i for i, c in enumerate(text) if c.isalnum() and (i == 0 or not text[i - 1].isalnum())]
        for i in starts + list(range(len(text))):
            if text[i].isalnum() and text[i].lower() not in taken:
                taken.add(text[i].lower())
                action.setText(text[:i] + "&" + text[i:])
                break


def menus_of(window: QMainWindow) -> list[QMenu]:
    found: list[QMenu] = []
    pending = [a.menu() for a in window.menuBar().actions()]
    while pending:
        menu = pending.pop(0)
        if isinstance(menu, QMenu):
            found.append(menu)
            pending += [a.menu() for a in menu.actions() if a.menu() is not None]
    return found


def install(window: CaseWindow) -> PaneCycler:
    """F6 between panes, Tab out of tables, Enter from the table into the form, letters on every menu item."""
    ui, analysis = window.ui, window.analysis
    navigator, details, links = ui.docks[:3]
    central = window.centralWidget()
    assert central is not None  # the layout (and start page) set it before the keys are installed
    panes = [
        Pane(navigator, lambda: ui.search_view if ui.search_view.isVisible() else ui.kinds_view),
        Pane(central, lambda: ui.table),
        Pane(details, lambda: None),  # the form's first field
        Pane(links, lambda: ui.links.tree),
    ]
    panes += [Pane(dock, lambda: None) for dock in analysis.docks]
    cycler = PaneCycler(window.as_widget(), lambda: panes, window.actions.view_menu)
    leave_tables_on_tab(window.as_widget())

    def open_in_form(index: QModelIndex) -> None:
        # Enter on the row typed to (the table goes to a name as it is typed) shows it and goes to its form.
        if not ui.table.selectionModel().isRowSelected(index.row()):
            ui.table.selectRow(index.row())
        cycler.focus(panes[2])

    ui.table.activated.connect(open_in_form)
    for menu in menus_of(window.as_widget()):
        add_mnemonics(menu)
        menu.aboutToShow.connect(lambda m=menu: add_mnemonics(m))
    return cycler
