"""The full check of an opened case file, run in a worker: the case can be read at once, edited once it passes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from casefile.ui.window_api import CaseWindow

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from casefile.storage.inspection import CheckCancelled, full_check
from casefile.ui import workers
from casefile.ui.document import CaseDocument

MAX_LISTED = 10


class VerificationReport:
    """How problems are told; a class so tests can read the message instead of a person."""

    @classmethod
    def show_problems(cls, parent: QWidget | None, name: str, problems: list[str]) -> None:
        listed = "\n".join(f"• {p}" for p in problems[:MAX_LISTED])
        more = len(problems) - MAX_LISTED
        listed += f"\n…and {more} more" if more > 0 else ""
        box = QMessageBox(QMessageBox.Icon.Warning, "Case file check", f"{name} did not pass its check.", parent=parent)
        box.setInformativeText(
            f"{listed}\n\nIt stays open read-only so nothing is written to a damaged file. "
            "Use File › Save a Copy to keep what can be read, and ask the sender for a fresh copy."
        )
        box.exec()


class VerificationController(QObject):
    """Runs SQLite's quick_check and foreign_key_check in the background after every open."""

    verified = Signal(object)  # the list of problems; empty when the file is clean

    def __init__(self, window: CaseWindow) -> None:
        super().__init__(window.as_widget())
        self.window = window
        self._job: workers.Job | None = None
        self._checking: CaseDocument | None = None

    def start(self, document: CaseDocument) -> None:
        document.verified = False
        self._checking = document
        path = Path(document.path)
        job = workers.Job(lambda progress, cancelled: full_check(path, _as_steps(progress), cancelled))
        job.progressed.connect(self._progressed)
        job.succeeded.connect(self._succeeded)
        job.failed.connect(self._failed)
        self._job = job
        self.window.statusBar().showMessage(f"Checking {path.name}…")
        self.window.track_job(job)

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()

    def _document(self) -> CaseDocument | None:
        return self.window.document

    def _progressed(self, done: int, total: int) -> None:
        self.window.statusBar().showMessage(f"Checking the case file… {100 * done // max(total, 1)}%")

    def _succeeded(self, problems: list[str]) -> None:
        document = self._document()
        if document is None or document is not self._checking:
            return  # the case was closed, or another opened, while the check ran
        if problems:
            self.window.ui.set_read_only_banner(True)
            self.window.statusBar().showMessage("The case file did not pass its check; it is open read-only.")
            VerificationReport.show_problems(self.window.as_widget(), Path(document.path).name, problems)
        else:
            document.verified = True
            self.window.statusBar().showMessage("Checked: the case file is sound.", 8000)
        self.window.refresh_after_check()
        self.verified.emit(problems)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, CheckCancelled):
            return
        self._succeeded([str(error)])


def _as_steps(progress: workers.Progress) -> workers.FractionProgress:
    def report(fraction: float) -> None:
        progress(int(fraction * 1000), 1000)

    return report
