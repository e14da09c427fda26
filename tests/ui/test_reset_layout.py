"""View › Reset Layout brings every pane back; a layout saved by another version is not applied."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget
from pytestqt.qtbot import QtBot

from casefile.ui.main_window import MainWindow
from casefile.ui.settings import Settings
from tests.ui.conftest import open_case


def _reset_action(window: MainWindow) -> QAction:
    return next(a for a in window.actions.view_menu.actions() if a.text() == "&Reset Layout")


def test_reset_layout_shows_the_panes_that_were_closed(qtbot: QtBot, window: MainWindow, demo_case_path: Path) -> None:
    open_case(qtbot, window, demo_case_path)
    details, links = (d for d in window.ui.docks if d.objectName() in ("details", "links"))
    details.close()
    links.close()
    assert not details.isVisible() and not links.isVisible()
    _reset_action(window).trigger()
    assert details.isVisible() and links.isVisible()
    assert window.dockWidgetArea(details) == window.dockWidgetArea(links)


def test_a_layout_saved_under_another_version_is_not_applied(qtbot: QtBot, settings: Settings) -> None:
    first = MainWindow(settings)
    qtbot.addWidget(first)
    for dock in first.findChildren(QDockWidget):
        dock.hide()
    settings.set_bytes("window/state", first.saveState(1))  # an older Casefile's layout, every pane hidden
    second = MainWindow(settings)
    qtbot.addWidget(second)
    assert not second._layout_restored
    assert second.restoreState(first.saveState(1), 1)  # the same bytes under their own version would apply
