"""File › Export PDF Dossier…: sections, redaction, paper size and destination; the export runs in a worker."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casefile.domain.dossier import SECTION_TITLES, ExportCancelled, Paper, PdfOptions, Section
from casefile.jobs.pdf import PdfReport, export_pdf
from casefile.ui.dialogs.open_file import open_or_explain
from casefile.ui.dialogs.redaction_report import RedactionReportDialog
from casefile.ui.workers import Cancelled


@dataclass(frozen=True)
class PdfRequest:
    path: Path
    options: PdfOptions


class ExportPdfDialog(QDialog):
    def __init__(self, suggested: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export PDF dossier")
        self.setAccessibleName("Export PDF dossier")
        self.sections = {section: QCheckBox(SECTION_TITLES[section], self) for section in Section}
        grid = QGridLayout()
        for i, (section, box) in enumerate(self.sections.items()):
            box.setChecked(True)
            box.setAccessibleName(f"Include {SECTION_TITLES[section]}")
            grid.addWidget(box, i // 2, i % 2)
        group = QGroupBox("Sections", self)
        group.setLayout(grid)
        self.redact = QCheckBox("Redact protected persons (shown as “Witness A”, “Witness B”…)", self)
        self.redact.setAccessibleName("Redact protected persons")
        self.paper = QComboBox(self)
        self.paper.addItem("A4", Paper.A4)
        self.paper.addItem("US Letter", Paper.LETTER)
        self.paper.setAccessibleName("Paper size")
        self.path = QLineEdit(str(suggested), self)
        self.path.setAccessibleName("Save the PDF as")
        browse = QPushButton("Browse…", self)
        browse.setAccessibleName("Choose where to save the PDF")
        browse.clicked.connect(self._browse)
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b00020;")
        self._layout(group, browse)

    def _layout(self, group: QGroupBox, browse: QPushButton) -> None:
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow("Paper", self.paper)
        form.addRow("Save as", where)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(group)
        layout.addWidget(self.redact)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Save the dossier as", self.path.text(), "PDF files (*.pdf)")
        if name:
            self.path.setText(name)

    def request(self) -> PdfRequest | None:
        chosen = frozenset(s for s, box in self.sections.items() if box.isChecked())
        text = self.path.text().strip()
        if not chosen or not text:
            return None
        path = Path(text)
        path = path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")
        return PdfRequest(
            path, PdfOptions(sections=chosen, redact=self.redact.isChecked(), paper=self.paper.currentData())
        )

    def accept(self) -> None:
        request = self.request()
        if request is None:
            self.problem.setText("Choose at least one section and where to save the PDF.")
            return
        if not request.path.parent.is_dir():
            self.problem.setText(f"The folder {request.path.parent} does not exist; choose another.")
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, suggested: Path) -> PdfRequest | None:
        dialog = cls(suggested, parent)
        return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None


class PdfDone:
    """What to say when an export ends; a class so tests can answer instead of a person."""

    @classmethod
    def offer_to_open(cls, parent: QWidget | None, report: PdfReport) -> bool:
        text = f"The dossier was saved as {report.path.name} ({report.pages} pages)."
        if report.uncovered:
            text += f"\n\nThese characters could not be drawn and appear as their codes: {report.uncovered_text()}"
        answer = QMessageBox.question(parent, "Dossier exported", text + "\n\nOpen it now?")
        return answer == QMessageBox.StandardButton.Yes

    @classmethod
    def open_file(cls, parent: QWidget | None, path: Path) -> None:
        open_or_explain(parent, path)


class PdfExportController(QObject):
    """Runs File › Export PDF Dossier… for the window."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window

    def start(self) -> None:
        document = self.window.document
        if document is None:
            return
        self.window.settle_pending_edit(ask=False)  # the dossier holds the typing
        # A file is exported from its path; a server case from the window's open case (jobs/pdf.py).
        case = document.file_path or document.case_file
        folder = document.file_path.parent if document.file_path else Path(self.window.settings.last_folder())
        request = ExportPdfDialog.ask(self.window, folder / f"{document.short_name}.pdf")
        if request is None:
            return
        read_only = document.read_only

        def work(progress, cancelled):  # type: ignore[no-untyped-def]
            try:
                return export_pdf(case, request.path, request.options, progress, cancelled, read_only=read_only)
            except ExportCancelled as exc:
                raise Cancelled(str(exc)) from exc

        self.window.run_job(f"Exporting {request.path.name}…", work, self._done)

    def _done(self, report: PdfReport) -> None:
        self.window.analysis.case_changed()
        self.window.job_finished.emit(report)
        if report.redaction is not None:
            RedactionReportDialog.show_report(self.window, report.redaction)
        if PdfDone.offer_to_open(self.window, report):
            PdfDone.open_file(self.window, report.path)
