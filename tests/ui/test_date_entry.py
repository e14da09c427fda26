"""Dates as people type them, and from a calendar, in the Details form; one undoable step each."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCalendarWidget, QLineEdit
from pytestqt.qtbot import QtBot

from casefile.domain.kinds import Kind
from casefile.ui.main_window import MainWindow
from casefile.ui.widgets.field_editors import DateEditor
from tests.ui.conftest import open_case, type_text
from tests.ui.test_pending_edits import _putin, _stored


def _role_from(qtbot: QtBot, window: MainWindow, path: Path) -> tuple[str, DateEditor, QLineEdit]:
    open_case(qtbot, window, path)
    putin = _putin(path)
    window.select_record(putin)
    editor = window.ui.details.form(Kind.PERSON).editors["role_from"]
    assert isinstance(editor, DateEditor)
    line = editor.line
    line.setFocus()
    line.clear()
    return putin, editor, line


def test_words_and_day_first_dates_are_understood(qtbot: QtBot, window: MainWindow, demo_case_path: Path) -> None:
    putin, _, line = _role_from(qtbot, window, demo_case_path)
    for typed, stored in (("yesterday", (date.today() - timedelta(days=1)).isoformat()), ("17.03.2023", "2023-03-17"),
                          ("March 2023", "2023-03"), ("2023", "2023")):  # fmt: skip
        line.clear()
        type_text(line, typed)
        QTest.keyClick(line, Qt.Key.Key_Return)
        assert _stored(demo_case_path, putin, "role_from") == stored, typed
        assert line.text() == stored  # the form shows what it understood
    window.undo_stack.undo()
    assert _stored(demo_case_path, putin, "role_from") == "2023-03"


def test_a_day_is_chosen_from_the_calendar_with_the_keyboard(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path
) -> None:
    putin, editor, line = _role_from(qtbot, window, demo_case_path)
    type_text(line, "2024-09")
    QTest.keyClick(line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert editor.popup is not None
    qtbot.waitUntil(editor.popup.isVisible)
    calendar = editor.popup.findChild(QCalendarWidget)
    assert calendar is not None and calendar.selectedDate().toString("yyyy-MM-dd") == "2024-09-01"
    calendar.setSelectedDate(calendar.selectedDate().addDays(1))
    calendar.activated.emit(calendar.selectedDate())  # what Enter in the calendar sends
    assert _stored(demo_case_path, putin, "role_from") == "2024-09-02"
    assert not editor.popup.isVisible()
