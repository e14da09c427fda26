"""Moving around the window without a mouse: F6 and Shift+F6 go from pane to pane, Tab leaves tables.

The panes, in order: the navigator, the records table, and each dock that is shown (Details, Links,
the analysis docks), as a screen reader or a keyboard user expects from a desktop app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDockWidget, QWidget

if TYPE_CHECKING:
    from casefile.ui.main_window import MainWindow


class PaneCycler:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        for key, step in ((Qt.Key.Key_F6, 1), (Qt.Modifier.SHIFT | Qt.Key.Key_F6, -1)):
            shortcut = QShortcut(QKeySequence(key), window)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda s=step: self.move(s))
        # Tab in a table walks cell by cell and wraps for ever by default; it should leave the table.
        for view in window.findChildren(QAbstractItemView):
            view.setTabKeyNavigation(False)

    def panes(self) -> list[QWidget]:
        ui = self.window.ui
        docks = [d for d in ui.docks if isinstance(d, QDockWidget) and d.isVisible() and d.widget() is not None]
        panes = [d.widget() for d in docks if d.objectName() == "navigator"]
        if ui.table.isVisible():
            panes.append(ui.table)
        return panes + [d.widget() for d in docks if d.objectName() != "navigator"]

    def current(self, panes: list[QWidget]) -> int:
        focus = QApplication.focusWidget()
        for index, pane in enumerate(panes):
            if focus is not None and (focus is pane or pane.isAncestorOf(focus)):
                return index
        return -1

    def move(self, step: int) -> None:
        panes = self.panes()
        if not panes:
            return
        index = (self.current(panes) + step) % len(panes)
        focus_pane(panes[index])


def focus_pane(pane: QWidget) -> None:
    """Focus the pane itself when it takes focus, else its first widget that does."""
    if pane.focusPolicy() != Qt.FocusPolicy.NoFocus and pane.isEnabled():
        pane.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return
    for child in pane.findChildren(QWidget):
        if child.isVisible() and child.isEnabled() and child.focusPolicy() & Qt.FocusPolicy.TabFocus:
            child.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
