"""The redaction report after a redacted export or share: for the analyst's eyes, never inside the file."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from casefile.services.redaction import RedactionReport

INTRO = (
    "Where each protected person's name was replaced, and how many times. Check the near matches at the end: "
    "they were NOT replaced. This report is not part of the redacted file."
)


class RedactionReportDialog(QDialog):
    """Read-only text of the report, selectable so the analyst can copy it into their notes."""

    def __init__(self, report: RedactionReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Redaction report")
        self.resize(760, 480)
        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setPlainText(report.text())
        self.text.setAccessibleName("Redaction report")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.text, buttons):
            layout.addWidget(widget)

    @classmethod
    def show_report(cls, parent: QWidget | None, report: RedactionReport) -> None:
        """Tests replace this to read the report instead of a person."""
        cls(report, parent).exec()
