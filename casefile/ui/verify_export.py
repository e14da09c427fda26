"""Help › Verify Against an Export…: does the open case still hold the audit history an export recorded?"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from casefile.jobs.anchors import AnchorReport, check_against

if TYPE_CHECKING:
    from casefile.ui.window_api import CaseWindow

_FILTER = "Casefile exports (*.pdf *.json *.casefile);;All files (*)"


class VerifyExportDialogs:
    """The dialogs, as class methods that tests replace."""

    @classmethod
    def choose_export(cls, parent: QWidget | None, folder: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, "Choose an earlier export of this case", folder, _FILTER)
        return Path(name) if name else None

    @classmethod
    def show_result(cls, parent: QWidget | None, report: AnchorReport) -> None:
        box = QMessageBox(parent)
        box.setWindowTitle("Verify Against an Export")
        box.setIcon(QMessageBox.Icon.Information if report.holds else QMessageBox.Icon.Warning)
        first, signature = report.lines()
        box.setText(first)
        box.setInformativeText(signature)
        box.exec()


class VerifyExportController(QObject):
    verified = Signal(object)  # AnchorReport

    def __init__(self, window: CaseWindow) -> None:
        super().__init__(window.as_widget())
        self.window = window
        action = window.actions.verify_against_export
        action.triggered.connect(self.start)
        window.case_opened.connect(self._update_enabled)
        window.case_closed.connect(self._update_enabled)
        self._update_enabled()

    def _update_enabled(self) -> None:
        self.window.actions.verify_against_export.setEnabled(self.window.document is not None)

    def start(self) -> None:
        document = self.window.document
        if document is None:
            return
        export = VerifyExportDialogs.choose_export(self.window.as_widget(), self.window.settings.last_folder())
        if export is None:
            return
        case = document.file_path or document.case_file  # a server case is read through the window's open case
        # Re-hashing a long trail takes a moment on a big case: a worker, with Cancel.
        self.window.run_job(
            f"Checking the audit trail against {export.name}…",
            lambda _p, _c: check_against(case, export),
            self._done,
        )

    def _done(self, report: AnchorReport) -> None:
        self.verified.emit(report)
        VerifyExportDialogs.show_result(self.window.as_widget(), report)
