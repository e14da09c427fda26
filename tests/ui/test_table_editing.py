"""Editing plain fields in the records table's cells (issue 12 §2): F2 or a double-click, Enter saves, Esc cancels."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from casefile.domain.kinds import Kind
from casefile.ui.main_window import MainWindow
from casefile.ui.table_editing import cell_fields
from tests.ui.conftest import open_case, type_text

PLACE = "Улаанбаатар <b>&</b> אולן באטור 乌兰巴托"


def test_only_plain_fields_are_edited_in_their_cells() -> None:
    visit = {column: field.name for column, field in cell_fields(Kind.VISIT).items()}
    assert visit == {2: "place", 3: "start", 4: "end", 5: "outcome"}  # not the person or state: pickers
    assert "text" not in {f.name for f in cell_fields(Kind.QUOTE).values()}  # a long text stays in the form


def show_visits(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    open_case(qtbot, window, path)
    window.ui.kinds_view.setCurrentIndex(window.ui.kinds_model.index(window.ui.kinds_model.row_of(Kind.VISIT)))
    window.activateWindow()
    window.ui.table.setFocus()


def open_cell(window: MainWindow, column: int) -> QWidget:
    table = window.ui.table
    table.setCurrentIndex(table.model().index(0, column))
    QTest.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not table
    return editor


def cell(window: MainWindow, column: int) -> str:
    return str(window.ui.table_model.index(0, column).data())


def stored(window: MainWindow, name: str) -> object:
    assert window.editing is not None
    return window.editing.record(window.ui.table_model.id_at(0)).values[name]


def test_a_text_cell_is_typed_into_and_saved_as_one_undoable_edit(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path
) -> None:
    show_visits(qtbot, window, demo_case_path)
    editor = open_cell(window, 2)
    assert isinstance(editor, QLineEdit) and editor.text() == "Ulaanbaatar"
    editor.clear()
    type_text(editor, PLACE)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(window, "place") == PLACE)
    assert cell(window, 2) == PLACE
    assert window.actions.undo.text().startswith("&Undo Edit place of Vladimir Putin in Mongolia")
    window.undo_stack.undo()
    assert stored(window, "place") == "Ulaanbaatar" and cell(window, 2) == "Ulaanbaatar"


def test_a_date_cell_reads_dates_as_the_form_does(qtbot: QtBot, window: MainWindow, demo_case_path: Path) -> None:
    show_visits(qtbot, window, demo_case_path)
    editor = open_cell(window, 4)
    assert isinstance(editor, QLineEdit)
    editor.clear()
    type_text(editor, "4.9.2024")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(window, "end") == "2024-09-04")
    assert cell(window, 4) == "2024-09-04"


def test_a_choice_cell_offers_the_labels(qtbot: QtBot, window: MainWindow, demo_case_path: Path) -> None:
    show_visits(qtbot, window, demo_case_path)
    assert cell(window, 5) == "Not arrested"
    editor = open_cell(window, 5)
    assert isinstance(editor, QComboBox) and editor.currentText() == "Not arrested"
    labels = [editor.itemText(i) for i in range(editor.count())]
    assert "Arrested" in labels and "arrested" not in labels
    editor.setCurrentIndex(labels.index("Arrested"))
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(window, "outcome") == "arrested")
    assert cell(window, 5) == "Arrested"


def test_esc_leaves_the_cell_as_it_was(qtbot: QtBot, window: MainWindow, demo_case_path: Path) -> None:
    show_visits(qtbot, window, demo_case_path)
    steps = window.undo_stack.count()
    editor = open_cell(window, 2)
    type_text(editor, " — not this")
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    QTest.qWait(20)
    assert stored(window, "place") == "Ulaanbaatar" and window.undo_stack.count() == steps


def test_a_value_that_cannot_be_saved_is_explained_and_the_typing_kept(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, errors_shown: list[BaseException]
) -> None:
    shown = errors_shown
    show_visits(qtbot, window, demo_case_path)
    editor = open_cell(window, 4)  # the last day, before the first
    assert isinstance(editor, QLineEdit)
    editor.clear()
    type_text(editor, "1 August 2024")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(shown))
    assert str(shown[0]).startswith("Last day: ") and "end:" not in str(shown[0])
    assert stored(window, "end") == "2024-09-03"
    # The cell is open again, holding what was typed.
    again = QApplication.focusWidget()
    assert isinstance(again, QLineEdit) and again.text() == "1 August 2024"
    QTest.keyClick(again, Qt.Key.Key_Escape)


def test_references_and_read_only_cases_are_not_edited_in_the_table(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, qtmodeltester: ModelTester
) -> None:
    show_visits(qtbot, window, demo_case_path)
    model = window.ui.table_model
    qtmodeltester.check(model)
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable  # the person: a picker, in the form
    assert model.flags(model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(QModelIndex()) & Qt.ItemFlag.ItemIsEditable
    window.close_case()
    window.open_path(demo_case_path, read_only=True)
    qtbot.waitUntil(lambda: window.document is not None and window.document.read_only, timeout=20_000)
    window.ui.kinds_view.setCurrentIndex(window.ui.kinds_model.index(window.ui.kinds_model.row_of(Kind.VISIT)))
    assert not model.flags(model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable
