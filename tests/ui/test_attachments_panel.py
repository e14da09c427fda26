"""The attachments panel under a source's details, and Help › Verify Case, driven through the real window."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from casefile.domain.kinds import Kind
from casefile.jobs.attachments import VerifyReport
from casefile.services import attachments, records
from casefile.storage.casefile import CaseFile
from casefile.ui.main_window import MainWindow
from casefile.ui.widgets.attachments_panel import AttachmentDialogs, AttachmentTableModel, Column, human_size
from tests.ui.conftest import open_case

PDF_BYTES = b"%PDF-1.5\n" + b"page " * 400 + b"\n%%EOF\n"


def _first_source(path: Path) -> str:
    with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
        return records.list_records(session, Kind.SOURCE)[0].id


def _show_source(qtbot: QtBot, window: MainWindow, path: Path) -> str:
    open_case(qtbot, window, path)
    source_id = _first_source(path)
    window.select_record(source_id)
    qtbot.waitUntil(lambda: window.ui.details.attachments.source_id == source_id)
    return source_id


def _choose(monkeypatch: pytest.MonkeyPatch, *, file: Path | None = None, folder: Path | None = None) -> None:
    monkeypatch.setattr(AttachmentDialogs, "choose_file", classmethod(lambda cls, parent, start: file))
    monkeypatch.setattr(AttachmentDialogs, "choose_folder", classmethod(lambda cls, parent, start: folder))


def _capture_reports(monkeypatch: pytest.MonkeyPatch) -> list[VerifyReport]:
    shown: list[VerifyReport] = []
    monkeypatch.setattr(AttachmentDialogs, "show_report", classmethod(lambda cls, parent, report: shown.append(report)))
    return shown


def _attach(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, file: Path) -> None:
    _choose(monkeypatch, file=file)
    with qtbot.waitSignal(window.attachments.attached, timeout=10_000):
        window.ui.details.attachments.attach_button.click()


def test_panel_shows_only_for_sources(qtbot: QtBot, window: MainWindow, demo_case_path: Path) -> None:
    panel = window.ui.details.attachments
    _show_source(qtbot, window, demo_case_path)
    assert panel.isVisible() and panel.attach_button.isEnabled() and not panel.export_button.isEnabled()
    with CaseFile.open(demo_case_path, read_only=True) as case_file, case_file.reading() as session:
        person = records.list_records(session, Kind.PERSON)[0].id
    window.select_record(person)
    qtbot.waitUntil(lambda: not panel.isVisible())
    assert panel.source_id is None


def test_attach_export_and_undo(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source_id = _show_source(qtbot, window, demo_case_path)
    panel = window.ui.details.attachments
    file = tmp_path / "\u202efdp.exe"
    file.write_bytes(PDF_BYTES)
    _attach(qtbot, window, monkeypatch, file)
    assert panel.model.rowCount() == 1
    info = panel.model.info_at(0)
    assert panel.model.index(0, Column.NAME).data() == "fdp.exe"  # no bidi override reaches the screen
    assert panel.model.index(0, Column.TYPE).data() == "application/pdf"
    assert panel.model.index(0, Column.HASH).data() == info.sha256[:12]
    assert window.undo_stack.undoText().startswith("Attach fdp.exe to ")

    folder = tmp_path / "exported"
    folder.mkdir()
    _choose(monkeypatch, folder=folder)
    panel.table.selectRow(0)
    assert panel.export_button.isEnabled()
    with qtbot.waitSignal(window.attachments.exported, timeout=10_000) as exported:
        panel.export_button.click()
    written = exported.args[0]
    assert written.parent == folder.resolve() and written.name == "fdp.exe.pdf"
    assert written.read_bytes() == PDF_BYTES

    window.undo_stack.undo()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0)
    window.undo_stack.redo()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert panel.model.info_at(0).id == info.id
    with CaseFile.open(demo_case_path, read_only=True) as case_file, case_file.reading() as session:
        assert [a.id for a in attachments.list_for(session, source_id)] == [info.id]


def test_cancelled_file_choice_does_nothing(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _show_source(qtbot, window, demo_case_path)
    _choose(monkeypatch, file=None)
    window.ui.details.attachments.attach_button.click()
    assert window.ui.details.attachments.model.rowCount() == 0
    assert window.undo_stack.count() == 0


def test_a_refused_attach_is_shown_as_an_error(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _show_source(qtbot, window, demo_case_path)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    shown: list[BaseException] = []
    monkeypatch.setattr(window, "show_error", shown.append)
    _choose(monkeypatch, file=empty)
    with qtbot.waitSignal(window.job_failed, timeout=10_000):
        window.ui.details.attachments.attach_button.click()
    assert "empty" in str(shown[0])
    assert window.undo_stack.count() == 0


def test_verify_case_reports_a_flipped_bit(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _show_source(qtbot, window, demo_case_path)
    file = tmp_path / "report.pdf"
    file.write_bytes(PDF_BYTES)
    _attach(qtbot, window, monkeypatch, file)
    reports = _capture_reports(monkeypatch)
    assert window.actions.verify_case.isEnabled()
    with qtbot.waitSignal(window.attachments.verified, timeout=10_000):
        window.actions.verify_case.trigger()
    assert reports[-1].clean and reports[-1].total == 1

    attachment_id = window.ui.details.attachments.model.info_at(0).id
    with closing(sqlite3.connect(demo_case_path, isolation_level=None)) as conn:
        blob = bytearray(conn.execute("SELECT data FROM attachments").fetchone()[0])
        blob[10] ^= 0x04
        conn.execute("UPDATE attachments SET data = ?", (bytes(blob),))
    with qtbot.waitSignal(window.attachments.verified, timeout=10_000):
        window.ui.details.attachments.verify_button.click()
    assert [m.attachment_id for m in reports[-1].mismatches] == [attachment_id]


def test_verify_case_is_off_without_a_case(window: MainWindow) -> None:
    assert not window.actions.verify_case.isEnabled()
    assert "Verify Case" in [a.text().replace("&", "") for a in window.menuBar().actions()[-1].menu().actions()]


def test_attachment_model(qtmodeltester: ModelTester, demo_case: CaseFile) -> None:
    source_id = _first_source(demo_case.path)
    with demo_case.unit_of_work() as session:
        original = attachments.attach(session, source_id, "a\u202e.pdf", PDF_BYTES, note="n")
        attachments.derive(session, original.id, "crop.pdf", PDF_BYTES + b"crop")
    with demo_case.reading() as session:
        rows = attachments.list_for(session, source_id)
    model = AttachmentTableModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert model.index(1, Column.NAME).data() == "↳ crop.pdf"
    assert "Derived from a.pdf" in model.index(1, Column.NAME).data(Qt.ItemDataRole.ToolTipRole)


def test_human_size() -> None:
    assert human_size(900) == "900 bytes"
    assert human_size(2048) == "2.0 KB"
    assert human_size(5 * 1024 * 1024) == "5.0 MB"


_KEPT: list[object] = []  # a drop event does not own its data: keep it alive while the event is used


def _drop_on_panel(window: MainWindow, *paths: Path) -> bool:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    _KEPT.append(data)
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton,
                      Qt.KeyboardModifier.NoModifier)  # fmt: skip
    # Qt delivers a drop only during a real drag, which a test cannot start: hand the event to the filter.
    return window.attachments.eventFilter(window.ui.details.attachments, drop) and drop.isAccepted()


def test_a_file_dropped_on_a_source_is_attached_to_it(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, tmp_path: Path, errors_shown: list[BaseException]
) -> None:
    import hashlib

    source_id = _show_source(qtbot, window, demo_case_path)
    panel = window.ui.details.attachments
    file = tmp_path / "Решение ICC <b> & قرار.pdf"
    file.write_bytes(PDF_BYTES)
    with qtbot.waitSignal(window.attachments.attached, timeout=10_000):
        assert _drop_on_panel(window, file)
    assert panel.model.rowCount() == 1 and panel.model.info_at(0).sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert window.undo_stack.undoText() == f"Attach {file.name} to {window.editing.label_of(source_id)}"  # type: ignore[union-attr]
    # A folder, or several files at once, is refused with a plain message; nothing is attached.
    assert _drop_on_panel(window, tmp_path)
    assert _drop_on_panel(window, file, file)
    assert [str(e).split(" here")[0] for e in errors_shown] == [
        "Casefile cannot attach a folder",
        "Casefile cannot attach 2 items",
    ]
    assert panel.model.rowCount() == 1
    # A case file dropped there is left to the window, which opens it.
    assert not _drop_on_panel(window, demo_case_path)
