"""Searching the whole case and filtering a table, typed in Cyrillic one key at a time."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from casefile.domain.kinds import Kind
from casefile.ui.main_window import MainWindow
from tests.ui.conftest import open_case, type_text


def test_search_box_finds_cyrillic_case_insensitively(qtbot: QtBot, window: MainWindow, demo_case_path: Path) -> None:
    open_case(qtbot, window, demo_case_path)
    window.actions.find.trigger()
    type_text(window.ui.search_edit, "путин")
    model = window.ui.search_model
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    hit = model.hit_at(0)
    assert (hit.kind, hit.label) == (Kind.PERSON, "Vladimir Putin")
    assert "«Путин»" in model.data(model.index(0, 2))
    window._on_search_hit(model.index(0, 0))
    assert window.current_kind() == Kind.PERSON
    assert window.ui.details.record is not None and window.ui.details.record["name"] == "Vladimir Putin"


def test_search_box_accepts_anything_typed(qtbot: QtBot, window: MainWindow, demo_case_path: Path) -> None:
    open_case(qtbot, window, demo_case_path)
    for text in ('"unbalanced', "AND", "brand-new", '<font color="x">', "&"):
        window.ui.search_edit.clear()
        type_text(window.ui.search_edit, text)
        window._run_search()
    assert window.ui.search_model.rowCount() >= 0


def test_filter_as_you_type_in_cyrillic(qtbot: QtBot, window: MainWindow, demo_case_path: Path) -> None:
    open_case(qtbot, window, demo_case_path)
    window.ui.kinds_view.setCurrentIndex(window.ui.kinds_model.index(window.ui.kinds_model.row_of(Kind.PERSON)))
    type_text(window.ui.filter_edit, "ЛЬВОВА")
    table = window.ui.table_model
    qtbot.waitUntil(lambda: table.total == 1)
    assert table.data(table.index(0, 0)) == "Maria Lvova-Belova"
    assert window.ui.count_label.text() == "1 of 6 persons"  # filtered: how many of how many
    window.ui.filter_edit.clear()
    qtbot.waitUntil(lambda: table.total == 6)
    assert window.ui.count_label.text() == "6 persons"


def test_sorting_by_a_column(qtbot: QtBot, window: MainWindow, demo_case_path: Path) -> None:
    open_case(qtbot, window, demo_case_path)
    window.ui.kinds_view.setCurrentIndex(window.ui.kinds_model.index(window.ui.kinds_model.row_of(Kind.PERSON)))
    window.ui.table.sortByColumn(0, window.ui.table.horizontalHeader().sortIndicatorOrder().DescendingOrder)
    names = [window.ui.table_model.data(window.ui.table_model.index(r, 0)) for r in range(6)]
    assert names == sorted(names, key=str.casefold, reverse=True)


def test_choices_show_their_labels_in_the_table(qtbot: QtBot, window: MainWindow, demo_case_path: Path) -> None:
    open_case(qtbot, window, demo_case_path)
    table = window.ui.table_model
    for kind, column, label in ((Kind.VISIT, 5, "Not arrested"), (Kind.WARRANT, 4, "Outstanding")):
        window.ui.kinds_view.setCurrentIndex(window.ui.kinds_model.index(window.ui.kinds_model.row_of(kind)))
        assert table.data(table.index(0, column)) == label
    window.ui.kinds_view.setCurrentIndex(window.ui.kinds_model.index(window.ui.kinds_model.row_of(Kind.ORGANISATION)))
    assert "NGO" in {table.data(table.index(r, 1)) for r in range(table.rowCount())}
    assert "Ngo" not in {table.data(table.index(r, 1)) for r in range(table.rowCount())}
