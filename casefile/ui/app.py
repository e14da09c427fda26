"""Starting the desktop app: QApplication, logging, error handling and the main window."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import platformdirs
from PySide6.QtWidgets import QApplication

from casefile import __version__
from casefile.jobs.demo import write_demo
from casefile.ui.dialogs.errors import install_excepthook, setup_logging
from casefile.ui.main_window import MainWindow

APP_NAME = "Casefile"


def demo_copy_path() -> Path:
    """A fresh demo case in the user's data folder, replacing the previous demo copy."""
    folder = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "Demo - Putin in Mongolia.casefile"
    if path.exists():
        shutil.move(path, path.with_suffix(".casefile.previous"))
    return write_demo(path)


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    return app  # type: ignore[return-value]


def run(path: Path | None = None, *, demo: bool = False) -> int:
    app = make_application()
    setup_logging(Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)))
    install_excepthook()
    window = MainWindow()
    window.show()
    if demo:
        window.open_path(demo_copy_path())
    elif path is not None:
        window.open_path(path)
    return app.exec()
