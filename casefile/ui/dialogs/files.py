"""File choosers and the New Case questions, behind class methods tests can replace."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel, QLineEdit, QWidget

from casefile.domain.case_files import EXTENSION

CASE_FILTER = f"Case files (*{EXTENSION});;All files (*)"
JSON_FILTER = "JSON documents (*.json);;All files (*)"


@dataclass(frozen=True)
class NewCase:
    path: Path
    title: str
    analyst: str | None
    classification: str | None


class FileDialogs:
    @classmethod
    def open_case(cls, parent: QWidget | None, folder: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, "Open case", folder, CASE_FILTER)
        return Path(name) if name else None

    @classmethod
    def save_copy(cls, parent: QWidget | None, suggested: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, "Save a copy of the case", suggested, CASE_FILTER)
        return with_extension(Path(name)) if name else None

    @classmethod
    def open_json(cls, parent: QWidget | None, folder: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, "Import a case from JSON", folder, JSON_FILTER)
        return Path(name) if name else None

    @classmethod
    def save_json(cls, parent: QWidget | None, suggested: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, "Export the case as JSON", suggested, JSON_FILTER)
        return Path(name) if name else None

    @classmethod
    def save_new_case(cls, parent: QWidget | None, suggested: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, "Save the imported case as", suggested, CASE_FILTER)
        return with_extension(Path(name)) if name else None

    @classmethod
    def new_case(cls, parent: QWidget | None, folder: str, analyst: str) -> NewCase | None:
        dialog = NewCaseDialog(folder, analyst, parent)
        return dialog.result_case() if dialog.exec() == QDialog.DialogCode.Accepted else None


def with_extension(path: Path) -> Path:
    return path if path.suffix == EXTENSION else path.with_name(path.name + EXTENSION)


class NewCaseDialog(QDialog):
    def __init__(self, folder: str, analyst: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New case")
        self._folder = folder
        self.title = QLineEdit(self)
        self.title.setAccessibleName("Case title")
        self.analyst = QLineEdit(analyst, self)
        self.analyst.setAccessibleName("Analyst")
        self.classification = QLineEdit(self)
        self.classification.setPlaceholderText("e.g. CONFIDENTIAL – internal")
        self.classification.setAccessibleName("Classification marking")
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b00020;")
        self.path: Path | None = None
        form = QFormLayout(self)
        form.addRow("Title*", self.title)
        form.addRow("Analyst", self.analyst)
        form.addRow("Classification", self.classification)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Choose where to save…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        if not self.title.text().strip():
            self.problem.setText("Give the case a title.")
            return
        suggested = str(Path(self._folder) / (self.title.text().strip() + EXTENSION))
        name, _ = QFileDialog.getSaveFileName(self, "Save the new case as", suggested, CASE_FILTER)
        if not name:
            return
        self.path = with_extension(Path(name))
        super().accept()

    def result_case(self) -> NewCase | None:
        if self.path is None:
            return None
        return NewCase(self.path, self.title.text().strip(), self.analyst.text().strip() or None,
                       self.classification.text().strip() or None)  # fmt: skip
