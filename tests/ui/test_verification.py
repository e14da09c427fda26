"""After opening, the full check runs in the background; editing waits for it, and a failing file stays read-only."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from casefile.domain.errors import DamagedCaseFile
from casefile.domain.kinds import Kind
from casefile.ui.dialogs.errors import ErrorDialog
from casefile.ui.main_window import MainWindow
from casefile.ui.verification import VerificationReport
from tests.storage.bad_values import assert_named, damage


def test_editing_waits_for_the_check_and_then_opens_up(qtbot: QtBot, window: MainWindow, demo_case_path: Path) -> None:
    with qtbot.waitSignal(window.case_opened, timeout=20_000):
        window.open_path(demo_case_path)
    assert window.document is not None
    if not window.document.verified:  # the check is usually still running here
        assert not window.actions.new_record.isEnabled()
        with qtbot.waitSignal(window.verification.verified, timeout=20_000) as blocker:
            pass
        assert blocker.args == [[]]
    assert window.document.verified
    assert window.actions.new_record.isEnabled()
    assert "sound" in window.statusBar().currentMessage()


def test_a_file_failing_its_check_stays_read_only(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with closing(sqlite3.connect(demo_case_path)) as conn:
        # A link to a record that does not exist: the header and schema are fine, the data is not.
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("UPDATE links SET from_id = 'no-such-record' WHERE rowid = (SELECT min(rowid) FROM links)")
        conn.commit()
    told: list[list[str]] = []
    monkeypatch.setattr(VerificationReport, "show_problems", classmethod(lambda cls, parent, name, p: told.append(p)))
    with qtbot.waitSignals([window.case_opened, window.verification.verified], timeout=20_000):
        window.open_path(demo_case_path)
    assert told and any("links" in problem for problem in told[0])
    assert window.document is not None and not window.document.verified
    assert not window.actions.new_record.isEnabled()
    assert window.ui.banner.isVisibleTo(window)


def test_the_window_opens_it_read_only_and_lists_the_rows(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = damage(demo_case_path)
    told: list[list[str]] = []
    monkeypatch.setattr(VerificationReport, "show_problems", classmethod(lambda cls, parent, name, p: told.append(p)))
    with qtbot.waitSignals([window.case_opened, window.verification.verified], timeout=20_000):
        window.open_path(demo_case_path)
    [problems] = told
    assert_named(problems, ids)
    assert window.document is not None and not window.document.verified
    assert not window.actions.new_record.isEnabled()
    assert window.ui.banner.isVisibleTo(window)
    # What cannot be read is named, never "Something went wrong": the persons list, the timeline.
    shown: list[BaseException] = []
    monkeypatch.setattr(ErrorDialog, "show_error", classmethod(lambda cls, parent, error: shown.append(error)))
    window._show_kind(Kind.PERSON)
    qtbot.wait(100)
    assert window.ui.table_model.rowCount() >= 3
    assert all(isinstance(e, DamagedCaseFile) and "did not write" in e.message for e in shown), shown
