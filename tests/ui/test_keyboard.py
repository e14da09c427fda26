"""The demo case walked with the keyboard alone: F6 from pane to pane, arrows, typing, undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget
from pytestqt.qtbot import QtBot

from casefile.domain.kinds import Kind
from casefile.ui.main_window import MainWindow
from tests.ui.conftest import open_case, type_text
from tests.ui.test_pending_edits import _putin, _stored


def _press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> QWidget:
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    QTest.keyClick(target, key, modifier)
    return QApplication.focusWidget()


def _inside(widget: QWidget | None, pane: QWidget) -> bool:
    return widget is not None and (widget is pane or pane.isAncestorOf(widget))


def test_the_demo_case_with_the_keyboard_only(qtbot: QtBot, window: MainWindow, demo_case_path: Path) -> None:
    open_case(qtbot, window, demo_case_path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.ui.table.setFocus()
    panes = window.keyboard.panes()
    assert panes[0] is window.ui.navigator and panes[1] is window.ui.table and window.ui.details in panes

    focus = _press(Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)  # back to the navigator
    assert _inside(focus, window.ui.navigator)
    window.ui.kinds_view.setFocus()  # (Tab from the search box lands here)
    focus = _press(Qt.Key.Key_Down)
    _press(Qt.Key.Key_Up)  # States, then back to Persons
    assert window.ui.kinds_view.currentIndex().row() == 0

    focus = _press(Qt.Key.Key_F6)
    assert focus is window.ui.table
    putin = _putin(demo_case_path)
    _press(Qt.Key.Key_Down)
    _press(Qt.Key.Key_Up)  # back to the first row, Vladimir Putin
    qtbot.waitUntil(lambda: window.ui.details.record is not None and window.ui.details.record.id == putin)

    focus = _press(Qt.Key.Key_F6)
    assert _inside(focus, window.ui.details)
    nationality = window.ui.details.form(Kind.PERSON).editors["nationality"].widget
    nationality.setFocus()  # (Tab walks the form to it)
    type_text(nationality, "Россия")
    _press(Qt.Key.Key_Return)
    assert _stored(demo_case_path, putin, "nationality") == "Россия"

    focus = _press(Qt.Key.Key_F6)
    assert not _inside(focus, window.ui.details)
    _press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _stored(demo_case_path, putin, "nationality") is None


def test_no_table_in_the_window_keeps_tab(window: MainWindow) -> None:
    views = window.findChildren(QAbstractItemView)
    assert views and not [v.accessibleName() or type(v).__name__ for v in views if v.tabKeyNavigation()]
