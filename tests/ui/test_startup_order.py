"""The window paints its frame before it loads the case store and the panels (issue 12 §7).

bench/startup.py times it; these tests keep the order from slipping back, without timing anything:
a fresh interpreter starts the app's own way, and at its first paint nothing heavy is loaded yet.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from casefile.ui.main_window import MainWindow
from casefile.ui.settings import Settings

# At the frame's first paint: what was loaded. Then the panels are built, and a case can open.
_FIRST_PAINT = r"""
import sys
import PySide6.QtCore as QtCore
from PySide6.QtCore import QTimer
from casefile.ui import app as app_module
from casefile.ui.main_window import MainWindow

app = app_module.make_application(icon=False)
window = MainWindow(deferred=True)
seen = {}
original = MainWindow.paintEvent

def paint(self, event):
    if not seen:
        seen["sqlalchemy"] = "sqlalchemy" in sys.modules
        seen["panels"] = "casefile.ui.layout" in sys.modules
        seen["Qt namespace"] = "Qt" in QtCore.__dict__
        seen["built"] = self.is_built
    original(self, event)

MainWindow.paintEvent = paint
window.built.connect(lambda: (print(seen, window.is_built, window.ui.table is not None), app.quit()))
window.show()
QTimer.singleShot(20000, app.quit)
app.exec()
"""


def test_the_frame_paints_before_the_case_store_the_panels_or_the_qt_namespace_load(tmp_path: Path) -> None:
    env = os.environ | {"XDG_CONFIG_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", _FIRST_PAINT], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    expected = "{'sqlalchemy': False, 'panels': False, 'Qt namespace': False, 'built': False} True True"
    assert done.stdout.strip().splitlines()[-1] == expected


@pytest.fixture
def deferred(qtbot: QtBot, settings: Settings) -> MainWindow:
    window = MainWindow(settings, deferred=True)
    qtbot.addWidget(window)
    return window


def test_a_deferred_window_shows_its_start_page_and_builds_its_panels_after_its_first_paint(
    qtbot: QtBot, deferred: MainWindow, demo_case_path: Path
) -> None:
    assert not deferred.is_built and deferred.welcome.showing_start
    with qtbot.waitSignal(deferred.built, timeout=10_000):
        deferred.show()
    assert deferred.is_built and deferred.welcome.showing_start
    assert [d.objectName() for d in deferred.ui.docks if d.isVisible()] == []  # set aside for the start page
    with qtbot.waitSignal(deferred.case_opened, timeout=10_000):
        deferred.open_path(demo_case_path)
    assert deferred.ui.table_model.rowCount() > 0 and not deferred.welcome.showing_start
    shown = {d.objectName() for d in deferred.ui.docks if d.isVisible()}
    assert {"navigator", "details", "links"} <= shown


def test_a_deferred_window_keeps_the_panes_the_analyst_closed(
    qtbot: QtBot, settings: Settings, demo_case_path: Path
) -> None:
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.show()
    with qtbot.waitSignal(first.case_opened, timeout=10_000):
        first.open_path(demo_case_path)
    first.ui.docks[2].close()  # Links
    first.close()
    again = MainWindow(settings, deferred=True)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.built, timeout=10_000):
        again.show()
    with qtbot.waitSignal(again.case_opened, timeout=10_000):
        again.open_path(demo_case_path)
    shown = {d.objectName() for d in again.ui.docks if d.isVisible()}
    assert "navigator" in shown and "details" in shown and "links" not in shown


def test_a_window_closed_before_it_was_built_saves_its_size_and_nothing_else(
    qtbot: QtBot, deferred: MainWindow, settings: Settings
) -> None:
    deferred.close()
    assert not deferred.is_built
    assert settings.bytes_value("window/geometry") is not None


def test_an_error_before_the_log_is_set_up_still_reaches_the_log_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    from casefile.ui.dialogs import errors

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    monkeypatch.setattr(errors.log, "handlers", [])
    shown: list[BaseException] = []
    monkeypatch.setattr(errors.ErrorDialog, "show_error", classmethod(lambda cls, p, e: shown.append(e)))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    errors.install_excepthook(own_log=True)
    try:
        raise RuntimeError("raised while the panels were being built")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert shown and "raised while the panels were being built" in errors.log_file().read_text(encoding="utf-8")
    for handler in errors.log.handlers:
        handler.close()
