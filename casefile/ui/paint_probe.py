"""For start-up benchmarks of the packaged app (bench/frozen.py): with CASEFILE_PAINT_PROBE set, the app
prints the wall-clock time at which its records table first paints with rows, then exits.

A frozen app cannot be handed a probe script as `python -c` can (bench/startup.py), so the same watch
lives here, off unless the variable is set; the source run is measured with it too, so both starts
are timed alike.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QTableView

VARIABLE = "CASEFILE_PAINT_PROBE"


class _TablePainted(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.done or event.type() != QEvent.Type.Paint or not watched.isWidgetType():
            return False
        view = watched.parent()
        if isinstance(view, QTableView) and view.accessibleName() == "Records" and view.model().rowCount() > 0:
            self.done = True
            QTimer.singleShot(0, self._finish)  # after this paint has been drawn
        return False

    def _finish(self) -> None:
        sys.stdout.write(f"PAINTED {time.time()}\n")
        sys.stdout.flush()
        os._exit(0)


def install_if_asked(app: QApplication) -> None:
    if os.environ.get(VARIABLE):
        probe = _TablePainted()
        probe.setParent(app)
        app.installEventFilter(probe)
