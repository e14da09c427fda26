"""One place that shows errors: a friendly message, and the details a colleague may ask for."""

from __future__ import annotations

import contextlib
import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from casefile.domain.errors import CasefileError

log = logging.getLogger("casefile")


def describe(error: BaseException) -> tuple[str, str]:
    """The headline and the advice for an error; unexpected errors admit they are ours."""
    if isinstance(error, CasefileError):
        return error.message, error.hint
    return (
        "Something went wrong inside Casefile.",
        "Your case file is safe: every completed edit was already saved. Copy the details for a bug report.",
    )


class ErrorDialog(QMessageBox):
    def __init__(self, parent: QWidget | None, error: BaseException, details: str) -> None:
        super().__init__(parent)
        headline, advice = describe(error)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle("Casefile")
        self.setText(headline)
        self.setInformativeText(advice)
        self.details = details
        self.copy_button = self.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
        self.copy_button.clicked.disconnect()
        self.copy_button.clicked.connect(self.copy_details)
        self.addButton(QMessageBox.StandardButton.Ok)
        self.setAccessibleName("Error")

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details)

    @classmethod
    def show_error(cls, parent: QWidget | None, error: BaseException) -> None:
        details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        log.warning("shown to the user: %s", details)
        cls(parent, error, details).exec()


def log_file() -> Path:
    """Where the app writes its log (ui/app.py sets it up there), for a person reporting a problem."""
    import platformdirs  # here: the window paints before anything it does not need at once is loaded

    return Path(platformdirs.user_log_dir("Casefile", appauthor=False)) / "casefile.log"


def setup_logging(folder: Path) -> Path:
    """A rotating log in the platform's log folder: the only place tracebacks are written."""
    from logging.handlers import RotatingFileHandler  # here: not needed before the first paint

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "casefile.log"
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path


def install_excepthook(parent_of: type[QWidget] | None = None, *, own_log: bool = False) -> None:
    """Unhandled errors are logged and shown plainly. With `own_log`, an error that comes before the
    app has set up its log (ui/app.py does that once the window has painted) sets it up first."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if own_log and not log.handlers:
            with contextlib.suppress(OSError):
                setup_logging(log_file().parent)
        log.error("unhandled error", exc_info=(kind, error, trace))
        if isinstance(error, KeyboardInterrupt):
            QApplication.quit()
            return
        ErrorDialog.show_error(QApplication.activeWindow(), error)

    sys.excepthook = hook
