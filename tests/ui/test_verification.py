"""After opening, the full check runs in the background; editing waits for it, and a failing file stays read-only."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from casefile.ui.main_window import MainWindow
from casefile.ui.verification import VerificationReport


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
