"""Edit › Preferences… and the first-run question: the analyst's name, organisation, and start-up choice.

The name is who the audit trail records for every change made here (casefile.identity), and
who an export's signature stands for. It is kept in the user's settings, never in a case file.
The first-run dialog is skipped when a name is saved already or CASEFILE_ANALYST sets one, so
tests, CI, the packaged-app check and the benchmarks never wait on it.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from casefile import identity
from casefile.ui.settings import Settings, apply_identity

WHY = (
    "Casefile records your name with every change you make to a case (its audit trail), and "
    "signs your exports in your name. It stays on this computer, in your settings; a colleague "
    "who receives your copy sees it beside your changes."
)
NAME_MISSING = "Type your name: it is written beside every change you make."


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None, *, first_run: bool = False) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Welcome to Casefile" if first_run else "Preferences")
        self.setAccessibleName(self.windowTitle())
        intro = QLabel(("Who is using Casefile?\n\n" if first_run else "") + WHY, self)
        intro.setWordWrap(True)
        self.name = QLineEdit(settings.analyst() or identity.from_environment() or "", self)
        self.name.setAccessibleName("Your name")
        self.name.setPlaceholderText("e.g. Ana Analyst")
        self.organisation = QLineEdit(settings.organisation(), self)
        self.organisation.setAccessibleName("Organisation (optional)")
        self.reopen = QCheckBox("Reopen the last case when Casefile starts", self)
        self.reopen.setChecked(settings.reopen_last_case())
        self.reopen.setVisible(not first_run)
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #a40000;")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Your &name:", self.name)
        form.addRow("&Organisation (optional):", self.organisation)
        form.addRow(self.reopen)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        if first_run:
            buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Ask Me &Later")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(480, 260)

    def accept(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.problem.setText(NAME_MISSING)
            self.name.setFocus()
            return
        self.settings.set_analyst(name)
        self.settings.set_organisation(self.organisation.text())
        if self.reopen.isVisible():
            self.settings.set_reopen_last_case(self.reopen.isChecked())
        self.settings.sync()
        apply_identity(self.settings)
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, settings: Settings) -> bool:
        return cls(settings, parent).exec() == QDialog.DialogCode.Accepted

    @classmethod
    def ask_first_run(cls, parent: QWidget | None, settings: Settings) -> bool:
        return cls(settings, parent, first_run=True).exec() == QDialog.DialogCode.Accepted


def needs_name(settings: Settings) -> bool:
    """True only when neither the settings nor CASEFILE_ANALYST name the person using Casefile."""
    return not settings.analyst() and identity.from_environment() is None


def ask_name_if_needed(parent: QWidget | None, settings: Settings) -> bool:
    """The first-run question, asked only when no name is known; True when it was asked."""
    if not needs_name(settings):
        return False
    PreferencesDialog.ask_first_run(parent, settings)
    return True
