"""GUI fixtures: the real main window on an isolated settings file, and typing helpers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from casefile.ui.main_window import MainWindow
from casefile.ui.settings import Settings

QStandardPaths.setTestModeEnabled(True)


def type_text(widget: QWidget, text: str) -> None:
    """Type one key event per character: qtbot.keyClicks aborts on non-ASCII text."""
    for char in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot: QtBot, settings: Settings) -> Iterator[MainWindow]:
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    yield win
    win.wait_for_workers()
    win.close_case()


def open_case(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    """Open as a person would, and wait for the background check that allows editing."""
    with qtbot.waitSignals([window.case_opened, window.verification.verified], timeout=20_000):
        window.open_path(path)


@pytest.fixture
def errors_shown(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    """The errors the window would show in a dialog, collected instead of shown."""
    from casefile.ui.dialogs.errors import ErrorDialog

    shown: list[BaseException] = []
    monkeypatch.setattr(ErrorDialog, "show_error", classmethod(lambda cls, parent, error: shown.append(error)))
    return shown


@pytest.fixture
def demo_window(qtbot: QtBot, window: MainWindow, demo_case_path: Path) -> MainWindow:
    """The window with the demo case open and checked, ready to edit."""
    open_case(qtbot, window, demo_case_path)
    return window
