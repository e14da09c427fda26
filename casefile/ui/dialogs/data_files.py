"""The questions File › Import ▸ and Export ▸ ask, behind class methods tests replace."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from casefile.services.csl import CslPlan
from casefile.ui.widgets.record_form import ERROR_STYLE

SHEET_FILTER = "Spreadsheets (*.csv *.xlsx);;CSV (*.csv);;Excel workbook (*.xlsx);;All files (*)"
CSL_FILTER = "CSL-JSON (*.json);;All files (*)"
FTM_FILTER = "FollowTheMoney entities (*.jsonl *.ftm.json);;All files (*)"
EVIDENCE_FILTER = "Saved web pages and PDFs (*.html *.htm *.mhtml *.mht *.pdf);;All files (*)"
EVIDENCE_SUFFIXES = (".html", ".htm", ".mhtml", ".mht", ".pdf")
REDACT_TEXT = "Redact protected persons (shown as “Witness A”, “Witness B”…)"


@dataclass(frozen=True)
class ExportChoice:
    path: Path
    redact: bool
    as_shown: bool = False  # a spreadsheet of the table's visible rows and columns, not the whole kind


class DataFileDialogs:
    @classmethod
    def open_table(cls, parent: QWidget | None, folder: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, "Import a spreadsheet", folder, SHEET_FILTER)
        return Path(name) if name else None

    @classmethod
    def open_csl(cls, parent: QWidget | None, folder: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, "Import sources from Zotero (CSL-JSON)", folder, CSL_FILTER)
        return Path(name) if name else None

    @classmethod
    def open_evidence(cls, parent: QWidget | None, folder: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, "Add a source from a saved web page or PDF", folder,
                                              EVIDENCE_FILTER)  # fmt: skip
        return Path(name) if name else None

    @classmethod
    def export_table(cls, parent: QWidget | None, suggested: Path, kind_plural: str, shown: int) -> ExportChoice | None:
        dialog = ExportDialog("Export a spreadsheet", suggested, SHEET_FILTER, parent, (kind_plural, shown))
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None

    @classmethod
    def export_file(cls, parent: QWidget | None, title: str, suggested: Path, file_filter: str) -> ExportChoice | None:
        dialog = ExportDialog(title, suggested, file_filter, parent)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None

    @classmethod
    def confirm_csl(cls, parent: QWidget | None, file_name: str, plan: CslPlan) -> bool:
        return CslPreviewDialog(file_name, plan, parent).exec() == QDialog.DialogCode.Accepted


class ExportDialog(QDialog):
    """Where to save, whether to redact; for a spreadsheet also whole kind or the table as shown."""

    def __init__(self, title: str, suggested: Path, file_filter: str, parent: QWidget | None,
                 table: tuple[str, int] | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._filter = file_filter
        self.whole = self.shown = None
        layout = QVBoxLayout(self)
        if table is not None:
            plural, shown = table
            self.whole = QRadioButton(f"Every one of the {plural.lower()}, with all their fields", self)
            self.shown = QRadioButton(f"The table as shown: {shown:,} rows, its columns, filter and sort", self)
            self.whole.setChecked(True)
            self.shown.toggled.connect(self._update)
            layout.addWidget(self.whole)
            layout.addWidget(self.shown)
        self.redact = QCheckBox(REDACT_TEXT, self)
        self.redact.setAccessibleName("Redact protected persons")
        self.path = QLineEdit(str(suggested), self)
        self.path.setAccessibleName("Save as")
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow("Save as", where)
        self.problem = QLabel(self)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(self.redact)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(620, 0)

    def _update(self) -> None:
        # The table as shown is written from the window's rows; redaction works on the whole case's copy.
        as_shown = self.shown is not None and self.shown.isChecked()
        self.redact.setEnabled(not as_shown)
        if as_shown:
            self.redact.setChecked(False)
        self.redact.setToolTip("Redaction applies to a whole kind; choose that to redact." if as_shown else "")

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.windowTitle(), self.path.text(), self._filter)
        if name:
            self.path.setText(name)

    def choice(self) -> ExportChoice:
        as_shown = self.shown is not None and self.shown.isChecked()
        return ExportChoice(Path(self.path.text().strip()), self.redact.isChecked(), as_shown)

    def accept(self) -> None:
        text = self.path.text().strip()
        if not text:
            self.problem.setText("Choose where to save the file.")
            return
        if not Path(text).parent.is_dir():
            self.problem.setText(f"The folder {Path(text).parent} does not exist; choose another.")
            return
        super().accept()


class CslPreviewDialog(QDialog):
    """What a CSL-JSON import will do, before anything is written."""

    def __init__(self, file_name: str, plan: CslPlan, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import {file_name}")
        self.setAccessibleName("Import sources from Zotero")
        count = len(plan.new)
        head = QLabel(f"{count} new source{'s' if count != 1 else ''} to add from {file_name}.", self)
        head.setTextFormat(Qt.TextFormat.PlainText)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName("What the import will do")
        lines = [f"• {n.item.values.get('title')}" for n in plan.new[:200]]
        summary = plan.summary()
        lines += ["", *summary] if summary else []
        self.text.setPlainText("\n".join(lines))
        self.problem = QLabel(self)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        if plan.problems:
            listed = "\n".join(f"• {p}" for p in plan.problems[:10])
            self.problem.setText(f"Nothing can be imported: correct the file or the case first.\n{listed}")
        elif not plan.new:
            self.problem.setText("Every source of the file is already in the case: there is nothing to import.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Import")
        self.ok.setEnabled(not plan.problems and bool(plan.new))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (head, self.text, self.problem, buttons):
            layout.addWidget(widget)
        self.resize(720, 460)
