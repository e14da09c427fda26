"""File › Import ▸ and Export ▸ through the real window: spreadsheets, Zotero CSL-JSON and FollowTheMoney."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QStyleOptionViewItem
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from casefile.domain.errors import CasefileError
from casefile.domain.kinds import Kind
from casefile.services import case, records
from casefile.services.redaction import RedactionReport
from casefile.services.results import Changes
from casefile.storage.casefile import CaseFile
from casefile.ui.dialogs.data_files import CslPreviewDialog, DataFileDialogs, ExportChoice
from casefile.ui.dialogs.errors import ErrorDialog
from casefile.ui.dialogs.redaction_report import RedactionReportDialog
from casefile.ui.dialogs.table_import import FieldDelegate, TableImportDialog
from casefile.ui.main_window import MainWindow
from casefile.ui.models.record_table import RELOAD_ABOVE, RecordTableModel
from tests.ui.conftest import open_case, type_text

PERSONS_1251 = (
    "Фамилия;Имя в оригинале;Должность;Защищён;Комментарий\r\n"
    "Сергей Лавров;Сергей Викторович Лавров;Министр иностранных дел;нет;<b>&</b>\r\n"
    "\r\n"
    "Анна Петрова;;Журналист;да;=1+1\r\n"
)


def _names(path: Path, kind: Kind) -> list[str]:
    with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
        return sorted(r.values.get("name") or r.values.get("title") for r in records.list_records(session, kind))


def _show_kind(window: MainWindow, kind: Kind) -> None:
    window.ui.kinds_view.setCurrentIndex(window.ui.kinds_model.index(window.ui.kinds_model.row_of(kind)))


def _importing(qtbot: QtBot, window: MainWindow, case_path: Path, sheet: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_case(qtbot, window, case_path)
    _show_kind(window, Kind.PERSON)
    monkeypatch.setattr(DataFileDialogs, "open_table", classmethod(lambda cls, *a: sheet))


def _pick_field(dialog: TableImportDialog, header: str, field: str) -> None:
    """Choose a field for a column with the mapping's combo box, as a person would."""
    row = dialog.sheet.headers.index(header)
    index = dialog.mapping_model.index(row, 1)
    delegate = dialog.mapping_view.itemDelegateForColumn(1)
    assert isinstance(delegate, FieldDelegate)
    editor = delegate.createEditor(dialog.mapping_view.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QComboBox)
    delegate.setEditorData(editor, index)
    assert editor.currentText() == "(not imported)"
    editor.setCurrentIndex(editor.findData(field))
    delegate.setModelData(editor, dialog.mapping_model, index)


