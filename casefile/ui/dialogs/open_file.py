"""Opening a file Casefile wrote (the exported PDF) in the program the computer uses for it.

When no such program is installed, QDesktopServices.openUrl returns False and nothing else
happens; the analyst would wait for a viewer that never comes. Then say so, name where the
file is, and offer to copy that path.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

COPY_PATH = "Copy Path"


class FileOpener:
    """A class so tests can stand in for the desktop's file associations."""

    @classmethod
    def open_url(cls, url: QUrl) -> bool:
        return QDesktopServices.openUrl(url)


def open_or_explain(parent: QWidget | None, path: Path, what: str = "PDF") -> bool:
    """Open the file in its viewer; False, after telling the analyst where it is, when none could."""
    if FileOpener.open_url(QUrl.fromLocalFile(str(path))):
        return True
    box = QMessageBox(QMessageBox.Icon.Information, f"No {what} viewer", "", parent=parent)
    box.setText(f"This computer has no program that opens {what} files, so the file was not opened.")
    box.setInformativeText(
        f"It was saved here:\n{path}\n\nInstall a {what} viewer, or open the file on another computer."
    )
    copy = box.addButton(COPY_PATH, QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is copy:
        QGuiApplication.clipboard().setText(str(path))
    return False
