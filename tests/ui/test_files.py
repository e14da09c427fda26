"""Opening, creating and copying case files from the window; bad files get a message and stay unchanged."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QMessageBox, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from casefile.domain.errors import DamagedCaseFile, NotACaseFile
from casefile.domain.kinds import Kind
from casefile.services import case
from casefile.storage.casefile import CaseFile
from casefile.ui.dialogs import about
from casefile.ui.dialogs.files import FileDialogs, NewCase
from casefile.ui.main_window import MainWindow
from tests.ui.conftest import open_case
from tests.ui.helpers import fill_new_record


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fail_to_open(qtbot: QtBot, window: MainWindow, path: Path, monkeypatch: pytest.MonkeyPatch) -> BaseException:
    shown: list[BaseException] = []
    monkeypatch.setattr(window, "show_error", shown.append)
    with qtbot.waitSignal(window.open_failed, timeout=10_000):
        window.open_path(path)
    return shown[0]


def test_corrupt_file_gets_a_message_and_is_unchanged(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = demo_case_path.read_bytes()
    demo_case_path.write_bytes(data[: len(data) // 2])
    before = _digest(demo_case_path)
    error = _fail_to_open(qtbot, window, demo_case_path, monkeypatch)
    assert isinstance(error, DamagedCaseFile) and "truncated" in error.message
    assert _digest(demo_case_path) == before
    assert window.document is None and window.isVisible()


def test_missing_and_foreign_files_get_messages(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "no such case.casefile"
    assert "There is no file" in str(_fail_to_open(qtbot, window, missing, monkeypatch))
    assert not missing.exists()
    text = tmp_path / "notes.casefile"
    text.write_text("<b>not a case</b>", encoding="utf-8")
    assert isinstance(_fail_to_open(qtbot, window, text, monkeypatch), NotACaseFile)


def test_recent_entry_that_no_longer_exists_is_removed_with_a_message(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_case(qtbot, window, demo_case_path)
    window.close_case()
    gone = demo_case_path.with_name("gone.casefile")
    window.settings.set_recent_files([str(gone), str(demo_case_path.resolve())])
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    window.open_recent(gone)
    assert "no longer exists" in told[0]
    assert window.settings.recent_files() == [str(demo_case_path.resolve())]
    window._fill_recent_menu()
    assert [a.text() for a in window.actions.recent_menu.actions()] == ["demo.casefile"]


def test_new_case_and_save_a_copy(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "Дело.casefile"
    monkeypatch.setattr(
        FileDialogs, "new_case", classmethod(lambda cls, *a: NewCase(target, "Дело <b>&</b>", "Ana", None))
    )
    with qtbot.waitSignal(window.case_opened):
        window.actions.new_case.trigger()
    assert window.windowTitle() == "Дело <b>&</b> — Дело.casefile — Casefile"
    window.ui.kinds_view.setCurrentIndex(window.ui.kinds_model.index(window.ui.kinds_model.row_of(Kind.PERSON)))
    fill_new_record(monkeypatch, {"name": "Монгол Улс"})
    window.actions.new_record.trigger()
    copy = tmp_path / "copy.casefile"
    monkeypatch.setattr(FileDialogs, "save_copy", classmethod(lambda cls, *a: copy))
    window.actions.save_copy.trigger()
    with CaseFile.open(copy, read_only=True) as copied, copied.reading() as session:
        assert case.counts(session)[Kind.PERSON] == 1
        assert case.the_case(session)["title"] == "Дело <b>&</b>"


def test_read_only_case_shows_a_banner_and_blocks_edits(qtbot: QtBot, window: MainWindow, demo_case_path: Path) -> None:
    with qtbot.waitSignal(window.case_opened):
        window.adopt(CaseFile.open(demo_case_path, read_only=True))
    assert window.ui.banner.isVisibleTo(window)
    assert not window.actions.new_record.isEnabled()
    assert "(read-only)" in window.windowTitle()


def test_new_quote_from_clipboard(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_case(qtbot, window, demo_case_path)
    QGuiApplication.clipboard().setText('Путин не будет арестован <font color="x">')
    with CaseFile.open(demo_case_path, read_only=True) as case_file, case_file.reading() as session:
        from casefile.services import tables

        peskov = next(r[0] for r in tables.table_rows(session, Kind.PERSON) if r[1] == "Dmitry Peskov")
    seen = fill_new_record(monkeypatch, {"speaker": peskov})
    created = window.actions.new_quote_from_clipboard.trigger()
    assert created is None  # QAction.trigger returns nothing; the dialog did the work
    assert seen[0].form.editors["text"].value() == 'Путин не будет арестован <font color="x">'
    assert window.ui.details.record is not None
    assert window.ui.details.record["text"] == 'Путин не будет арестован <font color="x">'


def test_every_control_has_an_accessible_name(qtbot: QtBot, window: MainWindow, demo_case_path: Path) -> None:
    open_case(qtbot, window, demo_case_path)
    for kind in (Kind.QUOTE, Kind.WARRANT, Kind.SOURCE):
        window.ui.details.form(kind)
    controls = [
        w for w in window.findChildren(QWidget)
        if isinstance(w, QLineEdit | QComboBox | QPlainTextEdit | QAbstractButton) and w.isVisibleTo(window)
    ]  # fmt: skip
    unnamed = [w for w in controls if not (w.accessibleName() or getattr(w, "text", lambda: "")())]
    assert controls and not unnamed, [type(w).__name__ for w in unnamed]


def test_window_fits_1366_by_768(qtbot: QtBot, window: MainWindow) -> None:
    hint = window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768


def test_about_lists_every_version() -> None:
    names = [name for name, _ in about.versions()]
    assert names[:6] == ["Casefile", "Qt", "PySide6", "SQLAlchemy", "ReportLab", "SQLite"]