def test_a_windows_1251_sheet_of_persons_with_a_fixed_mapping_is_one_undoable_step(
    qtbot: QtBot, window: MainWindow, empty_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    qtmodeltester: ModelTester,
) -> None:  # fmt: skip
    sheet = tmp_path / "персоны.csv"
    sheet.write_bytes(PERSONS_1251.encode("cp1251"))
    _importing(qtbot, window, empty_case_path, sheet, monkeypatch)
    seen: dict[str, object] = {}

    def exec_(dialog: TableImportDialog) -> int:
        qtbot.waitUntil(lambda: dialog.view is not None, timeout=10_000)
        seen["detected"] = dialog.detected.text()
        seen["refused"] = dialog.reason.text()
        seen["ok_before"] = dialog.ok.isEnabled()
        with qtbot.waitSignal(dialog.planned, timeout=10_000):
            _pick_field(dialog, "Фамилия", "name")
        with qtbot.waitSignal(dialog.planned, timeout=10_000):
            _pick_field(dialog, "Имя в оригинале", "original_name")
        with qtbot.waitSignal(dialog.planned, timeout=10_000):
            _pick_field(dialog, "Должность", "role")
        with qtbot.waitSignal(dialog.planned, timeout=10_000):
            _pick_field(dialog, "Защищён", "protected")
        qtmodeltester.check(dialog.mapping_model)
        qtmodeltester.check(dialog.preview_model)
        preview = dialog.preview_model
        seen["preview"] = [[preview.data(preview.index(r, c)) for c in range(preview.columnCount())]
                           for r in range(preview.rowCount())]  # fmt: skip
        seen["ok_after"] = dialog.ok.isEnabled()
        dialog.accept()
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(TableImportDialog, "exec", exec_)
    with qtbot.waitSignal(window.job_finished, timeout=20_000):
        window.import_export.import_table.trigger()

    assert "Windows-1251" in str(seen["detected"]) and "semicolon" in str(seen["detected"])
    assert "2 rows" in str(seen["detected"])  # the blank row is not a record
    assert "no column gives Name" in str(seen["refused"]) and seen["ok_before"] is False
    assert seen["ok_after"] is True
    # The first rows as they will be stored, with the sheet's row numbers (the blank row 3 skipped).
    assert seen["preview"] == [
        ["2", "Сергей Лавров", "Сергей Викторович Лавров", "Министр иностранных дел", "no", "new"],
        ["4", "Анна Петрова", "", "Журналист", "yes", "new"],
    ]
    assert _names(empty_case_path, Kind.PERSON) == ["Анна Петрова", "Сергей Лавров"]
    assert window.undo_stack.count() == 1
    assert window.undo_stack.undoText() == "Import persons from персоны.csv"
    type_text(window.ui.filter_edit, "ЛАВРОВ")
    qtbot.waitUntil(lambda: window.ui.table_model.total == 1)
    assert window.ui.table_model.data(window.ui.table_model.index(0, 0)) == "Сергей Лавров"

    window.undo_stack.undo()
    assert _names(empty_case_path, Kind.PERSON) == []
    assert window.ui.table_model.total == 0
    window.undo_stack.redo()
    assert _names(empty_case_path, Kind.PERSON) == ["Анна Петрова", "Сергей Лавров"]


