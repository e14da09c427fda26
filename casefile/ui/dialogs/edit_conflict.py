"""An edit that met a colleague's newer change to the same field: whose, when, both values, and a choice.

Shown on a server case when a save is refused by the version check (services.conflicts). Keep mine saves
the analyst's value over theirs; Keep theirs leaves theirs and puts it in the form; Decide later (Escape)
writes nothing and leaves the analyst's typing in its field, marked, to be confirmed again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from casefile.domain.errors import EditConflict
from casefile.domain.merge import Resolution


class EditConflictDialogs:
    """The question a conflicting save asks, behind a class method tests can replace."""

    @classmethod
    def ask(
        cls, parent: QWidget | None, conflict: EditConflict, record: str, field: str, mine: str, theirs: str
    ) -> Resolution | None:
        """MINE, THEIRS, or None when the analyst decides later."""
        dialog = EditConflictDialog(parent, conflict, record, field, mine, theirs)
        dialog.exec()
        return dialog.choice


class EditConflictDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, conflict: EditConflict, record: str, field: str, mine: str, theirs: str
    ) -> None:
        super().__init__(parent)
        self.choice: Resolution | None = None
        self.setWindowTitle("Someone else changed this field")
        self.setMinimumWidth(560)
        who = conflict.by or "A colleague"
        when = f" at {conflict.at}" if conflict.at else ""
        headline = QLabel(f"{who} changed {field} of {record}{when}, after you began editing it.", self)
        headline.setTextFormat(Qt.TextFormat.PlainText)  # names may hold < and &
        headline.setWordWrap(True)
        headline.setStyleSheet("font-weight: bold;")
        advice = QLabel("Yours has not been saved. Choose which value the case keeps; theirs stays in the audit "
                        "trail either way.", self)  # fmt: skip
        advice.setWordWrap(True)
        grid = QGridLayout()
        self.theirs_box = self._value_box(theirs, f"{who}'s value")
        self.mine_box = self._value_box(mine, "Your value")
        grid.addWidget(self._caption(f"Theirs ({who}{when})"), 0, 0)
        grid.addWidget(self._caption("Yours (not saved)"), 0, 1)
        grid.addWidget(self.theirs_box, 1, 0)
        grid.addWidget(self.mine_box, 1, 1)
        self.buttons = QDialogButtonBox(self)
        self.keep_mine = self.buttons.addButton("Keep &mine", QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_theirs = self.buttons.addButton("Keep &theirs", QDialogButtonBox.ButtonRole.AcceptRole)
        self.later = self.buttons.addButton("&Decide later", QDialogButtonBox.ButtonRole.RejectRole)
        self.keep_mine.clicked.connect(lambda: self._choose(Resolution.MINE))
        self.keep_theirs.clicked.connect(lambda: self._choose(Resolution.THEIRS))
        self.later.clicked.connect(self.reject)
        self.keep_mine.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(headline)
        layout.addWidget(advice)
        layout.addLayout(grid)
        layout.addWidget(self.buttons)

    def _caption(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        return label

    def _value_box(self, text: str, name: str) -> QPlainTextEdit:
        # Read-only but selectable: the analyst can copy either value before choosing.
        box = QPlainTextEdit(text, self)
        box.setReadOnly(True)
        box.setAccessibleName(name)
        box.setMaximumHeight(120)
        box.setPlaceholderText("(empty)")
        return box

    def _choose(self, choice: Resolution) -> None:
        self.choice = choice
        self.accept()
