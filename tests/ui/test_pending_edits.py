"""Never lose what the analyst typed (issue 12 §1).

Each test types into a field, one key event per character, takes one way out without pressing
Enter or leaving the field, then reopens the file: the text is there, saved as one undo step.
Before: Ctrl+Q, Ctrl+W, the close button and a failed Open dropped it without a word.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from casefile.domain.errors import FieldProblem
from casefile.domain.kinds import Kind
from casefile.services import records, tables
from casefile.storage.casefile import CaseFile
from casefile.ui.dialogs.errors import ErrorDialog
from casefile.ui.dialogs.unsaved import UnsavedDialogs
from casefile.ui.main_window import MainWindow
from tests.ui.conftest import open_case, type_text

TYPED = "Росія <b>&</b> روسيا 俄罗斯"


def _putin(path: Path) -> str:
    with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
        return next(row[0] for row in tables.table_rows(session, Kind.PERSON) if row[1] == "Vladimir Putin")


def _stored(path: Path, record_id: str, field: str) -> object:
    with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
        return records.get(session, record_id).values[field]


def _type_without_confirming(qtbot: QtBot, window: MainWindow, path: Path, field: str = "nationality") -> str:
    open_case(qtbot, window, path)
    putin = _putin(path)
    window.select_record(putin)
    line = window.ui.details.form(Kind.PERSON).editors[field].widget
    assert isinstance(line, QLineEdit)
    line.setFocus()
    line.clear()
    type_text(line, TYPED)
    assert _stored(path, putin, field) is None  # typed, not yet saved
    return putin


def _not_a_case(tmp_path: Path) -> Path:
    bad = tmp_path / "not a case.casefile"
    bad.write_bytes(b"just some text")
    return bad


EXITS: dict[str, Callable[[MainWindow, Path], None]] = {
    "Ctrl+Q": lambda w, _t: w.actions.quit.trigger(),
    "Ctrl+W": lambda w, _t: w.actions.close_case.trigger(),
    "close button": lambda w, _t: w.close(),
    "another record": lambda w, _t: w.select_record(
        next(w.ui.table_model.id_at(r) for r in range(9) if w.ui.table_model.id_at(r) != w.ui.details.record.id)  # type: ignore[union-attr]
    ),
    "another kind": lambda w, _t: w.ui.kinds_view.setCurrentIndex(w.ui.kinds_model.index(1)),
    "the window losing focus": lambda _w, _t: QGuiApplication.instance().applicationStateChanged.emit(  # type: ignore[union-attr]
        Qt.ApplicationState.ApplicationInactive
    ),
    "logging out or quitting": lambda _w, _t: QGuiApplication.instance().aboutToQuit.emit(),  # type: ignore[union-attr]
}


@pytest.mark.parametrize("way_out", list(EXITS))
def test_every_way_out_saves_the_text_as_one_step(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, tmp_path: Path, way_out: str
) -> None:
    putin = _type_without_confirming(qtbot, window, demo_case_path)
    steps = window.undo_stack.count()
    EXITS[way_out](window, tmp_path)
    assert _stored(demo_case_path, putin, "nationality") == TYPED
    if window.document is not None:  # still open: one undo step took it, and undoing it restores the old value
        assert window.undo_stack.count() == steps + 1
        assert window.undo_stack.undoText() == "Edit nationality of Vladimir Putin"


def test_opening_another_case_saves_the_text_first(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, empty_case_path: Path
) -> None:
    putin = _type_without_confirming(qtbot, window, demo_case_path)
    open_case(qtbot, window, empty_case_path)
    assert _stored(demo_case_path, putin, "nationality") == TYPED
    assert window.document is not None and window.document.path == str(empty_case_path)


def test_a_failed_open_leaves_the_case_open_and_the_text_saved(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    putin = _type_without_confirming(qtbot, window, demo_case_path)
    errors: list[BaseException] = []
    monkeypatch.setattr(ErrorDialog, "show_error", classmethod(lambda cls, parent, error: errors.append(error)))
    counts = dict(window.ui.kinds_model._counts)
    with qtbot.waitSignal(window.open_failed, timeout=20_000):
        window.open_path(_not_a_case(tmp_path))
    assert errors and "not a Casefile case file" in str(errors[0])
    assert window.document is not None and window.document.path == str(demo_case_path)
    assert window.ui.kinds_model._counts == counts  # no stale or emptied navigator
    assert _stored(demo_case_path, putin, "nationality") == TYPED


def test_nothing_typed_means_nothing_saved(qtbot: QtBot, window: MainWindow, demo_case_path: Path) -> None:
    open_case(qtbot, window, demo_case_path)
    before = demo_case_path.read_bytes()
    for kind in (Kind.PERSON, Kind.WARRANT, Kind.VISIT, Kind.QUOTE, Kind.SOURCE):
        window.select_record(window.document.read(lambda s, k=kind: tables.table_rows(s, k)[0][0]))  # type: ignore[union-attr]
    window.actions.close_case.trigger()
    assert window.undo_stack.count() == 0
    assert demo_case_path.read_bytes() == before


def _type_invalid_date(qtbot: QtBot, window: MainWindow, path: Path) -> str:
    open_case(qtbot, window, path)
    putin = _putin(path)
    window.select_record(putin)
    line = window.ui.details.form(Kind.PERSON).editors["role_from"].widget
    assert isinstance(line, QLineEdit)
    line.setFocus()
    type_text(line, "вчера")
    return putin


def test_an_unsaveable_value_asks_and_keep_editing_keeps_everything(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _type_invalid_date(qtbot, window, demo_case_path)
    asked: list[list[FieldProblem]] = []

    def keep(cls: type, parent: object, problems: list[FieldProblem]) -> bool:
        asked.append(problems)
        return True

    monkeypatch.setattr(UnsavedDialogs, "keep_editing", classmethod(keep))
    window.close()
    assert asked and asked[0][0].field == "role_from" and asked[0][0].message.startswith("Role held from: ")
    assert window.isVisible() and window.document is not None
    line = window.ui.details.form(Kind.PERSON).editors["role_from"].widget
    assert isinstance(line, QLineEdit) and line.text().endswith("вчера")
    assert window.ui.details.form(Kind.PERSON).problem_text("role_from")
    window.actions.close_case.trigger()
    assert window.document is not None  # asked again, kept again


def test_discard_drops_only_that_value(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copyfile(demo_case_path, tmp_path / "before.casefile")
    putin = _type_invalid_date(qtbot, window, demo_case_path)
    monkeypatch.setattr(UnsavedDialogs, "keep_editing", classmethod(lambda cls, parent, problems: False))
    window.actions.close_case.trigger()
    assert window.document is None
    assert _stored(demo_case_path, putin, "role_from") == _stored(tmp_path / "before.casefile", putin, "role_from")


@pytest.mark.parametrize("discard", [False, True])
def test_esc_in_a_filled_new_record_dialog_asks(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, monkeypatch: pytest.MonkeyPatch, discard: bool
) -> None:
    from PySide6.QtTest import QTest

    from casefile.ui.dialogs.new_record import NewRecordDialog

    open_case(qtbot, window, demo_case_path)
    assert window.editing is not None
    dialog = NewRecordDialog(window.editing, Kind.PERSON, {}, window)
    qtbot.addWidget(dialog)
    dialog.show()
    asked: list[bool] = []
    monkeypatch.setattr(
        NewRecordDialog, "confirm_discard", classmethod(lambda cls, parent: asked.append(True) or discard)
    )
    QTest.keyClick(dialog, Qt.Key.Key_Escape)  # nothing typed: closes without asking
    assert not asked and not dialog.isVisible()
    dialog.show()
    line = dialog.form.editors["name"].widget
    line.setFocus()
    type_text(line, "Свидетель Ա")
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == [True]
    assert dialog.isVisible() is (not discard)


def test_an_export_holds_the_text_being_typed(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casefile.ui.dialogs.files import FileDialogs

    _type_without_confirming(qtbot, window, demo_case_path)
    exported = tmp_path / "export.json"
    monkeypatch.setattr(FileDialogs, "save_json", classmethod(lambda cls, *a: exported))
    with qtbot.waitSignal(window.job_finished, timeout=20_000):
        window.actions.export_json.trigger()
    assert TYPED in exported.read_text(encoding="utf-8")
