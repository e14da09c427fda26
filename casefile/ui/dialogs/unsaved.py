"""The question asked when a typed value cannot be saved and the analyst is leaving it."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from casefile.domain.errors import FieldProblem


class UnsavedDialogs:
    """Behind class methods that tests replace."""

    @classmethod
    def keep_editing(cls, parent: QWidget | None, problems: list[FieldProblem]) -> bool:
        """True to go back to the field; False to drop what was typed there."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, "Unsaved change", "What you typed cannot be saved yet.", parent=parent
        )
        box.setInformativeText(
            "\n".join(f"• {p.message}" for p in problems[:5])
            + "\n\nKeep editing to correct it, or discard what you typed in that field."
        )
        keep = box.addButton("Keep Editing", QMessageBox.ButtonRole.RejectRole)
        box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is keep
