"""Case details, and JSON export and import from the File menu, run through the real window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from casefile.domain.kinds import Kind
from casefile.services import case
from casefile.storage.casefile import CaseFile
from casefile.ui.dialogs.case_details import CaseDetailsDialog
from casefile.ui.dialogs.files import FileDialogs
from casefile.ui.main_window import MainWindow
from tests.ui.conftest import open_case


def test_case_details_are_one_undoable_step(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_case(qtbot, window, demo_case_path)

    def exec_(dialog: CaseDetailsDialog) -> int:
        dialog.form.editors["title"].set_value("Путин в Монголии <b>&</b>")
        dialog.form.editors["classification"].set_value("CONFIDENTIAL – internal")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(CaseDetailsDialog, "exec", exec_)
    window.actions.case_details.trigger()
    assert window.windowTitle().startswith("Путин в Монголии <b>&</b> — demo.casefile")
    with CaseFile.open(demo_case_path, read_only=True) as case_file, case_file.reading() as session:
        assert case.the_case(session)["classification"] == "CONFIDENTIAL – internal"
    window.undo_stack.undo()
    assert window.windowTitle().startswith("Putin in Mongolia, 2–3 September 2024 — ")


def test_case_details_refuse_an_empty_title(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_case(qtbot, window, demo_case_path)
    seen: list[CaseDetailsDialog] = []

    def exec_(dialog: CaseDetailsDialog) -> int:
        seen.append(dialog)
        dialog.form.editors["title"].set_value("")
        dialog.accept()
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(CaseDetailsDialog, "exec", exec_)
    window.actions.case_details.trigger()
    assert "cannot be empty" in seen[0].form.problem_text("title")
    assert window.undo_stack.count() == 0


def test_export_then_import_json_through_the_window(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_case(qtbot, window, demo_case_path)
    exported = tmp_path / "Дело.json"
    monkeypatch.setattr(FileDialogs, "save_json", classmethod(lambda cls, *a: exported))
    with qtbot.waitSignal(window.job_finished, timeout=20_000):
        window.actions.export_json.trigger()
    assert exported.read_text(encoding="utf-8").startswith('{\n  "format": "casefile/1"')

    imported = tmp_path / "imported.casefile"
    monkeypatch.setattr(FileDialogs, "open_json", classmethod(lambda cls, *a: exported))
    monkeypatch.setattr(FileDialogs, "save_new_case", classmethod(lambda cls, *a: imported))
    with qtbot.waitSignal(window.case_opened, timeout=20_000):
        window.actions.import_json.trigger()
    assert window.document is not None and Path(window.document.path) == imported
    with CaseFile.open(imported, read_only=True) as case_file, case_file.reading() as session:
        assert case.counts(session)[Kind.QUOTE] == 8


def test_a_bad_json_import_is_explained_and_leaves_no_case(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "casefile/1", "case": {"title": 5}', encoding="utf-8")
    target = tmp_path / "never.casefile"
    shown: list[BaseException] = []
    monkeypatch.setattr(window, "show_error", shown.append)
    monkeypatch.setattr(FileDialogs, "open_json", classmethod(lambda cls, *a: bad))
    monkeypatch.setattr(FileDialogs, "save_new_case", classmethod(lambda cls, *a: target))
    with qtbot.waitSignal(window.job_failed, timeout=20_000):
        window.actions.import_json.trigger()
    assert "line 1" in str(shown[0])
    assert not target.exists()
