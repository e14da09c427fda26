"""File › Share Copy… in the window, and what the window does with a case locked elsewhere or on read-only media."""

from __future__ import annotations

import errno
import json
import os
import socket
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from casefile.domain.errors import CaseFileLocked
from casefile.domain.kinds import Kind
from casefile.jobs.share import ShareReport
from casefile.services import records
from casefile.services.redaction import RedactionReport
from casefile.storage import locking
from casefile.storage.casefile import CaseFile
from casefile.storage.checks import check_file
from casefile.ui.dialogs.redaction_report import RedactionReportDialog
from casefile.ui.dialogs.share_dialog import LockedCaseDialogs, ShareChoice, ShareDialog, ShareDialogs
from casefile.ui.main_window import MainWindow
from tests.ui.conftest import open_case


def _share(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, choice: ShareChoice) -> ShareReport:
    monkeypatch.setattr(ShareDialogs, "ask", classmethod(lambda cls, parent, case_path: choice))
    with qtbot.waitSignal(window.sharing.shared, timeout=20_000) as blocker:
        window.actions.share_copy.trigger()
    report: ShareReport = blocker.args[0]
    return report


def _foreign_lock(case_path: Path) -> Path:
    """A lock held by a live process on this host that is not us: our parent."""
    owner = locking.LockOwner(socket.gethostname(), os.getppid(), locking._process_start(os.getppid()),
                              "2024-09-02T10:00:00+00:00", "f" * 32, "Casefile 0.0-test")  # fmt: skip
    path = locking.lock_path(case_path.resolve())
    path.write_text(json.dumps(owner.__dict__), encoding="utf-8")
    return path


