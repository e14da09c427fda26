"""Help › User Guide: docs/user-guide.md shown in the app, offline (it travels inside the package)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from casefile.paths import user_guide


class UserGuide(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Casefile User Guide")
        self.setAccessibleName("User guide")
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName("User guide text")
        self.browser.setOpenLinks(False)  # nothing here goes online; links to other docs are plain text
        try:
            self.browser.setMarkdown(user_guide().read_text(encoding="utf-8"))
        except OSError as exc:
            self.browser.setPlainText(
                f"The user guide could not be read ({exc}). Reinstalling Casefile puts it back; "
                "it is also docs/user-guide.md in Casefile's source."
            )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(760, 640)

    @classmethod
    def show_guide(cls, parent: QWidget | None) -> UserGuide:
        """Opened beside the window (not modal), so the analyst can follow it while working."""
        guide = cls(parent)
        guide.show()
        return guide
