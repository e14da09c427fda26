"""A small read-only window showing what a finding's step cites when it is not a record of the case.

A States Parties register row or a party-status event (with its citation and verification), an ICC
precedent (summary and sources), or a Rome Statute article (its words, down to the paragraph cited).
The text is plain: nothing the reference data says is read as markup.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget


class CitedTextDialog(QDialog):
    def __init__(self, title: str, body: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.heading = QLabel(title, self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.body = QPlainTextEdit(self)
        self.body.setPlainText(body)
        self.body.setReadOnly(True)
        self.body.setAccessibleName(title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.body)
        layout.addWidget(buttons)
        self.resize(560, 380)
