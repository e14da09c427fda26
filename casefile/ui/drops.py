"""A case file dropped anywhere on the window opens, as File › Open would (the typing is saved first)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDropEvent

if TYPE_CHECKING:
    from casefile.ui.window_api import CaseWindow

CASE_SUFFIX = ".casefile"


class CaseDrops(QObject):
    def __init__(self, window: CaseWindow) -> None:
        super().__init__(window.as_widget())
        self.window = window
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window.as_widget() and event.type() in (
            QEvent.Type.DragEnter,
            QEvent.Type.DragMove,
            QEvent.Type.Drop,
        ):
            assert isinstance(event, QDropEvent)
            path = dropped_case(event)
            if path is None:
                return False
            event.acceptProposedAction()
            if event.type() == QEvent.Type.Drop:
                self.window.open_path(path)
            return True
        return super().eventFilter(watched, event)


def dropped_files(event: QDropEvent) -> list[Path]:
    """The local files (or folders) being dragged."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    return [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]


def dropped_case(event: QDropEvent) -> Path | None:
    """The one local .casefile file being dragged, if that is what it is."""
    files = dropped_files(event)
    return files[0] if len(files) == 1 and files[0].suffix.lower() == CASE_SUFFIX else None
