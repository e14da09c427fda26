"""File › Sync with Server…: a checked-out file sends its changes to its server case and brings the others' back.

The comparing and the writing run in workers (jobs/server_sync.py). A record changed in the file and on
the server since the last sync goes through the merge's conflict review, with yours (the file's) or the
server's version to keep; Cancel writes nothing anywhere. As after a merge, the undo stack is cleared
(its steps predate what came in) and the views read the case again. The file is backed up first.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from casefile.domain.merge import Resolution
from casefile.jobs.server_sync import SyncReport, checked_out_from, sync, sync_preview
from casefile.services import labels
from casefile.services.merge import MergePlan
from casefile.ui.dialogs.merge_dialog import MergeDialogs, reference_ids
from casefile.ui.live_updates import everything

if TYPE_CHECKING:
    from casefile.ui.window_api import CaseWindow

NOT_CHECKED_OUT = (
    "Only a file checked out from a server case (Save a Copy of a server case, or casefile checkout) syncs."
)


class SyncController(QObject):
    synced = Signal(object)  # the SyncReport

    def __init__(self, window: CaseWindow) -> None:
        super().__init__(window.as_widget())
        self._window = window
        self._origin: dict[str, Any] | None = None
        window.actions.sync.triggered.connect(self.start)
        window.case_opened.connect(self._opened)
        window.case_closed.connect(self._opened)
        window.verification.verified.connect(self.update_enabled)
        self.update_enabled()

    def _opened(self, *_: object) -> None:
        document = self._window.document
        on_file = document is not None and document.file_path is not None
        self._origin = document.read(checked_out_from) if on_file and document is not None else None
        self.update_enabled()

    def update_enabled(self, *_: object) -> None:
        document = self._window.document
        action = self._window.actions.sync
        action.setEnabled(self._origin is not None and document is not None and document.editable)
        if self._origin is not None:
            action.setToolTip(f"Sync with the server case '{self._origin['case']}'")
        else:
            action.setToolTip(NOT_CHECKED_OUT)

    def start(self) -> None:
        document = self._window.document
        if document is None or document.file_path is None or self._origin is None:
            return
        self._window.settle_pending_edit(ask=False)  # what is being typed is part of what is sent
        path = document.file_path
        self._window.run_job(
            f"Comparing with the server case '{self._origin['case']}'…",
            lambda _p, _c: (path, sync_preview(path)),
            self._compared,
        )

    def _compared(self, result: tuple[Path, MergePlan]) -> None:
        path, plan = result
        window = self._window
        choices: dict[str, Resolution] | None = {}
        if plan.conflicts and window.document is not None:
            ids = reference_ids(plan)
            names = window.document.read(lambda s: {i: label.text for i, label in labels.labels(s, ids).items()})
            choices = MergeDialogs.resolve(window.as_widget(), plan, names, sync=True)
        if choices is None:
            window.statusBar().showMessage("Sync cancelled; neither the file nor the server was changed.", 8000)
            return
        settled = choices
        window.run_job("Syncing with the server…", lambda _p, _c: sync(path, choices=settled), self._done)

    def _done(self, report: SyncReport) -> None:
        window = self._window
        document = window.document
        if document is not None and report.applied:
            window.undo_stack.clear()  # its steps predate what the sync brought in
            document.changed.emit(document.read(everything))
        if report.applied:
            message = f"Synced with '{report.case}': {report.sent} sent to the server, {report.received} brought in."
        else:
            message = f"Not synced: {len(report.conflicts)} record(s) changed meanwhile on both sides; sync again."
        window.statusBar().showMessage(message, 10_000)
        self.synced.emit(report)
