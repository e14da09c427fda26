"""Starting the desktop app: QApplication, logging, error handling and the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from casefile import __version__
from casefile.paths import resources_dir
from casefile.ui.dialogs.errors import install_excepthook, log, log_file, setup_logging
from casefile.ui.main_window import MainWindow
from casefile.ui.start_page import open_demo

APP_NAME = "Casefile"


def make_application(argv: list[str] | None = None, *, icon: bool = True) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    # The desktop entry's name (tools/packaging/linux/casefile.desktop), so Linux desktops group
    # the window under the installed app's icon; and the icon itself, for every platform.
    app.setDesktopFileName("casefile")
    if icon:
        app.setWindowIcon(app_icon())
    return app  # type: ignore[return-value]


def app_icon() -> QIcon:
    icon = QIcon()
    for png in sorted((resources_dir() / "icons").glob("casefile-*.png")):
        icon.addFile(str(png))
    return icon


def run(path: Path | str | None = None, *, demo: bool = False) -> int:
    # The icon comes once the window has painted: decoding its large sizes for the window manager
    # would hold the first paint back by about 7 ms.
    app = make_application(icon=False)
    if os.environ.get("CASEFILE_PAINT_PROBE"):  # start-up benchmarks only (bench/frozen.py)
        from casefile.ui import paint_probe

        paint_probe.install_if_asked(app)
    install_excepthook(own_log=True)
    # The frame and start page paint first; the panels are built just after (MainWindow.build), and
    # then the rest of the start (once_built) and the case come.
    window = MainWindow(deferred=True)
    window.built.connect(lambda: once_built(app, window, path, demo=demo))
    window.show()
    return app.exec()


def once_built(app: QApplication, window: MainWindow, path: Path | str | None, *, demo: bool) -> None:
    app.setWindowIcon(app_icon())
    if not log.handlers:  # an early error may have set it up already (install_excepthook)
        setup_logging(log_file().parent)
    QTimer.singleShot(0, window, lambda: after_first_paint(window, path, demo=demo))


def after_first_paint(window: MainWindow, path: Path | str | None, *, demo: bool = False) -> None:
    """Ask the analyst's name on first run, then open what was asked for (or the last case, if so chosen)."""
    from casefile.scratch import clean_stale_work_quietly
    from casefile.ui.dialogs.preferences import ask_name_if_needed

    clean_stale_work_quietly()  # what a killed Casefile left; the command line does it before a command
    ask_name_if_needed(window, window.settings)
    if demo:
        open_demo(window)
    elif isinstance(path, str):  # a server case's address: casefile 'postgresql://…#case'
        window.server_cases.open_address(path)
    elif path is not None:
        window.open_path(path)
    elif window.settings.reopen_last_case():
        recent = window.settings.recent_files()
        if recent and (window.server_cases.is_address(recent[0]) or Path(recent[0]).is_file()):
            window.open_recent(recent[0])