def test_share_copy_writes_a_clean_copy_through_the_window(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not window.actions.share_copy.isEnabled()
    open_case(qtbot, window, demo_case_path)
    assert window.actions.share_copy.isEnabled()
    target = tmp_path / "out" / "demo shared.casefile"
    target.parent.mkdir()

    report = _share(qtbot, window, monkeypatch, ShareChoice(target, redact=False))

    assert report.path == target and not report.redacted
    assert check_file(target).clean
    assert "Shared a clean copy" in window.statusBar().currentMessage()
    assert sorted(p.name for p in target.parent.iterdir()) == ["demo shared.casefile"]


def test_share_copy_can_redact_protected_persons(
    qtbot: QtBot, window: MainWindow, empty_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with CaseFile.open(empty_case_path) as case_file, case_file.unit_of_work() as session:
        records.create(session, Kind.PERSON, {"name": "Perpetua Snodgrift", "protected": True})
        records.create(session, Kind.QUOTE, {"text": "Сказала Per\u00adpetua Snodgrift: «нет»"})
        records.create(session, Kind.PERSON, {"name": "Snodgrif Other"})
    open_case(qtbot, window, empty_case_path)
    target = tmp_path / "redacted.casefile"
    shown: list[str] = []
    monkeypatch.setattr(
        RedactionReportDialog, "show_report", classmethod(lambda cls, parent, report: shown.append(report.text()))
    )

    report = _share(qtbot, window, monkeypatch, ShareChoice(target, redact=True))

    assert report.pseudonyms == ("Witness A",)
    assert b"Snodgrift" not in target.read_bytes()
    assert "redacted copy" in window.statusBar().currentMessage()
    assert len(shown) == 1 and "Witness A: quote “Сказала [Witness A]: «нет»”, field text: 1×" in shown[0]
    assert "Witness A? person “Snodgrif Other”, field name: “Snodgrif”" in shown[0]  # a near match to check
    assert b"Redaction report" not in target.read_bytes()


def test_the_report_dialog_shows_the_report_text(qtbot: QtBot) -> None:
    report = RedactionReport(replaced={("Witness A", "quote", "«[Witness A]» & <b>", "text"): 2})
    dialog = RedactionReportDialog(report)
    qtbot.addWidget(dialog)
    assert "Witness A: quote “«[Witness A]» & <b>”, field text: 2×" in dialog.text.toPlainText()


def test_cancelling_the_share_dialog_writes_nothing(
    qtbot: QtBot, window: MainWindow, empty_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_case(qtbot, window, empty_case_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    monkeypatch.setattr(ShareDialogs, "ask", classmethod(lambda cls, parent, case_path: None))
    jobs: list[str] = []
    monkeypatch.setattr(window, "run_job", lambda label, work, on_done: jobs.append(label))
    window.actions.share_copy.trigger()
    assert jobs == []
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_the_share_dialog_suggests_a_name_that_says_what_the_copy_is(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = ShareDialog(tmp_path / "Mongolia.casefile")
    qtbot.addWidget(dialog)
    assert dialog.suggested_name() == tmp_path / "Mongolia shared.casefile"
    dialog.redact.setChecked(True)
    assert dialog.suggested_name() == tmp_path / "Mongolia redacted.casefile"
    assert dialog.choice() is None


def test_a_case_locked_elsewhere_can_be_opened_read_only_instead(
    qtbot: QtBot, window: MainWindow, empty_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lock = _foreign_lock(empty_case_path)
    held = lock.read_bytes()
    asked: list[CaseFileLocked] = []

    def answer_yes(cls: type, parent: object, error: CaseFileLocked) -> bool:
        asked.append(error)
        return True

    monkeypatch.setattr(LockedCaseDialogs, "open_read_only_instead", classmethod(answer_yes))
    open_case(qtbot, window, empty_case_path)

    assert [e.pid for e in asked] == [os.getppid()]
    assert window.document is not None and window.document.read_only
    assert window.ui.banner.isVisibleTo(window) and "(read-only)" in window.windowTitle()
    assert not window.actions.new_record.isEnabled()
    assert window.actions.share_copy.isEnabled()  # sharing only reads, so a read-only case can be shared
    assert lock.read_bytes() == held


def test_declining_to_open_read_only_shows_the_refusal(
    qtbot: QtBot, window: MainWindow, empty_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _foreign_lock(empty_case_path)
    shown: list[BaseException] = []
    monkeypatch.setattr(window, "show_error", shown.append)
    monkeypatch.setattr(LockedCaseDialogs, "open_read_only_instead", classmethod(lambda cls, parent, error: False))
    with qtbot.waitSignal(window.open_failed, timeout=10_000):
        window.open_path(empty_case_path)
    assert len(shown) == 1 and isinstance(shown[0], CaseFileLocked)
    assert f"process {os.getppid()} on {socket.gethostname()}" in str(shown[0])
    assert window.document is None


def test_a_case_on_read_only_media_opens_read_only_with_the_banner(
    qtbot: QtBot, window: MainWindow, empty_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only_medium(path: Path, owner: locking.LockOwner) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    monkeypatch.setattr(locking, "_create", read_only_medium)
    open_case(qtbot, window, empty_case_path)
    assert window.document is not None and window.document.read_only
    assert window.ui.banner.isVisibleTo(window)
    assert not window.actions.case_details.isEnabled()


def test_a_writable_case_holds_its_lock_until_the_window_closes_it(
    qtbot: QtBot, window: MainWindow, empty_case_path: Path
) -> None:
    open_case(qtbot, window, empty_case_path)
    lock = locking.lock_path(empty_case_path.resolve())
    assert json.loads(lock.read_text(encoding="utf-8"))["pid"] == os.getpid()
    window.close_case()
    assert not lock.exists()


def test_a_hard_linked_case_is_offered_read_only(
    qtbot: QtBot, window: MainWindow, empty_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "second name.casefile"
    os.link(empty_case_path, other)
    asked: list[CaseFileLocked] = []

    def answer_yes(cls: type, parent: object, error: CaseFileLocked) -> bool:
        asked.append(error)
        return True

    monkeypatch.setattr(LockedCaseDialogs, "open_read_only_instead", classmethod(answer_yes))
    open_case(qtbot, window, other)
    [error] = asked
    assert "hard link" in error.message
    assert window.document is not None and window.document.read_only
    assert not list(tmp_path.glob("*.lock")) and not list(tmp_path.glob("*-journal"))


def test_a_file_from_a_newer_casefile_is_offered_read_only(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casefile.domain.errors import NewerCaseFile
    from tests.cli.test_cmd_revisions import newer

    newer(demo_case_path)
    asked: list[NewerCaseFile] = []

    def answer_yes(cls: type, parent: object, error: NewerCaseFile) -> bool:
        asked.append(error)
        return True

    monkeypatch.setattr(LockedCaseDialogs, "open_newer_read_only", classmethod(answer_yes))
    open_case(qtbot, window, demo_case_path)
    [error] = asked
    assert "Casefile 9.0.0" in error.message
    assert window.document is not None and window.document.read_only
    assert not window.actions.new_record.isEnabled()
