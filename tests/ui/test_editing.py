"""Editing in the detail panel commits at once, shows problems inline, and undoes; deletes take links along."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from casefile.domain.kinds import Kind
from casefile.services import case, records, tables
from casefile.storage.casefile import CaseFile
from casefile.ui.dialogs.confirm import Confirm
from casefile.ui.main_window import MainWindow
from tests.ui.conftest import open_case, type_text
from tests.ui.helpers import fill_new_record


def _first_id(path: Path, kind: Kind, name: str) -> str:
    with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
        return next(row[0] for row in tables.table_rows(session, kind) if row[1] == name)


def _record(path: Path, record_id: str) -> dict[str, object]:
    with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
        return records.get(session, record_id).values


def _retype(qtbot: QtBot, line: QLineEdit, text: str) -> None:
    line.setFocus()
    line.clear()
    type_text(line, text)
    line.editingFinished.emit()


def test_edit_field_commits_and_undoes(qtbot: QtBot, window: MainWindow, demo_case_path: Path) -> None:
    open_case(qtbot, window, demo_case_path)
    putin = _first_id(demo_case_path, Kind.PERSON, "Vladimir Putin")
    window.select_record(putin)
    line = window.ui.details.form(Kind.PERSON).editors["nationality"].widget
    assert isinstance(line, QLineEdit)
    _retype(qtbot, line, "Российская Федерация <b>&</b>")
    assert _record(demo_case_path, putin)["nationality"] == "Российская Федерация <b>&</b>"
    assert window.actions.undo.text() == "&Undo Edit nationality of Vladimir Putin"
    window.undo_stack.undo()
    assert _record(demo_case_path, putin)["nationality"] is None
    assert line.text() == ""
    window.undo_stack.redo()
    assert line.text() == "Российская Федерация <b>&</b>"


def test_bad_value_shows_inline_and_keeps_the_record(qtbot: QtBot, window: MainWindow, demo_case_path: Path) -> None:
    open_case(qtbot, window, demo_case_path)
    visit = _first_id(demo_case_path, Kind.VISIT, "Vladimir Putin")
    window.select_record(visit)
    form = window.ui.details.form(Kind.VISIT)
    line = form.editors["end"].widget
    assert isinstance(line, QLineEdit)
    _retype(qtbot, line, "2024-09-01")
    assert "ends (2024-09-01) before it starts" in form.problem_text("end")
    assert line.text() == "2024-09-01"  # what the analyst typed is not thrown away
    assert _record(demo_case_path, visit)["end"] == "2024-09-03"
    _retype(qtbot, line, "2024-09-04")
    assert form.problem_text("end") == ""
    assert _record(demo_case_path, visit)["end"] == "2024-09-04"


def test_new_record_dialog_shows_problems_beside_fields(
    qtbot: QtBot, window: MainWindow, empty_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_case(qtbot, window, empty_case_path)
    window.ui.kinds_view.setCurrentIndex(window.ui.kinds_model.index(window.ui.kinds_model.row_of(Kind.STATE)))
    seen = fill_new_record(monkeypatch, {"name": "Nowhere", "iso2": "QQ"})
    assert window.new_record() is None
    assert "not an ISO 3166 country code" in seen[0].form.problem_text("iso2")
    with CaseFile.open(empty_case_path, read_only=True) as case_file, case_file.reading() as session:
        assert case.counts(session)[Kind.STATE] == 0


def test_delete_confirms_names_links_and_undo_restores_them(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_case(qtbot, window, demo_case_path)
    asked: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(
        Confirm, "delete", classmethod(lambda cls, parent, label, names: asked.append((label, names)) or True)
    )
    mongolia = _first_id(demo_case_path, Kind.STATE, "Mongolia")
    before = _counts(demo_case_path)
    window.select_record(window_visit := _first_id(demo_case_path, Kind.VISIT, "Vladimir Putin"))
    window.actions.delete.trigger()
    label, link_names = asked[0]
    assert label.startswith("Vladimir Putin in Mongolia")
    assert any(name.startswith("“under an obligation") for name in link_names)
    after = _counts(demo_case_path)
    assert after[Kind.VISIT] == 0 and after[Kind.LINK] == before[Kind.LINK] - len(link_names)
    window.undo_stack.undo()
    assert _counts(demo_case_path) == before
    window.select_record(window_visit)
    assert window.ui.links.model.rowCount() > 0
    assert mongolia


def test_delete_of_a_referenced_record_is_refused_with_a_message(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_case(qtbot, window, demo_case_path)
    shown: list[BaseException] = []
    monkeypatch.setattr(Confirm, "delete", classmethod(lambda cls, *a: True))
    monkeypatch.setattr(window, "show_error", shown.append)
    window.select_record(_first_id(demo_case_path, Kind.PERSON, "Vladimir Putin"))
    window.actions.delete.trigger()
    assert "still the subject of" in str(shown[0])
    assert _counts(demo_case_path)[Kind.PERSON] == 6


def _counts(path: Path) -> dict[Kind, int]:
    with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
        return case.counts(session)


def test_a_links_ends_are_shown_not_offered_for_change(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_case(qtbot, window, demo_case_path)
    window.ui.kinds_view.setCurrentIndex(window.ui.kinds_model.index(window.ui.kinds_model.row_of(Kind.LINK)))
    window.ui.table.selectRow(0)
    form = window.ui.details.form(Kind.LINK)
    ends = form.editors["from"].widget
    assert not ends.isEnabled() and ends.count() == 2  # the blank entry and the one record it names
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    assert window.new_record() is None
    assert "Link to…" in told[0]


def test_the_links_panel_shows_records_that_name_this_one_in_a_field(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path
) -> None:
    open_case(qtbot, window, demo_case_path)
    window.select_record(_first_id(demo_case_path, Kind.PERSON, "Vladimir Putin"))
    model = window.ui.links.model
    groups = {model.data(model.index(r, 0)) for r in range(model.rowCount())}
    assert any(g.startswith("← subject") for g in groups) and any(g.startswith("← person") for g in groups)
    # A field reference opens its record, and cannot be unlinked (it changes in that record's form).
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0)).startswith("← subject"))
    child = model.index(0, 0, model.index(row, 0))
    window.ui.links.tree.setCurrentIndex(child)
    unlinked: list[str] = []
    window.ui.links.unlink_requested.connect(unlinked.append)
    window.ui.links.unlink_button.click()
    assert unlinked == []
    tree = window.ui.links.tree
    where = tree.visualRect(child).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert window.current_kind() == Kind.WARRANT


def test_undo_and_redo_of_a_value_stored_in_another_form(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path
) -> None:
    # A date typed as 17.03.2023 is stored as 2023-03-17: undo expects the stored form, so it is no conflict.
    open_case(qtbot, window, demo_case_path)
    putin = _first_id(demo_case_path, Kind.PERSON, "Vladimir Putin")
    assert window.editing is not None
    failures: list[object] = []
    window.document.failed.connect(failures.append)
    before = _record(demo_case_path, putin)["role_from"]
    window.editing.edit_field(window.editing.record(putin), "role_from", "17.03.2023")
    assert _record(demo_case_path, putin)["role_from"] == "2023-03-17"
    window.undo_stack.undo()
    assert _record(demo_case_path, putin)["role_from"] == before
    window.undo_stack.redo()
    assert _record(demo_case_path, putin)["role_from"] == "2023-03-17"
    assert failures == []
