"""Who is using Casefile (first run, Preferences), the start page, the user guide, and a missing PDF viewer."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from casefile import identity
from casefile.domain.audit import next_entry
from casefile.domain.kinds import Kind
from casefile.services import audit
from casefile.storage.casefile import CaseFile
from casefile.ui import app, start_page
from casefile.ui.dialogs import open_file
from casefile.ui.dialogs.files import FileDialogs
from casefile.ui.dialogs.preferences import NAME_MISSING, PreferencesDialog
from casefile.ui.main_window import MainWindow
from casefile.ui.settings import Settings
from casefile.ui.user_guide import UserGuide
from casefile.ui.widgets.audit_panel import AuditLogModel, Column
from tests.conftest import TEST_ANALYST
from tests.ui.conftest import open_case, type_text


def when_modal(qtbot: QtBot, act: Callable[[QWidget], None]) -> list[QWidget]:
    """Act on the next modal dialog once it is up (exec() blocks the test until it closes)."""
    seen: list[QWidget] = []

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(20, poll)
            return
        seen.append(modal)
        act(modal)

    QTimer.singleShot(0, poll)
    return seen


def _audit_actors(path: Path) -> list[str | None]:
    with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
        return [e.actor for e in audit.entries(session)]


# -- the analyst's name ------------------------------------------------------------------------------------


def test_first_run_asks_the_name_only_when_no_name_is_known(
    qtbot: QtBot, window: MainWindow, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[bool] = []
    monkeypatch.setattr(PreferencesDialog, "ask_first_run", classmethod(lambda cls, p, s: asked.append(True)))
    app.after_first_paint(window, None)  # CASEFILE_ANALYST is set by the test conftest
    assert asked == []
    monkeypatch.delenv(identity.ANALYST_VARIABLE)
    settings.set_analyst("Ана Аналитик")
    app.after_first_paint(window, None)
    assert asked == []
    settings.set_analyst("")
    app.after_first_paint(window, None)
    assert asked == [True]


def test_the_first_run_dialog_refuses_an_empty_name_then_saves_it_and_edits_carry_it(
    qtbot: QtBot, window: MainWindow, settings: Settings, demo_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(identity.ANALYST_VARIABLE)
    problems: list[str] = []

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, PreferencesDialog) and dialog.windowTitle() == "Welcome to Casefile"
        dialog.accept()  # nothing typed yet: refused, with a message
        problems.append(dialog.problem.text())
        type_text(dialog.name, "שרה לוי <&>")
        type_text(dialog.organisation, "Правозащита")
        dialog.accept()

    seen = when_modal(qtbot, answer)
    app.after_first_paint(window, demo_case_path)
    assert seen and problems == [NAME_MISSING]
    assert (settings.analyst(), settings.organisation()) == ("שרה לוי <&>", "Правозащита")
    qtbot.waitUntil(lambda: window.document is not None, timeout=20_000)
    qtbot.waitUntil(lambda: window.document is not None and window.document.editable, timeout=20_000)
    window.editing.create(Kind.PERSON, {"name": "Testperson One"})  # type: ignore[union-attr]
    assert _audit_actors(demo_case_path)[-1] == "שרה לוי <&>"


def test_changing_the_name_in_preferences_names_the_next_edit(
    qtbot: QtBot, window: MainWindow, settings: Settings, demo_case_path: Path
) -> None:
    open_case(qtbot, window, demo_case_path)
    window.editing.create(Kind.PERSON, {"name": "Before"})  # type: ignore[union-attr]
    assert _audit_actors(demo_case_path)[-1] == TEST_ANALYST

    def rename(dialog: QWidget) -> None:
        assert isinstance(dialog, PreferencesDialog) and dialog.reopen.isVisible()
        dialog.name.clear()
        type_text(dialog.name, "陈静")
        dialog.reopen.setChecked(True)
        dialog.accept()

    when_modal(qtbot, rename)
    window.actions.preferences.trigger()
    assert settings.analyst() == "陈静" and settings.reopen_last_case()
    window.editing.create(Kind.PERSON, {"name": "After"})  # type: ignore[union-attr]
    assert _audit_actors(demo_case_path)[-1] == "陈静"


# -- the start page ----------------------------------------------------------------------------------------


def test_the_start_page_shows_with_no_case_and_its_buttons_do_what_the_menus_do(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.welcome.page
    assert window.welcome.showing_start and page.isVisible()
    asked: list[str] = []
    monkeypatch.setattr(FileDialogs, "new_case", classmethod(lambda cls, *a: asked.append("new")))
    monkeypatch.setattr(FileDialogs, "open_case", classmethod(lambda cls, *a: asked.append("open")))
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert asked == ["new", "open"]
    demo_copy = demo_case_path.with_name("Demo.casefile")
    monkeypatch.setattr(start_page, "demo_copy_path", lambda: shutil.copyfile(demo_case_path, demo_copy))
    with qtbot.waitSignal(window.case_opened, timeout=20_000):
        qtbot.mouseClick(page.demo_button, Qt.MouseButton.LeftButton)
    assert not window.welcome.showing_start and window.ui.table.isVisible()
    window.wait_for_workers()
    window.request_close_case()
    assert window.welcome.showing_start
    assert [page.recent.item(i).toolTip() for i in range(page.recent.count())] == [str(demo_copy.resolve())]


def test_recent_cases_open_and_a_missing_one_says_so_and_can_be_removed(
    qtbot: QtBot, settings: Settings, demo_case_path: Path, tmp_path: Path
) -> None:
    gone = tmp_path / "Перемещено.casefile"
    settings.set_recent_files([str(gone), str(demo_case_path)])
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    page = window.welcome.page
    labels = [page.recent.item(i).text() for i in range(page.recent.count())]
    assert "Перемещено.casefile" in labels[0] and "missing" in labels[0]
    assert "missing" not in labels[1]
    page.recent.setCurrentRow(0)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert settings.recent_files() == [str(demo_case_path)] and page.recent.count() == 1
    with qtbot.waitSignal(window.case_opened, timeout=20_000):
        page.recent.itemActivated.emit(page.recent.item(0))
    assert window.document is not None and Path(window.document.path) == demo_case_path
    window.wait_for_workers()
    window.close_case()


def test_a_start_page_with_no_recent_cases_says_what_to_do(window: MainWindow) -> None:
    page = window.welcome.page
    assert page.recent.count() == 0 and page.empty_note.isVisible() and not page.remove_button.isEnabled()


def test_reopen_last_case_on_start_when_chosen(qtbot: QtBot, window: MainWindow, settings: Settings,
                                              demo_case_path: Path) -> None:  # fmt: skip
    settings.add_recent(demo_case_path)
    app.after_first_paint(window, None)
    assert window.document is None  # not chosen: the start page stays
    settings.set_reopen_last_case(True)
    with qtbot.waitSignal(window.case_opened, timeout=20_000):
        app.after_first_paint(window, None)


# -- help -------------------------------------------------------------------------------------------------


def test_the_user_guide_opens_offline_and_shows_its_headings(qtbot: QtBot, window: MainWindow) -> None:
    window.actions.user_guide.trigger()
    guides = [w for w in window.findChildren(UserGuide) if w.isVisible()]
    assert len(guides) == 1
    document = guides[0].browser.document()
    headings = [
        block.text()
        for block in _blocks(document)
        if block.blockFormat().headingLevel() in (1, 2)  # a real heading, not the Markdown source
    ]
    assert headings[0] == "Casefile user guide"
    for section in ("Building a case", "Linking records", "Findings", "The dossier", "Redaction",
                    "Sharing and merging", "Verifying an export"):  # fmt: skip
        assert section in headings
    assert "#" not in headings[0]


def _blocks(document):  # type: ignore[no-untyped-def]
    block = document.begin()
    while block.isValid():
        yield block
        block = block.next()


def test_no_pdf_viewer_says_so_with_the_path_and_copies_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(open_file.FileOpener, "open_url", classmethod(lambda cls, url: opened.append(url) or False))
    pdf = tmp_path / "Досье <b>&.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    texts: list[str] = []

    def copy(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        texts.append(box.text() + "\n" + box.informativeText())
        [button] = [b for b in box.findChildren(QPushButton) if b.text() == open_file.COPY_PATH]
        button.click()

    QGuiApplication.clipboard().clear()
    when_modal(qtbot, copy)
    assert open_file.open_or_explain(window, pdf) is False
    assert opened == [QUrl.fromLocalFile(str(pdf))]
    assert "no program that opens PDF files" in texts[0] and str(pdf) in texts[0]
    assert QGuiApplication.clipboard().text() == str(pdf)


def test_with_a_viewer_the_pdf_just_opens(window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(open_file.FileOpener, "open_url", classmethod(lambda cls, url: True))
    assert open_file.open_or_explain(window, tmp_path / "a.pdf") is True
    assert QApplication.activeModalWidget() is None


def test_the_audit_trail_says_who_made_each_change_or_that_no_name_was_known() -> None:
    named = next_entry(None, at=_AT, action="edit", actor="שרה לוי", record_id="p1", kind="person")
    nameless = next_entry(named, at=_AT, action="edit", actor=None, record_id="p1", kind="person")
    model = AuditLogModel()
    model.set_entries([named, nameless])
    who = [model.index(row, Column.WHO).data() for row in range(2)]
    assert who == ["unknown analyst", "שרה לוי"]  # newest first


_AT = datetime(2024, 9, 2, 10, 0, tzinfo=UTC)


def test_the_application_has_its_icon_in_every_size() -> None:
    from casefile.ui.app import app_icon

    sizes = {(s.width(), s.height()) for s in app_icon().availableSizes()}
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= sizes
