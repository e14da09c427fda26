"""Help › Verify Against an Export… in the real window (issue 9 §3)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from casefile.jobs.anchors import AnchorReport
from casefile.jobs.json_io import export_json
from casefile.ui.main_window import MainWindow
from casefile.ui.verify_export import VerifyExportDialogs
from tests.ui.conftest import open_case


def _verify(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, export: Path) -> AnchorReport:
    shown: list[AnchorReport] = []
    monkeypatch.setattr(VerifyExportDialogs, "choose_export", classmethod(lambda cls, parent, folder: export))
    monkeypatch.setattr(VerifyExportDialogs, "show_result", classmethod(lambda cls, parent, r: shown.append(r)))
    with qtbot.waitSignal(window.verify_export.verified, timeout=20_000):
        window.actions.verify_against_export.trigger()
    [report] = shown
    return report


def test_an_untouched_case_holds_the_history_its_export_recorded(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, demo_case_path: Path, tmp_path: Path
) -> None:
    export = tmp_path / "sent.json"
    export_json(demo_case_path, export)
    assert not window.actions.verify_against_export.isEnabled()
    open_case(qtbot, window, demo_case_path)
    assert window.actions.verify_against_export.isEnabled()
    report = _verify(qtbot, window, monkeypatch, export)
    assert report.holds
    assert report.lines()[0].startswith("The case holds the audit history 'sent.json' recorded, unchanged")


def test_a_trail_emptied_since_the_export_is_reported(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, demo_case_path: Path, tmp_path: Path
) -> None:
    export = tmp_path / "sent.json"
    export_json(demo_case_path, export)
    with closing(sqlite3.connect(demo_case_path)) as conn:
        conn.execute("DELETE FROM audit_log")
        conn.commit()
    open_case(qtbot, window, demo_case_path)
    report = _verify(qtbot, window, monkeypatch, export)
    assert not report.holds
    assert "is no longer in the case" in report.lines()[0]
