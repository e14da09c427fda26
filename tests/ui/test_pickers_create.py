"""A name the case does not have, typed in a picker, is offered as "Create …" and added; never an error dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from casefile.domain.kinds import Kind
from casefile.services import records, tables
from casefile.storage.casefile import CaseFile
from casefile.ui.main_window import MainWindow
from casefile.ui.widgets.field_editors import ArticlesEditor, PickerEditor
from tests.ui.conftest import open_case, type_text
from tests.ui.helpers import fill_new_record

NEW_CHAMBER = "Палата <b>&</b> I"


def _warrant(path: Path) -> str:
    with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
        return tables.table_rows(session, Kind.WARRANT)[0][0]


def _values(path: Path, record_id: str) -> dict:
    with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
        return records.get(session, record_id).values


def _organisations(path: Path) -> dict[str, str]:
    with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
        return {o.values["name"]: o.id for o in records.list_records(session, Kind.ORGANISATION)}


def test_typing_a_new_issuer_offers_create_and_adds_it_in_two_undoable_steps(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_case(qtbot, window, demo_case_path)
    warrant = _warrant(demo_case_path)
    before = _values(demo_case_path, warrant)["issuer"]
    window.select_record(warrant)
    picker = window.ui.details.form(Kind.WARRANT).editors["issuer"]
    assert isinstance(picker, PickerEditor)
    line = picker.combo.lineEdit()
    line.setFocus()
    line.selectAll()
    type_text(line, NEW_CHAMBER)
    assert line.text() == NEW_CHAMBER  # the offer never replaces the typing
    last = picker.combo.count() - 1
    assert picker.combo.itemText(last) == f"Create organisation '{NEW_CHAMBER}'…"
    seen = fill_new_record(monkeypatch, {"kind": "chamber"})
    picker.combo.setCurrentIndex(last)
    picker.combo.activated.emit(last)  # what choosing the entry in the list does
    assert seen and seen[0].form.editors["name"].value() == NEW_CHAMBER  # the form came filled in
    created = _organisations(demo_case_path)[NEW_CHAMBER]
    assert _values(demo_case_path, warrant)["issuer"] == created
    assert picker.combo.currentText() == NEW_CHAMBER
    window.undo_stack.undo()
    assert _values(demo_case_path, warrant)["issuer"] == before
    window.undo_stack.undo()
    assert NEW_CHAMBER not in _organisations(demo_case_path)


def test_a_name_left_in_the_picker_is_named_beside_the_field_not_in_a_dialog(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_case(qtbot, window, demo_case_path)
    warrant = _warrant(demo_case_path)
    window.select_record(warrant)
    picker = window.ui.details.form(Kind.WARRANT).editors["issuer"]
    assert isinstance(picker, PickerEditor)
    shown: list[object] = []
    monkeypatch.setattr(type(window), "show_error", lambda self, error: shown.append(error))
    line = picker.combo.lineEdit()
    line.setFocus()
    line.selectAll()
    type_text(line, "Nobody")
    picker.combo.lineEdit().editingFinished.emit()
    assert shown == []
    assert (
        "choose “Create organisation 'Nobody'…” in the list"
        in window.ui.details.form(Kind.WARRANT)._errors["issuer"].text()
    )
    picker.set_value(_values(demo_case_path, warrant)["issuer"])  # or closing the window would ask about it


def test_an_article_typed_in_articles_cited_is_added_from_the_statute(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path
) -> None:
    open_case(qtbot, window, demo_case_path)
    warrant = _warrant(demo_case_path)
    window.select_record(warrant)
    editor = window.ui.details.form(Kind.WARRANT).editors["articles"]
    assert isinstance(editor, ArticlesEditor)
    line: QLineEdit = editor.line
    line.setFocus()
    with CaseFile.open(demo_case_path, read_only=True) as case_file, case_file.reading() as session:
        assert "59(1)" not in {a.values["number"] for a in records.list_records(session, Kind.ARTICLE)}
    line.setText(line.text() + "; 59(1)")
    QTest.keyClick(line, Qt.Key.Key_Return)
    with CaseFile.open(demo_case_path, read_only=True) as case_file, case_file.reading() as session:
        articles = {a.values["number"]: a for a in records.list_records(session, Kind.ARTICLE)}
        cited = records.get(session, warrant).values["articles"]
    assert articles["59(1)"].id in cited
    assert articles["59(1)"].values["title"] == "Arrest proceedings in the custodial State"
