"""Attach, export and verify in the window: the attachments panel and Help › Verify Case, run as worker jobs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QDropEvent

from casefile.domain.attachments import display_name
from casefile.domain.errors import CasefileError
from casefile.domain.kinds import Kind
from casefile.jobs.attachments import VerifyReport, attach_file, export_attachment, verify_attachments
from casefile.services import attachments
from casefile.services.attachments import AttachmentInfo
from casefile.services.results import Changes
from casefile.ui import workers
from casefile.ui.commands import DocumentCommand
from casefile.ui.document import CaseDocument
from casefile.ui.drops import dropped_case, dropped_files
from casefile.ui.widgets.attachments_panel import AttachmentDialogs

if TYPE_CHECKING:
    from casefile.ui.window_api import CaseWindow


class AttachFile(DocumentCommand):
    """Undo hides the attachment; redo shows it again. The bytes were stored by the job and never change."""

    def __init__(self, document: CaseDocument, info: AttachmentInfo, text: str) -> None:
        super().__init__(document, text)
        self.info = info

    def _changes(self, _result: object) -> Changes:
        return Changes(updated={Kind.SOURCE: frozenset({self.info.source_id})})

    def do(self) -> None:
        self.document.write(lambda s: attachments.restore(s, self.info.id), self._changes)

    def undo_it(self) -> None:
        self.document.write(lambda s: attachments.delete(s, self.info.id), self._changes)


class AttachmentsController(QObject):
    attached = Signal(object)  # AttachmentInfo
    exported = Signal(object)  # the Path written
    verified = Signal(object)  # VerifyReport

    def __init__(self, window: CaseWindow) -> None:
        super().__init__(window.as_widget())
        self.window = window
        self.panel = window.ui.details.attachments
        self.panel.attach_requested.connect(self.attach)
        self.panel.export_requested.connect(self.export)
        self.panel.verify_requested.connect(self.verify_case)
        window.actions.verify_case.triggered.connect(self.verify_case)
        window.case_opened.connect(self._update_enabled)
        window.case_closed.connect(self._update_enabled)
        # A file dropped on a source's Attachments panel is attached to that source, as Attach… would.
        self.panel.setAcceptDrops(True)
        self.panel.installEventFilter(self)
        self._update_enabled()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.panel and event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            assert isinstance(event, QDropEvent)
            document = self.window.document
            files = dropped_files(event)
            if dropped_case(event) is not None:
                return False  # a case file dropped anywhere opens (ui/drops.py)
            if not files or self.panel.source_id is None or document is None or not document.editable:
                return False
            event.acceptProposedAction()
            if event.type() == QEvent.Type.Drop:
                self.attach_dropped(self.panel.source_id, files)
            return True
        return super().eventFilter(watched, event)

    def attach_dropped(self, source_id: str, files: list[Path]) -> None:
        if len(files) != 1 or not files[0].is_file():
            what = "a folder" if len(files) == 1 else f"{len(files)} items"
            error = CasefileError(f"Casefile cannot attach {what} here.", "Drop one file at a time on the source.")
            self.window.show_error(error)
            return
        self._attach_path(source_id, files[0])

    def _update_enabled(self) -> None:
        self.window.actions.verify_case.setEnabled(self.window.document is not None)

    def attach(self, source_id: str) -> None:
        document = self.window.document
        if document is None or document.read_only:
            return
        path = AttachmentDialogs.choose_file(self.window.as_widget(), self.window.settings.last_folder())
        if path is None:
            return
        self._attach_path(source_id, path)

    def _attach_path(self, source_id: str, path: Path) -> None:
        document = self.window.document
        if document is None or document.read_only:
            return
        case_file = document.case_file
        self.window.run_job(
            f"Attaching {display_name(path.name)}…",
            lambda _p, _c: (document, attach_file(case_file, source_id, path)),
            self._on_attached,
        )

    def _on_attached(self, result: tuple[CaseDocument, AttachmentInfo]) -> None:
        # A bound method, so the job's signal runs it queued in the GUI thread.
        document, info = result
        editing = self.window.editing
        # The bytes are stored either way; only the undo step belongs to the case the job started in.
        if editing is not None and self.window.document is document:
            text = f"Attach {display_name(info.file_name)} to {editing.label_of(info.source_id)}"
            editing.stack.push(AttachFile(document, info, text))
            self.panel.refresh()
        self.window.statusBar().showMessage(f"Attached {display_name(info.file_name)} (SHA-256 {info.sha256[:12]}…)")
        self.attached.emit(info)

    def export(self, attachment_id: str) -> None:
        document = self.window.document
        if document is None:
            return
        folder = AttachmentDialogs.choose_folder(self.window.as_widget(), self.window.settings.last_folder())
        if folder is None:
            return
        case_file = document.case_file
        self.window.run_job(
            "Exporting the attachment…", lambda _p, _c: export_attachment(case_file, attachment_id, folder),
            self._on_exported,
        )  # fmt: skip

    def _on_exported(self, path: Path) -> None:
        self.window.statusBar().showMessage(f"Exported {path} (SHA-256 checked)", 8000)
        self.exported.emit(path)

    def verify_case(self) -> None:
        document = self.window.document
        if document is None:
            return
        case_file = document.case_file

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> VerifyReport:
            report = verify_attachments(case_file, progress, cancelled)
            if cancelled():
                raise workers.Cancelled
            return report

        self.window.run_job("Verifying every attachment…", work, self._on_verified)

    def _on_verified(self, report: VerifyReport) -> None:
        self.verified.emit(report)
        AttachmentDialogs.show_report(self.window.as_widget(), report)
