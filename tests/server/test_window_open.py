"""File › Open Server Case…, `casefile postgresql://…#case`, recent cases, a reader's window, and what only a file
can do, driven through the real window against the throwaway server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from casefile.cli.main import _gui_request, main
from casefile.domain.errors import AccessRefused, CaseFileNotFound, ValidationError
from casefile.domain.kinds import Kind
from casefile.services import audit, interchange, records
from casefile.storage.casefile import CaseFile
from casefile.storage.server import ServerCase, describe_url, grant
from casefile.storage.server_address import address_of, split_address
from casefile.ui import app
from casefile.ui.dialogs.data_files import DataFileDialogs, ExportChoice
from casefile.ui.dialogs.export_pdf import ExportPdfDialog, PdfDone
from casefile.ui.dialogs.files import FileDialogs
from casefile.ui.dialogs.open_server import NO_CASES, OpenServerDialog, OpenServerDialogs
from casefile.ui.dialogs.redaction_report import RedactionReportDialog
from casefile.ui.dialogs.share_dialog import ShareChoice, ShareDialogs
from casefile.ui.main_window import MainWindow
from casefile.ui.recent_cases import recent_label
from casefile.ui.server_case import READER_BANNER
from casefile.ui.verify_export import VerifyExportDialogs
from casefile.ui.widgets.attachments_panel import AttachmentDialogs
from tests.postgres import ServerCases, TestServer
from tests.server.window_helpers import cell_texts, first_person, open_server_case, served
from tests.ui.conftest import type_text

pytest.importorskip("psycopg", reason="uv sync --extra test --extra server runs the server window tests")


def _dialog(qtbot: QtBot, address: str = "") -> OpenServerDialog:
    dialog = OpenServerDialog(None, address)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _list(qtbot: QtBot, dialog: OpenServerDialog, url: str) -> None:
    dialog.address.clear()
    type_text(dialog.address, url)
    qtbot.mouseClick(dialog.list_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.list_button.isEnabled(), timeout=10_000)


def _open_button(dialog: OpenServerDialog) -> QWidget:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Open)


def test_the_dialog_lists_the_servers_cases_and_the_window_opens_the_chosen_one(
    qtbot: QtBot, window: MainWindow, server_cases: ServerCases, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def drive(_parent: QWidget | None, address: str) -> tuple[str, str] | None:
        asked.append(address)
        dialog = _dialog(qtbot, address)
        _list(qtbot, dialog, url)
        assert [dialog.cases.item(i).text() for i in range(dialog.cases.count())] == ["case", "demo"]
        assert dialog.status.text() == f"2 cases on {describe_url(url)}."
        dialog.cases.setCurrentRow(1)
        assert _open_button(dialog).isEnabled()
        return dialog.chosen()

    monkeypatch.setattr(OpenServerDialogs, "ask", classmethod(lambda cls, parent, address: drive(parent, address)))
    with served(window, server_cases) as url:
        with qtbot.waitSignal(window.server_cases.opened, timeout=20_000):
            window.actions.open_server.trigger()
        assert asked == [""]  # nothing remembered yet
        document = window.document
        assert document is not None and document.file_path is None
        assert document.location == f"demo on {describe_url(url)}"
        assert window.windowTitle().endswith(f"— demo on {describe_url(url)} — Casefile")
        assert window.ui.table_model.total > 0 and not document.read_only
        # Remembered without any password, in the form `casefile URL#case` takes; the menu names it in words.
        assert window.settings.recent_files()[0] == f"{url}#demo"
        assert window.settings.last_server() == url
        window.actions.recent_menu.aboutToShow.emit()
        assert window.actions.recent_menu.actions()[0].text().replace("&", "") == f"demo on {describe_url(url)}"
        window.close_case()
        # Open Recent reopens it, and the dialog offers the same server next time.
        with qtbot.waitSignal(window.server_cases.opened, timeout=20_000):
            window.open_recent(window.settings.recent_files()[0])
        assert window.document is not None and window.document.location.startswith("demo on ")
        window.close_case()
        # The start page offers it too.
        with qtbot.waitSignal(window.server_cases.opened, timeout=20_000):
            qtbot.mouseClick(window.welcome.page.server_button, Qt.MouseButton.LeftButton)
        assert asked[-1] == url


def test_a_password_in_the_address_is_refused_before_anything_connects(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    _list(qtbot, dialog, "postgresql://анна:secret@db.example.org/casefile")
    text = dialog.status.text()
    assert "never stores a password" in text and "~/.pgpass" in text and "PGPASSWORD" in text
    assert "secret" not in text and dialog.cases.count() == 0 and not _open_button(dialog).isEnabled()
    with pytest.raises(ValidationError, match="never stores a password"):
        split_address("host=localhost password=secret dbname=casefile")


def test_an_unreachable_server_and_a_server_with_no_case_for_this_user_are_said_plainly(
    qtbot: QtBot, pg_server: TestServer, server_cases: ServerCases
) -> None:
    dialog = _dialog(qtbot)
    _list(qtbot, dialog, "postgresql://postgres@127.0.0.1:1/casefile")
    assert dialog.status.text().startswith("Casefile could not reach the case's server:")
    assert "~/.pgpass" in dialog.status.text() and "Error" not in dialog.status.text()
    pg_server.admin("DO $$ BEGIN CREATE ROLE wilma LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    with server_cases.database() as url:
        database = url.split("/")[3].split("?")[0]
        _list(qtbot, dialog, pg_server.url(database, "wilma"))
        assert dialog.status.text() == NO_CASES and dialog.cases.count() == 0


def test_a_missing_case_and_a_case_without_access_are_explained_by_the_window(
    qtbot: QtBot,
    window: MainWindow,
    pg_server: TestServer,
    server_cases: ServerCases,
    errors_shown: list[BaseException],
) -> None:
    pg_server.admin("DO $$ BEGIN CREATE ROLE wilma LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    with served(window, server_cases) as url:
        with qtbot.waitSignal(window.server_cases.failed, timeout=20_000):
            window.server_cases.open(url, "nosuch")
        database = url.split("/")[3].split("?")[0]
        with qtbot.waitSignal(window.server_cases.failed, timeout=20_000):
            window.server_cases.open(pg_server.url(database, "wilma"), "demo")
    missing, refused = errors_shown
    assert isinstance(missing, CaseFileNotFound) and "has no case named 'nosuch' that you may open" in str(missing)
    assert isinstance(refused, AccessRefused) and "You have no access to the server case 'demo'" in str(refused)
    assert window.document is None and window.settings.recent_files() == []


def test_the_command_line_opens_a_server_case_given_as_url_and_hash_name(
    qtbot: QtBot, window: MainWindow, server_cases: ServerCases, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("casefile.ui.dialogs.preferences.ask_name_if_needed", lambda *_: None)
    with served(window, server_cases) as url:
        address = f"{url}#demo"
        assert _gui_request([address], ["info"]) == address  # the URL as typed: a Path would fold its //
        with qtbot.waitSignal(window.server_cases.opened, timeout=20_000):
            app.after_first_paint(window, address)
        assert window.document is not None and window.document.location == f"demo on {describe_url(url)}"


def test_an_address_without_a_case_name_shows_the_servers_cases_to_choose_from(
    qtbot: QtBot, window: MainWindow, server_cases: ServerCases, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr("casefile.ui.dialogs.preferences.ask_name_if_needed", lambda *_: None)
    monkeypatch.setattr(
        OpenServerDialogs, "ask", classmethod(lambda cls, parent, address: asked.append(address) or (address, "case"))
    )
    with served(window, server_cases) as url:
        with qtbot.waitSignal(window.server_cases.opened, timeout=20_000):
            app.after_first_paint(window, url)
        assert asked == [url] and window.document is not None
        assert window.document.location == f"case on {describe_url(url)}"


def test_the_command_line_refuses_a_password_in_the_address_in_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    started: list[object] = []
    code = main(
        ["postgresql://anna:secret@db.example.org/casefile#demo"], window=lambda *a, **k: started.append(a) or 0
    )
    err = capsys.readouterr().err
    assert code == 2 and started == [] and len(err.strip().splitlines()) == 1
    assert "never stores a password" in err and "secret" not in err


def test_a_keyword_address_is_remembered_as_the_same_url() -> None:
    assert (
        address_of("service=casefile user=анна", "demo")
        == "postgresql:///?service=casefile&user=%D0%B0%D0%BD%D0%BD%D0%B0#demo"
    )
    assert split_address("postgresql:///?service=casefile&user=%D0%B0%D0%BD%D0%BD%D0%B0#demo") == (
        "postgresql:///?service=casefile&user=%D0%B0%D0%BD%D0%BD%D0%B0",
        "demo",
    )
    with pytest.raises(ValidationError, match="not a server case name"):
        split_address("postgresql://db/casefile#Not-A-Name")


def test_a_reader_gets_a_read_only_window_with_a_banner_that_says_why(
    qtbot: QtBot, window: MainWindow, pg_server: TestServer, server_cases: ServerCases
) -> None:
    pg_server.admin("DO $$ BEGIN CREATE ROLE rhea LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    with served(window, server_cases) as url:
        grant(url, "demo", "rhea", "reader", protected=True)
        database = url.split("/")[3].split("?")[0]
        open_server_case(qtbot, window, pg_server.url(database, "rhea"), "demo")
        assert window.document is not None and window.document.read_only
        assert window.ui.banner.isVisible() and window.ui.banner.text() == READER_BANNER
        assert "(read-only)" in window.windowTitle()
        assert not window.actions.new_record.isEnabled() and not window.actions.case_details.isEnabled()
        assert "as rhea (reader)" in window.statusBar().currentMessage()


def test_what_only_a_file_can_do_is_off_with_the_reason_and_save_a_copy_checks_out(
    qtbot: QtBot, window: MainWindow, server_cases: ServerCases, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with served(window, server_cases) as url:
        case = open_server_case(qtbot, window, url, "demo")
        a = window.actions
        assert not a.merge_case.isEnabled() and "File › Sync" in a.merge_case.toolTip()
        assert a.save_copy.isEnabled() and "checkout" in a.save_copy.toolTip()
        assert a.new_record.isEnabled() and a.verify_case.isEnabled()
        target = tmp_path / "Монголия <b>&.casefile"
        monkeypatch.setattr(FileDialogs, "save_copy", classmethod(lambda cls, parent, suggested: target))
        with qtbot.waitSignal(window.job_finished, timeout=20_000):
            a.save_copy.trigger()
        person = first_person(case)
        window.close_case()
        # The same window opens a file again, with every action back.
        with qtbot.waitSignals([window.case_opened, window.verification.verified], timeout=20_000):
            window.open_path(target)
        assert a.share_copy.isEnabled() and a.export_pdf.isEnabled() and a.merge_case.isEnabled()
        assert a.merge_case.toolTip() == "Merge Case"
    with CaseFile.open(target, read_only=True) as copy, copy.reading() as session:
        assert records.get(session, person.id).values["name"] == person.values["name"]
        assert len(records.list_records(session, Kind.PERSON)) > 1


def test_attaching_verifying_and_searching_work_on_a_server_case(
    qtbot: QtBot,
    window: MainWindow,
    server_cases: ServerCases,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors_shown: list[BaseException],
) -> None:
    monkeypatch.setattr(AttachmentDialogs, "show_report", classmethod(lambda cls, parent, report: None))
    with served(window, server_cases) as url:
        case = open_server_case(qtbot, window, url, "demo")
        with case.reading() as session:
            source = records.list_records(session, Kind.SOURCE)[0]
        evidence = tmp_path / "Свидетельство <b>&.txt"
        evidence.write_bytes("Показания — شهادة — 证词".encode())
        with qtbot.waitSignal(window.attachments.attached, timeout=20_000) as attached:
            window.attachments.attach_dropped(source.id, [evidence])
        assert attached.args[0].file_name == evidence.name
        with qtbot.waitSignal(window.attachments.verified, timeout=20_000) as verified:
            window.actions.verify_case.trigger()
        assert verified.args[0].clean and verified.args[0].total >= 1
        window.ui.search_edit.setText("путин")
        qtbot.waitUntil(lambda: window.ui.search_model.rowCount() > 0, timeout=3000)
    assert errors_shown == []


def test_the_pdf_dossier_exports_from_a_server_case_is_logged_there_and_verifies_against_it(
    qtbot: QtBot, window: MainWindow, server_cases: ServerCases, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    suggested: list[str] = []

    def exec_(dialog: ExportPdfDialog) -> int:
        suggested.append(dialog.path.text())
        dialog.path.setText(str(tmp_path / "Досье <b>&"))
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(ExportPdfDialog, "exec", exec_)
    monkeypatch.setattr(PdfDone, "offer_to_open", classmethod(lambda cls, parent, report: False))
    window.settings.set_last_folder(tmp_path)
    with served(window, server_cases) as url:
        case = open_server_case(qtbot, window, url, "demo")
        assert window.actions.export_pdf.isEnabled()
        with qtbot.waitSignal(window.job_finished, timeout=60_000) as finished:
            window.actions.export_pdf.trigger()
        with case.reading() as session:
            last = audit.entries(session)[-1]
        # Help › Verify Against an Export… reads the server case's trail: the PDF's recorded history is there.
        monkeypatch.setattr(VerifyExportDialogs, "choose_export", classmethod(lambda cls, p, f: finished.args[0].path))
        monkeypatch.setattr(VerifyExportDialogs, "show_result", classmethod(lambda cls, p, r: None))
        with qtbot.waitSignal(window.verify_export.verified, timeout=30_000) as verified:
            window.actions.verify_against_export.trigger()
    assert verified.args[0].result.holds and verified.args[0].result.later == 1  # the export row itself
    assert suggested == [str(tmp_path / "demo.pdf")]
    pdf = finished.args[0].path
    assert pdf == tmp_path / "Досье <b>&.pdf" and pdf.read_bytes().startswith(b"%PDF")
    assert (last.action, last.actor) == ("export", "postgres") and "pdf" in last.detail


def test_the_case_json_exports_from_a_server_case(
    qtbot: QtBot, window: MainWindow, server_cases: ServerCases, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "Дело <b>&.json"
    asked: list[str] = []
    monkeypatch.setattr(
        FileDialogs, "save_json", classmethod(lambda cls, parent, suggested: asked.append(suggested) or target)
    )
    window.settings.set_last_folder(tmp_path)
    with served(window, server_cases) as url:
        case = open_server_case(qtbot, window, url, "demo")
        assert window.actions.export_json.isEnabled()
        with qtbot.waitSignal(window.job_finished, timeout=30_000):
            window.actions.export_json.trigger()
        with case.reading() as session:
            expected = interchange.to_document(session)
            last = audit.entries(session)[-1]
    assert asked == [str(tmp_path / "demo.json")]
    written = json.loads(target.read_text(encoding="utf-8"))
    assert written["case"]["id"] == expected["case"]["id"]
    assert sum(len(v) for v in written.values() if isinstance(v, list)) > 20  # the demo's records, not empty lists
    assert {k: len(v) for k, v in written.items() if isinstance(v, list)} == {
        k: len(v) for k, v in expected.items() if isinstance(v, list)
    }
    assert (last.action, last.actor) == ("export", "postgres") and "json" in last.detail


def test_share_copy_of_a_server_case_is_made_from_a_private_checkout_and_logged_on_the_server(
    qtbot: QtBot, window: MainWindow, server_cases: ServerCases, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "Для коллеги <b>&.casefile"
    asked: list[Path] = []
    choice = ShareChoice(target, redact=True)
    monkeypatch.setattr(ShareDialogs, "ask", classmethod(lambda cls, parent, path: asked.append(path) or choice))
    monkeypatch.setattr(RedactionReportDialog, "show_report", classmethod(lambda cls, parent, report: None))
    window.settings.set_last_folder(tmp_path)
    with served(window, server_cases) as url:
        case = open_server_case(qtbot, window, url, "demo")
        assert window.actions.share_copy.isEnabled()
        with qtbot.waitSignal(window.sharing.shared, timeout=60_000) as shared:
            window.actions.share_copy.trigger()
        with case.reading() as session:
            last = audit.entries(session)[-1]
            names = {r.values["name"] for r in records.list_records(session, Kind.PERSON)}
    assert asked == [tmp_path / "demo.casefile"] and shared.args[0].path == target and shared.args[0].redacted
    assert (last.action, last.actor) == ("share", "postgres")
    with CaseFile.open(target, read_only=True) as copy, copy.reading() as session:
        assert len(records.list_records(session, Kind.PERSON)) == len(names)


def test_spreadsheet_and_followthemoney_exports_of_a_server_case_are_written_and_logged_there(
    qtbot: QtBot, window: MainWindow, server_cases: ServerCases, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    suggested: list[Path] = []
    sheet, ftm = tmp_path / "Лица <b>&.csv", tmp_path / "ftm.jsonl"

    def choose(path: Path) -> Any:
        return lambda cls, parent, proposed, *rest: suggested.append(proposed) or ExportChoice(path, redact=True)

    monkeypatch.setattr(DataFileDialogs, "export_table", classmethod(choose(sheet)))
    monkeypatch.setattr(
        DataFileDialogs, "export_file", classmethod(lambda cls, p, t, proposed, f: choose(ftm)(cls, p, proposed))
    )
    monkeypatch.setattr(RedactionReportDialog, "show_report", classmethod(lambda cls, parent, report: None))
    window.settings.set_last_folder(tmp_path)
    with served(window, server_cases) as url:
        case = open_server_case(qtbot, window, url, "demo")
        for action in (window.import_export.export_table, window.import_export.export_ftm):
            assert action.isEnabled()
            with qtbot.waitSignal(window.job_finished, timeout=60_000):
                action.trigger()
        with case.reading() as session:
            logged = [(e.action, e.actor, json.loads(e.detail)["file"]) for e in audit.entries(session)[-2:]]
    assert suggested == [tmp_path / "demo persons.xlsx", tmp_path / "demo ftm.jsonl"]
    assert (
        "Vladimir Putin" in sheet.read_text(encoding="utf-8") and len(ftm.read_text(encoding="utf-8").splitlines()) > 10
    )
    assert logged == [("export", "postgres", sheet.name), ("export", "postgres", ftm.name)]


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://анна@db.example.org:5433/casefile?sslmode=verify-full",
        "postgresql:///?service=casefile&user=anna",
        "postgresql://anna@/casefile?host=/var/run/postgresql",
    ],
)
def test_the_recent_cases_name_a_server_case_as_the_server_does_without_loading_the_driver(url: str) -> None:
    # The start page names it before the first paint (casefile.ui.recent_cases), in describe_url's words.
    assert recent_label(f"{url}#mongolia") == f"mongolia on {describe_url(url)}"


def test_a_user_without_the_protected_grant_sees_pseudonyms_and_cannot_copy_every_name(
    qtbot: QtBot, window: MainWindow, pg_server: TestServer, server_cases: ServerCases
) -> None:
    pg_server.admin("DO $$ BEGIN CREATE ROLE uma LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    with served(window, server_cases) as url:
        with ServerCase.open(url, "demo") as owner, owner.unit_of_work() as session:
            witness = records.create(session, Kind.PERSON, {"name": "Свидетель <b>&</b> الشاهد", "protected": True})
        grant(url, "demo", "uma", "editor")
        database = url.split("/")[3].split("?")[0]
        open_server_case(qtbot, window, pg_server.url(database, "uma"), "demo")
        shown = cell_texts(window, witness.id)
        assert shown[0] == f"Protected person {witness.id[:8].upper()}" and "Свидетель" not in " ".join(shown)
        assert "pseudonyms" in window.statusBar().currentMessage()
        a = window.actions
        for action in (a.save_copy, a.share_copy, window.import_export.export_table, window.import_export.export_ftm):
            assert not action.isEnabled() and "protected grant" in action.toolTip(), action.text()
        assert a.export_pdf.isEnabled() and a.export_json.isEnabled()  # read through the masked view