def test_rows_like_records_of_the_case_wait_for_the_analysts_choice(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = tmp_path / "people.csv"
    sheet.write_text("Name,Role\nVladimir Putin,President\nНовый Человек,Советник\n", encoding="utf-8")
    before = _names(demo_case_path, Kind.PERSON)
    _importing(qtbot, window, demo_case_path, sheet, monkeypatch)
    seen: dict[str, object] = {}

    def exec_(dialog: TableImportDialog) -> int:
        qtbot.waitUntil(lambda: dialog.view is not None, timeout=10_000)
        seen["reason"] = dialog.reason.text()
        seen["ok"] = dialog.ok.isEnabled()
        seen["shown"] = dialog.look_alikes.isVisibleTo(dialog)
        seen["note"] = dialog.preview_model.row_at(0).note
        with qtbot.waitSignal(dialog.planned, timeout=10_000):
            dialog.skip.setChecked(True)
        seen["ok_after"] = dialog.ok.isEnabled()
        dialog.accept()
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(TableImportDialog, "exec", exec_)
    with qtbot.waitSignal(window.job_finished, timeout=20_000):
        window.import_export.import_table.trigger()
    assert "the case already has 'Vladimir Putin'" in str(seen["reason"]) and seen["ok"] is False
    assert seen["shown"] is True and "choose below" in str(seen["note"])
    assert seen["ok_after"] is True
    assert _names(demo_case_path, Kind.PERSON) == sorted([*before, "Новый Человек"])


def test_a_cancelled_import_dialog_writes_nothing(
    qtbot: QtBot, window: MainWindow, empty_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = tmp_path / "p.csv"
    sheet.write_text("Name\nX\n", encoding="utf-8")
    _importing(qtbot, window, empty_case_path, sheet, monkeypatch)
    shown: list[TableImportDialog] = []
    monkeypatch.setattr(TableImportDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    window.import_export.import_table.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    qtbot.waitUntil(lambda: not window._threads, timeout=10_000)
    assert _names(empty_case_path, Kind.PERSON) == [] and window.undo_stack.count() == 0


def test_a_file_that_is_no_spreadsheet_is_explained_and_nothing_opens(
    qtbot: QtBot, window: MainWindow, empty_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = tmp_path / "export.csv"
    sheet.write_bytes(bytes(range(256)) * 8)  # binary, in no text encoding
    _importing(qtbot, window, empty_case_path, sheet, monkeypatch)
    shown: list[BaseException] = []
    monkeypatch.setattr(ErrorDialog, "show_error", classmethod(lambda cls, _p, e: shown.append(e)))
    monkeypatch.setattr(TableImportDialog, "exec", lambda dialog: pytest.fail("no dialog for an unreadable file"))
    with qtbot.waitSignal(window.job_failed, timeout=20_000):
        window.import_export.import_table.trigger()
    assert len(shown) == 1 and isinstance(shown[0], CasefileError) and "not be a CSV file" in shown[0].message
    assert _names(empty_case_path, Kind.PERSON) == [] and window.undo_stack.count() == 0


CSL_ITEMS = [
    {"id": "a", "type": "article-newspaper", "title": "Путин в Улан-Баторе <b>&</b>", "container-title": "Укрінформ",
     "issued": {"date-parts": [[2024, 9, 3]]}, "URL": "https://ukrinform.example/putin"},
    {"id": "b", "type": "report", "title": "Mongolia's duty to arrest", "container-title": "Укрінформ"},
]  # fmt: skip


def test_a_zotero_import_shows_what_it_will_do_then_is_one_undoable_step(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = tmp_path / "zotero.json"
    items.write_text(json.dumps(CSL_ITEMS, ensure_ascii=False), encoding="utf-8")
    sources, organisations = _names(demo_case_path, Kind.SOURCE), _names(demo_case_path, Kind.ORGANISATION)
    open_case(qtbot, window, demo_case_path)
    monkeypatch.setattr(DataFileDialogs, "open_csl", classmethod(lambda cls, *a: items))
    shown: list[str] = []

    def exec_(dialog: CslPreviewDialog) -> int:
        shown.append(dialog.text.toPlainText())
        assert dialog.ok.isEnabled()
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(CslPreviewDialog, "exec", exec_)
    with qtbot.waitSignal(window.job_finished, timeout=20_000):
        window.import_export.import_csl.trigger()
    assert "• Путин в Улан-Баторе <b>&</b>" in shown[0]
    assert "Outlets to create as organisations: 'Укрінформ'." in shown[0]
    assert _names(demo_case_path, Kind.SOURCE) == sorted([*sources, *(i["title"] for i in CSL_ITEMS)])
    assert _names(demo_case_path, Kind.ORGANISATION) == sorted([*organisations, "Укрінформ"])
    window.undo_stack.undo()
    assert _names(demo_case_path, Kind.SOURCE) == sources
    assert _names(demo_case_path, Kind.ORGANISATION) == organisations
    window.undo_stack.redo()
    assert len(_names(demo_case_path, Kind.SOURCE)) == len(sources) + 2


def test_export_the_table_as_shown_has_only_the_filtered_rows_in_their_order(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_case(qtbot, window, demo_case_path)
    _show_kind(window, Kind.PERSON)
    type_text(window.ui.filter_edit, "ov")
    qtbot.waitUntil(lambda: window.ui.table_model.total < window.ui.table_model.unfiltered)
    window.ui.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    window.ui.table.horizontalHeader().hideSection(3)  # Nationality
    shown = [window.ui.table_model.data(window.ui.table_model.index(r, 0)) for r in range(window.ui.table_model.total)]
    out = tmp_path / "лица.csv"
    asked: list[tuple[str, int]] = []

    def export_table(cls: object, parent: object, suggested: Path, plural: str, count: int) -> ExportChoice:
        asked.append((plural, count))
        return ExportChoice(out, redact=False, as_shown=True)

    monkeypatch.setattr(DataFileDialogs, "export_table", classmethod(export_table))
    with qtbot.waitSignal(window.job_finished, timeout=20_000):
        window.import_export.export_table.trigger()
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert asked == [("Persons", len(shown))]
    assert rows[0] == ["Name", "Original script", "Role"]
    assert [r[0] for r in rows[1:]] == shown and 0 < len(shown) < 6


def test_whole_kind_csl_and_ftm_exports_redact_and_report(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_case(qtbot, window, demo_case_path)
    _show_kind(window, Kind.PERSON)
    reports: list[RedactionReport] = []
    monkeypatch.setattr(RedactionReportDialog, "show_report", classmethod(lambda cls, _p, r: reports.append(r)))
    sheet = tmp_path / "persons.xlsx"
    monkeypatch.setattr(DataFileDialogs, "export_table", classmethod(lambda cls, *a: ExportChoice(sheet, True)))
    with qtbot.waitSignal(window.job_finished, timeout=30_000):
        window.import_export.export_table.trigger()
    assert sheet.read_bytes()[:2] == b"PK" and len(reports) == 1
    for action, name in ((window.import_export.export_csl, "s.json"), (window.import_export.export_ftm, "e.jsonl")):
        out = tmp_path / name
        monkeypatch.setattr(DataFileDialogs, "export_file", classmethod(lambda cls, *a, o=out: ExportChoice(o, False)))
        with qtbot.waitSignal(window.job_finished, timeout=30_000):
            action.trigger()
        assert out.stat().st_size > 100
    assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))[0]["type"]
    assert all("schema" in json.loads(line) for line in (tmp_path / "e.jsonl").read_text().splitlines())
    with CaseFile.open(demo_case_path, read_only=True) as case_file, case_file.reading() as session:
        assert case.counts(session)[Kind.PERSON] == 6  # exports change nothing but the audit trail


def test_a_sheet_with_ids_changes_those_records_and_undo_puts_the_fields_back(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = tmp_path / "persons.csv"
    _importing(qtbot, window, demo_case_path, sheet, monkeypatch)
    monkeypatch.setattr(DataFileDialogs, "export_table", classmethod(lambda cls, *a: ExportChoice(sheet, False)))
    with qtbot.waitSignal(window.job_finished, timeout=20_000):
        window.import_export.export_table.trigger()
    with sheet.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    role = rows[0].index("Role or title")
    putin = next(r for r in rows if r[1] == "Vladimir Putin")
    old_role, putin[role] = putin[role], "Президент <b>&</b>"
    with sheet.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    notes: list[str] = []

    def exec_(dialog: TableImportDialog) -> int:
        qtbot.waitUntil(lambda: dialog.view is not None, timeout=10_000)
        notes.extend(dialog.preview_model.row_at(r).note for r in range(dialog.preview_model.rowCount()))
        dialog.accept()
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(TableImportDialog, "exec", exec_)
    with qtbot.waitSignal(window.job_finished, timeout=20_000):
        window.import_export.import_table.trigger()
    assert notes.count("changes Role or title") == 1 and notes.count("already in the case, unchanged") == len(rows) - 2

    def role_of_putin() -> str:
        with CaseFile.open(demo_case_path, read_only=True) as case_file, case_file.reading() as session:
            return str(records.get(session, putin[0]).values.get("role"))

    assert role_of_putin() == "Президент <b>&</b>"
    window.undo_stack.undo()
    assert role_of_putin() == old_role
    window.undo_stack.redo()
    assert role_of_putin() == "Президент <b>&</b>"


def test_the_table_reads_its_kind_again_after_an_import_of_thousands(qtmodeltester: ModelTester) -> None:
    asked: list[object] = []
    rows = [(f"id{i}", f"Лицо {i}") for i in range(RELOAD_ABOVE + 1)]

    def load(kind: Kind, ids: object) -> list[tuple[str, ...]]:
        asked.append(ids if ids is None else len(list(ids)))  # type: ignore[arg-type]
        return rows if ids is None else [r for r in rows if r[0] in ids]  # type: ignore[operator]

    model = RecordTableModel(load)
    model.show_kind(Kind.PERSON, ("Name",))
    model.apply_changes(Changes(added={Kind.PERSON: frozenset({"id1", "id2"})}))
    model.apply_changes(Changes(added={Kind.PERSON: frozenset(r[0] for r in rows)}))
    assert asked == [None, 2, None]  # never an IN list of 10,001 ids
    assert model.total == len(rows)
    qtmodeltester.check(model)
