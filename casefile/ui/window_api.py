"""What the window's controllers may ask of it (issue 15 §3): a narrow interface instead of `MainWindow`.

The controllers (merge, share, attachments, import and export, the reader, the start page, drops,
verification…) are built by `MainWindow` and given the window as a `CaseWindow`. They import this
module, never `main_window` (which imports them: that was a cycle), and touch nothing private.
`tests/ui/test_window_api.py` checks that a real MainWindow has every member named here, and that
no controller imports main_window or reaches into a private member. A Protocol cannot also say "is a
QMainWindow", so a controller hands the window to Qt (a dialog's parent, an event filter's target)
through as_widget(); mypy then checks that MainWindow is a CaseWindow where it builds its controllers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import QObject, SignalInstance
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QMainWindow, QMenuBar, QStatusBar, QWidget

    from casefile.domain.kinds import Kind
    from casefile.storage.open_case import OpenCase
    from casefile.ui import workers
    from casefile.ui.actions import Actions
    from casefile.ui.analysis import AnalysisPanels
    from casefile.ui.document import CaseDocument
    from casefile.ui.editing import Editing
    from casefile.ui.layout import WindowLayout
    from casefile.ui.settings import Settings
    from casefile.ui.verification import VerificationController


class CaseWindow(Protocol):
    # The open case and how it is edited; None with no case open.
    document: CaseDocument | None
    editing: Editing | None
    undo_stack: QUndoStack
    # The panes, menus and settings the controllers add to or read.
    ui: WindowLayout
    actions: Actions
    settings: Settings
    analysis: AnalysisPanels
    verification: VerificationController
    # Signals: a case opened (its path) or closed; a job's file written (its path).
    case_opened: SignalInstance
    case_closed: SignalInstance
    job_finished: SignalInstance

    def run_job(self, label: str, work: workers.Work, on_done: Callable[[Any], None]) -> workers.Job: ...
    def track_job(self, job: workers.Job) -> None: ...
    def show_error(self, error: BaseException) -> None: ...
    def settle_pending_edit(self, *, ask: bool = True) -> bool: ...
    def current_kind(self) -> Kind | None: ...
    def select_record(self, record_id: str) -> None: ...
    def open_path(self, path: Path | str, *, read_only: bool = False, allow_newer: bool = False) -> None: ...
    def open_recent(self, path: Path | str) -> None: ...
    def adopt(self, case_file: OpenCase) -> None: ...
    def refresh_after_check(self) -> None: ...
    # What every QMainWindow offers, used as such, and the window itself for Qt.
    def as_widget(self) -> QMainWindow: ...
    def statusBar(self) -> QStatusBar: ...
    def menuBar(self) -> QMenuBar: ...
    def centralWidget(self) -> QWidget | None: ...  # as PySide6 declares them
    def takeCentralWidget(self) -> QWidget | None: ...
    def setCentralWidget(self, widget: QWidget) -> None: ...
    def setAcceptDrops(self, on: bool) -> None: ...
    def installEventFilter(self, watcher: QObject) -> None: ...
