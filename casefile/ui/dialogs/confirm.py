"""Questions that need a yes or no before something is removed."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

MAX_LISTED = 12


class Confirm:
    @classmethod
    def delete(cls, parent: QWidget | None, label: str, link_labels: list[str]) -> bool:
        text = f"Delete {label}?"
        if link_labels:
            shown = "\n".join(f"• {name}" for name in link_labels[:MAX_LISTED])
            more = len(link_labels) - MAX_LISTED
            shown += f"\n…and {more} more" if more > 0 else ""
            info = f"These {len(link_labels)} links go with it:\n{shown}\n\nEdit › Undo brings them all back."
        else:
            info = "Edit › Undo brings it back."
        box = QMessageBox(QMessageBox.Icon.Question, "Delete record", text, parent=parent)
        box.setInformativeText(info)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes
