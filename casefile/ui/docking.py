"""Where the panes sit: the saved layout, read back only if it is of this version, and View › Reset Layout.

The layout is saved with a version number. When the default layout changes (as it did when the
Details and Links column was made to run the window's full height), the number goes up and an
older saved layout is ignored, so a layout that no longer fits cannot hide panes. Whatever the
analyst did to the docks, Reset Layout puts them back where a new window has them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

from casefile.ui.settings import Settings

LAYOUT_VERSION = 2  # raise it whenever the default layout changes
STATE_KEY = "window/state"


class DockLayout(QObject):
    """Keeps the window's default dock layout, restores the saved one and puts the default back."""

    def __init__(
        self, window: QMainWindow, settings: Settings, docks: list[QDockWidget], sizes: Callable[[], None]
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.docks = docks
        self._default_sizes = sizes
        self._default: QByteArray = window.saveState(LAYOUT_VERSION)  # taken before any saved state is applied
        self.reset_action = QAction("&Reset Layout", window)
        self.reset_action.setToolTip("Put every pane back where a new window has it")
        self.reset_action.triggered.connect(self.reset)

    def add_to(self, menu: QMenu) -> None:
        menu.addSeparator()
        menu.addAction(self.reset_action)

    def restore(self) -> bool:
        """Apply the saved layout if it is of this version; False when the default stays."""
        state = self.settings.bytes_value(STATE_KEY)
        return state is not None and self.window.restoreState(state, LAYOUT_VERSION)

    def save(self) -> None:
        self.settings.set_bytes(STATE_KEY, self.window.saveState(LAYOUT_VERSION))

    def reset(self) -> None:
        """Every pane back in its place, shown, docked, at its default size."""
        self.window.restoreState(self._default, LAYOUT_VERSION)
        for dock in self.docks:
            dock.setFloating(False)
            dock.show()
        # In each group of tabs, the first pane (Findings among the analysis panes) is in front.
        for index, dock in enumerate(self.docks):
            if not any(other in self.docks[:index] for other in self.window.tabifiedDockWidgets(dock)):
                dock.raise_()
        self.window.statusBar().showMessage("The panes are back in their default places.", 4000)
        # Sizes are set once Qt has laid the docks out again, or it ignores them.
        QTimer.singleShot(0, self, self._default_sizes)
