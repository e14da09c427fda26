"""The window without a mouse: F6 between panes, Tab out of the table, and a walk through the demo case by keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from casefile.domain.kinds import Kind
from casefile.ui.dialogs.files import FileDialogs
from casefile.ui.keyboard import add_mnemonics, menus_of, mnemonic
from casefile.ui.main_window import MainWindow
from tests.ui.conftest import type_text

NEW_ROLE = "Президент <b> & נשיא رئيس 总统"


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """One key, to whatever has the focus, as the keyboard would send it, then the modifiers let go.

    Letting go matters: Qt takes the modifiers held from the last key event, and a Shift left
    "held" would turn the next test's row selections into range selections.
    """
    QTest.keyClick(focused(), key, modifiers)
    for held, modifier_key in ((Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_Shift),
                               (Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Control)):  # fmt: skip
        if modifiers & held:
            QTest.keyRelease(focused(), modifier_key, Qt.KeyboardModifier.NoModifier)


def pane_of(window: MainWindow) -> str:
    index = window.panes.current()
    return window.panes.open_panes()[index].container.objectName() if index >= 0 else ""


def f6_to(window: MainWindow, name: str, backwards: bool = False) -> None:
    """Press F6 (Shift+F6 backwards) until the pane named has the focus: at least once."""
    for _ in range(10):
        press(Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier if backwards else Qt.KeyboardModifier.NoModifier)
        if pane_of(window) == name:
            return
    raise AssertionError(f"F6 never reached {name}; the focus is on {focused()!r}")


def active(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)


@pytest.fixture
def keyboard_window(qtbot: QtBot, window: MainWindow) -> MainWindow:
    window.centralWidget().setObjectName("records")  # a name to read back in the assertions
    active(qtbot, window)
    return window


def test_the_demo_case_by_keyboard_alone(
    qtbot: QtBot, keyboard_window: MainWindow, demo_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = keyboard_window
    # Open: Ctrl+O; the system's file dialog (typed into, not clicked) answers with the demo case.
    monkeypatch.setattr(FileDialogs, "open_case", classmethod(lambda cls, parent, folder: demo_case_path))
    with qtbot.waitSignals([window.case_opened, window.verification.verified], timeout=20_000):
        press(Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    active(qtbot, window)

    # F6 to the navigator; Persons is chosen with the arrow keys.
    f6_to(window, "navigator")
    assert focused() is window.ui.kinds_view
    for _ in range(12):
        if window.current_kind() == Kind.PERSON:
            break
        press(Qt.Key.Key_Down)
    assert window.current_kind() == Kind.PERSON

    # Into the table; typing a name's first letters goes to it, Enter opens it in the form.
    f6_to(window, "records")
    assert focused() is window.ui.table
    type_text(window.ui.table, "Vladimir")
    press(Qt.Key.Key_Return)
    record = window.ui.details.record
    assert record is not None and record.values["name"] == "Vladimir Putin"
    form = window.ui.details.form(Kind.PERSON)
    assert focused() is form.editors["name"].widget

    # Tab to "Role or title", type over it, Tab again: saved as one undoable edit.
    old_role = record.values["role"]
    for _ in range(3):
        press(Qt.Key.Key_Tab)
    assert focused() is form.editors["role"].widget
    assert isinstance(focused(), QLineEdit) and focused().selectedText() == old_role  # type: ignore[attr-defined]
    type_text(focused(), NEW_ROLE)
    press(Qt.Key.Key_Tab)
    assert window.editing is not None
    assert window.editing.record(record.id).values["role"] == NEW_ROLE

    # F6 to the links; Down to the first linked record, Enter goes to it.
    f6_to(window, "links")
    assert focused() is window.ui.links.tree
    press(Qt.Key.Key_Down)  # from the first group to its first record
    end = window.ui.links.selected_end()
    assert end is not None and end.other_id != record.id
    press(Qt.Key.Key_Return)
    assert window.ui.details.record is not None and window.ui.details.record.id == end.other_id

    # F6 on to the findings; Tab to Reassess, Space presses it.
    f6_to(window, "findings")
    findings = window.analysis.findings
    findings.set_findings([])  # so the walk sees the reassessment arrive
    while focused() is not findings.refresh_button:
        press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: findings.model.rowCount() > 0, timeout=5000)
    assert "raised" in findings.summary.text()

    # Ctrl+Z from there undoes the edit.
    press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.editing.record(record.id).values["role"] == old_role


def test_f6_and_shift_f6_visit_every_open_pane_in_order(
    keyboard_window: MainWindow, qtbot: QtBot, empty_case_path: Path
) -> None:
    window = keyboard_window
    with qtbot.waitSignals([window.case_opened, window.verification.verified], timeout=20_000):
        window.open_path(empty_case_path)  # with no case open the start page keeps the panes aside
    window.ui.kinds_view.setFocus()
    seen = [pane_of(window)]
    for _ in range(8):
        press(Qt.Key.Key_F6)
        seen.append(pane_of(window))
    # No record is shown, so the Details form has no field to go to and is passed over; then round again.
    assert seen == ["navigator", "records", "links", "findings", "precedents", "timeline", "link_chart",
                    "audit_trail", "navigator"]  # fmt: skip
    press(Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert pane_of(window) == "audit_trail"
    assert window.analysis.docks[-1].isVisible()  # a tab behind another came to the front
    # A pane the analyst closed is passed over.
    window.analysis.docks[1].close()
    f6_to(window, "findings")
    press(Qt.Key.Key_F6)
    assert pane_of(window) == "timeline"  # the precedents were closed


def test_tab_leaves_the_records_table(qtbot: QtBot, keyboard_window: MainWindow, demo_case_path: Path) -> None:
    window = keyboard_window
    with qtbot.waitSignals([window.case_opened, window.verification.verified], timeout=20_000):
        window.open_path(demo_case_path)
    window.ui.table.setFocus()
    window.ui.table.selectRow(0)
    press(Qt.Key.Key_Tab)
    assert focused() is not window.ui.table and not window.ui.table.isAncestorOf(focused())
    press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is window.ui.table


def test_every_menu_item_has_its_own_underlined_letter(keyboard_window: MainWindow) -> None:
    window = keyboard_window
    titles = [a.text() for a in window.menuBar().actions()]
    assert all(mnemonic(t) for t in titles) and len({mnemonic(t) for t in titles}) == len(titles)
    for menu in menus_of(window):
        menu.aboutToShow.emit()  # as when it opens: items filled in then (recent cases) get letters too
        texts = [a.text() for a in menu.actions() if not a.isSeparator()]
        letters = [mnemonic(t) for t in texts]
        assert all(letters), (menu.title(), texts)
        assert len(set(letters)) == len(letters), (menu.title(), texts)


def test_items_without_a_letter_get_a_free_one(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QMenu

    menu = QMenu()
    texts = ["&Links", "Link Chart", "Audit Trail", "L", "Wide && tall"]
    for text in texts:
        menu.addAction(text)
    add_mnemonics(menu)
    assert [a.text() for a in menu.actions()] == ["&Links", "Link &Chart", "&Audit Trail", "L", "&Wide && tall"]


def test_search_hits_are_read_whole_and_opened_from_the_keyboard(
    qtbot: QtBot, keyboard_window: MainWindow, demo_case_path: Path
) -> None:
    from tests.ui.conftest import open_case

    window = keyboard_window
    open_case(qtbot, window, demo_case_path)
    active(qtbot, window)
    press(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Edit › Find
    assert focused() is window.ui.search_edit
    type_text(window.ui.search_edit, "mongolia")
    press(Qt.Key.Key_Return)  # before the typing pause has run the search: Enter runs it at once
    hits = window.ui.search_view
    assert focused() is hits and hits.currentIndex().row() == 0
    model = window.ui.search_model
    assert model.rowCount() >= 2
    # Each hit reads whole in the narrow navigator: record and kind, then the words around the match, wrapped.
    first = model.hit_at(0)
    text = hits.currentIndex().data()
    assert text.startswith(f"{first.label}  ·  ") and "«" in text.split("\n", 1)[1]
    assert hits.visualRect(hits.currentIndex()).height() >= 2 * hits.fontMetrics().height()
    assert hits.horizontalScrollBar().maximum() == 0
    # Up from the first hit goes back to the box; Down comes back; Down again and Enter opens the second hit.
    press(Qt.Key.Key_Up)
    assert focused() is window.ui.search_edit
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Down)
    assert focused() is hits and hits.currentIndex().row() == 1
    press(Qt.Key.Key_Return)
    second = model.hit_at(1)
    assert window.current_kind() == second.kind
    assert window.ui.details.record is not None and window.ui.details.record.id == second.id
