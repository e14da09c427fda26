"""File › Share Copy… and the question asked when a case is locked by another Casefile.

The snapshot is written in a worker through MainWindow.run_job; only the questions are asked on
the GUI thread, through class methods tests can replace.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from casefile.domain.errors import CaseFileLocked, NewerCaseFile
from casefile.jobs.server_share import share_server_copy
from casefile.jobs.share import ShareCancelled, ShareReport, share_copy
from casefile.storage.open_case import OpenCase
from casefile.storage.server import ServerCase
from casefile.ui import workers
from casefile.ui.dialogs.files import CASE_FILTER, with_extension
from casefile.ui.dialogs.redaction_report import RedactionReportDialog

if TYPE_CHECKING:
    from casefile.ui.window_api import CaseWindow

EXPLANATION = (
    "The copy is a clean snapshot for emailing or carrying: records you deleted, their links and deleted "
    "attachments are left out and leave no trace in the file, and the audit history stays in your own file. "
    "Your case is not changed."
)
REDACT_EXPLANATION = (
    "Persons marked protected become “Witness A”, “Witness B”… (as in a redacted PDF); their other details "
    "are removed and their names are replaced wherever they appear. Attachments are left out."
)


@dataclass(frozen=True)
class ShareChoice:
    path: Path
    redact: bool


class ShareDialogs:
    """The questions of sharing, behind class methods tests can replace."""

    @classmethod
    def ask(cls, parent: QWidget | None, case_path: Path) -> ShareChoice | None:
        dialog = ShareDialog(case_path, parent)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


class LockedCaseDialogs:
    """The question asked when another Casefile has the case open, behind a class method tests can replace."""

    @classmethod
    def open_read_only_instead(cls, parent: QWidget | None, error: CaseFileLocked) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, "Case in use", error.message, parent=parent)
        box.setInformativeText("You can open it read-only now: you will see everything but change nothing.")
        read_only = box.addButton("Open Read-Only", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(read_only)
        box.exec()
        return box.clickedButton() is read_only

    @classmethod
    def open_newer_read_only(cls, parent: QWidget | None, error: NewerCaseFile) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, "Case from a newer Casefile", error.message, parent=parent)
        box.setInformativeText(
            "You can open it read-only now, if this version's own tables in it are unchanged: you will see "
            "what this version knows of it, and change nothing. Update Casefile to edit it."
        )
        read_only = box.addButton("Open Read-Only", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(read_only)
        box.exec()
        return box.clickedButton() is read_only


class ShareDialog(QDialog):
    """Whether to redact, then where to save; the file chooser opens from OK, as in New Case."""

    def __init__(self, case_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Share Copy")
        self._case_path = case_path
        self.path: Path | None = None
        about = QLabel(EXPLANATION, self)
        about.setWordWrap(True)
        self.redact = QCheckBox("Redact protected persons", self)
        self.redact.setAccessibleName("Redact protected persons")
        redact_about = QLabel(REDACT_EXPLANATION, self)
        redact_about.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Choose where to save…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (about, self.redact, redact_about, buttons):
            layout.addWidget(widget)

    def suggested_name(self) -> Path:
        tag = "redacted" if self.redact.isChecked() else "shared"
        return self._case_path.with_name(f"{self._case_path.stem} {tag}{self._case_path.suffix or '.casefile'}")

    def accept(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Save the shared copy as", str(self.suggested_name()), CASE_FILTER)
        if not name:
            return
        self.path = with_extension(Path(name))
        super().accept()

    def choice(self) -> ShareChoice | None:
        return None if self.path is None else ShareChoice(self.path, self.redact.isChecked())


class ShareController(QObject):
    """Runs File › Share Copy… for the window: ask, share in a worker, report in the status bar."""

    shared = Signal(object)  # the ShareReport

    def __init__(self, window: CaseWindow) -> None:
        super().__init__(window.as_widget())
        self._window = window

    def start(self) -> None:
        document = self._window.document
        if document is None:
            return
        self._window.settle_pending_edit(ask=False)  # the copy holds what is being typed too
        # A server case is shared from a private checkout (jobs/server_share.py): it has no path of its own.
        case_path = document.file_path
        suggested = case_path or Path(self._window.settings.last_folder()) / f"{document.short_name}.casefile"
        choice = ShareDialogs.ask(self._window.as_widget(), suggested)
        if choice is None:
            return
        label = f"Writing a {'redacted ' if choice.redact else ''}copy of {suggested.name}…"
        case = case_path or document.case_file
        self._window.run_job(label, _share_work(case, choice, read_only=document.read_only), self._done)

    def _done(self, report: ShareReport) -> None:
        kind = "a redacted copy" if report.redacted else "a clean copy"
        self._window.statusBar().showMessage(f"Shared {kind} as {report.path}", 8000)
        if report.redaction is not None:
            RedactionReportDialog.show_report(self._window.as_widget(), report.redaction)
        self.shared.emit(report)


def _share_work(case: Path | OpenCase, choice: ShareChoice, *, read_only: bool) -> workers.Work:
    def work(_progress: Any, cancelled: Any) -> ShareReport:
        try:
            if isinstance(case, ServerCase):
                return share_server_copy(case, choice.path, redact=choice.redact, cancelled=cancelled)
            assert isinstance(case, Path)
            return share_copy(case, choice.path, redact=choice.redact, read_only=read_only, cancelled=cancelled)
        except ShareCancelled:
            raise workers.Cancelled() from None  # the person pressed Cancel: no error to show

    return work
