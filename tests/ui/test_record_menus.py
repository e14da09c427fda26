"""Set Field for Selected…, Copy Citation, and the context menus of the table, the links and the search hits."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMenu
from pytestqt.qtbot import QtBot

from casefile.domain.kinds import Kind
from casefile.ui.dialogs.set_field import SetFieldDialog
from casefile.ui.main_window import MainWindow
from tests.ui.conftest import open_case, type_text

LANGUAGE = "Русский <b>&</b> עברית"


def show_kind(window: MainWindow, kind: Kind) -> None:
    window.ui.kinds_view.setCurrentIndex(window.ui.kinds_model.index(window.ui.kinds_model.row_of(kind)))


def select_rows(window: MainWindow, rows: list[int]) -> None:
    model, selection = window.ui.table_model, window.ui.table.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        selection.select(model.index(row, 0), flags)


def answer_set_field(monkeypatch: pytest.MonkeyPatch, field_label: str, typed: str) -> list[SetFieldDialog]:
    """The dialog, filled as an analyst would: the field chosen from the list, the value typed key by key."""
    seen: list[SetFieldDialog] = []

    def run(dialog: SetFieldDialog) -> int:
        seen.append(dialog)
        dialog.field_box.setCurrentIndex(dialog.field_box.findText(field_label))
        assert dialog.editor is not None
        type_text(dialog.editor.widget, typed)
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(SetFieldDialog, "exec", run)
    return seen


def test_set_field_for_selected_is_one_undo_step(
    demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch, errors_shown: list[BaseException]
) -> None:
    window, shown = demo_window, errors_shown
    show_kind(window, Kind.SOURCE)
    select_rows(window, [0, 2, 3])
    ids = window.selected_ids()
    assert window.editing is not None
    before = {rid: window.editing.record(rid)["language"] for rid in ids}
    seen = answer_set_field(monkeypatch, "Language", LANGUAGE)
    assert window.record_menus.set_field.isEnabled()
    window.record_menus.set_field.trigger()
    assert not shown, shown
    assert seen[0].windowTitle() == "Set a Field for 3 Sources"
    assert "Language" in [seen[0].field_box.itemText(i) for i in range(seen[0].field_box.count())]
    assert "Outlet" not in [seen[0].field_box.itemText(i) for i in range(seen[0].field_box.count())]  # a picker
    assert all(window.editing.record(rid)["language"] == LANGUAGE for rid in ids)
    assert window.actions.undo.text() == "&Undo Set language of 3 sources"
    window.undo_stack.undo()
    assert {rid: window.editing.record(rid)["language"] for rid in ids} == before  # each its own, back


def test_a_value_the_dialog_cannot_read_keeps_it_open_with_the_typing(qtbot: QtBot) -> None:
    dialog = SetFieldDialog(Kind.VISIT, 2)
    qtbot.addWidget(dialog)
    dialog.field_box.setCurrentIndex(dialog.field_box.findText("Last day"))
    assert dialog.editor is not None
    type_text(dialog.editor.widget, "31.02.2024")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.problem.text().startswith("Last day: ")
    assert dialog.editor.widget.text() == "31.02.2024"  # type: ignore[attr-defined]


def test_a_refused_value_names_the_field_by_its_label(
    demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch, errors_shown: list[BaseException]
) -> None:
    window, shown = demo_window, errors_shown
    show_kind(window, Kind.VISIT)
    select_rows(window, [0])
    answer_set_field(monkeypatch, "Last day", "1 January 2024")
    window.record_menus.set_field.trigger()
    assert shown and str(shown[0]).startswith("Last day: Vladimir Putin in Mongolia")
    assert window.editing is not None and window.editing.record(window.selected_ids()[0])["end"] == "2024-09-03"


def popup_on(qtbot: QtBot, window: MainWindow, view: object, row: int = 0, by_key: bool = False) -> QMenu:
    """Right-click a row, or press the Menu key with the row current: the same menu opens."""
    widget = view  # type: ignore[assignment]
    index = widget.model().index(row, 0)  # type: ignore[attr-defined]
    widget.setCurrentIndex(index)  # type: ignore[attr-defined]
    if by_key:
        center = widget.visualRect(index).center()  # type: ignore[attr-defined]
        event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, center, widget.mapToGlobal(center))  # type: ignore[attr-defined]
        QApplication.sendEvent(widget, event)  # type: ignore[arg-type]
    else:
        pos = widget.visualRect(index).center()  # type: ignore[attr-defined]
        widget.customContextMenuRequested.emit(pos)  # type: ignore[attr-defined]
    menu = window.record_menus.last_menu
    qtbot.waitUntil(menu.isVisible)
    return menu


def texts(menu: QMenu) -> list[str]:
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def test_the_tables_menu_opens_by_mouse_and_by_key(qtbot: QtBot, window: MainWindow, demo_case_path: Path) -> None:
    open_case(qtbot, window, demo_case_path)
    show_kind(window, Kind.PERSON)
    for by_key in (False, True):
        menu = popup_on(qtbot, window, window.ui.table, 0, by_key)
        assert texts(menu) == ["Open in Details", "Link to…", "Set Field for Selected…", "Copy Citation", "Delete"]
        menu.close()
    # Copy Citation puts a plain line on the clipboard.
    next(a for a in menu.actions() if a.text() == "C&opy Citation").trigger()
    assert QGuiApplication.clipboard().text().startswith("Vladimir Putin (person). Casefile: Putin in Mongolia")


def test_the_links_menu_opens_and_unlinks(qtbot: QtBot, window: MainWindow, demo_case_path: Path) -> None:
    open_case(qtbot, window, demo_case_path)
    show_kind(window, Kind.VISIT)
    window.ui.table.selectRow(0)
    tree, model = window.ui.links.tree, window.ui.links.model
    group = next(model.index(r, 0) for r in range(model.rowCount()) if "reported by" in str(model.index(r, 0).data()))
    first = model.index(0, 0, group)
    tree.setCurrentIndex(first)
    tree.customContextMenuRequested.emit(tree.visualRect(first).center())
    menu = window.record_menus.last_menu
    assert texts(menu) == ["Open", "Copy Citation", "Unlink"]
    end = model.end_at(first)
    assert end is not None
    before = window.undo_stack.count()
    next(a for a in menu.actions() if a.text() == "&Unlink").trigger()
    assert window.undo_stack.count() == before + 1
    window.undo_stack.undo()
    # Open goes to the record at the other end.
    tree.setCurrentIndex(model.index(0, 0, group))
    tree.customContextMenuRequested.emit(tree.visualRect(model.index(0, 0, group)).center())
    next(a for a in window.record_menus.last_menu.actions() if a.text() == "&Open").trigger()
    assert window.ui.details.record is not None and window.ui.details.record.kind == Kind.SOURCE


def test_a_search_hits_menu_opens_it(qtbot: QtBot, window: MainWindow, demo_case_path: Path) -> None:
    open_case(qtbot, window, demo_case_path)
    window.ui.search_edit.setText("Путин")
    window._run_search()
    hits = window.ui.search_view
    hits.customContextMenuRequested.emit(hits.visualRect(hits.model().index(0, 3)).center())
    menu = window.record_menus.last_menu
    assert texts(menu) == ["Open", "Copy Citation"]
    next(a for a in menu.actions() if a.text() == "&Open").trigger()
    assert window.ui.details.record is not None and window.ui.details.record["name"] == "Vladimir Putin"
