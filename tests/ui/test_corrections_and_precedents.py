"""A State's ICC-status timeline with Add / Correct / Dispute, and the Precedents panel, through the real window.

Hungary's events are the shipped ones (party_status_events.csv); the correction typed here is a hypothetical
analyst's record, cited as such.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from casefile.domain.compliance import FindingStatus
from casefile.domain.kinds import Kind
from casefile.domain.precedents import Precedent
from casefile.services import audit, records
from casefile.services.findings import findings_for_case
from casefile.storage.casefile import CaseFile
from casefile.ui.dialogs.new_record import NewRecordDialog
from casefile.ui.main_window import MainWindow
from casefile.ui.widgets.precedents_panel import PrecedentDialogs
from tests.conftest import TEST_ANALYST
from tests.ui.conftest import open_case, type_text
from tests.ui.helpers import fill_new_record

CITATION = "Гипотеза <b>& test</b> — اختبار"


def _hungary_case(path: Path) -> tuple[str, str]:
    """The demo case plus Netanyahu's hypothetical visit to Hungary on 10 July 2026 (issue 11 §5)."""
    with CaseFile.open(path) as case_file, case_file.unit_of_work() as session:
        session.info["actor"] = "Аналитик"  # the analyst using Casefile, as CaseFile sets it
        person = records.create(session, Kind.PERSON, {"name": "Benjamin Netanyahu"}).id
        issuer = records.create(
            session, Kind.ORGANISATION, {"name": "Pre-Trial Chamber I", "kind": "chamber", "icc_organ": True}
        ).id
        records.create(session, Kind.WARRANT, {"issuer": issuer, "subject": person, "issued": "2024-11-21"})
        state = records.create(session, Kind.STATE, {"name": "Hungary", "iso2": "HU"}).id
        values = {"person": person, "state": state, "start": "2026-07-10", "outcome": "not_arrested"}
        visit = records.create(session, Kind.VISIT, values).id
    return state, visit


def _status(path: Path, visit: str) -> FindingStatus:
    with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
        return next(f for f in findings_for_case(session) if f.visit_id == visit).status


def _type_citation(monkeypatch: pytest.MonkeyPatch, seen: list[NewRecordDialog]) -> None:
    """The next New Record dialog: the citation typed key by key, then OK."""

    def exec_(dialog: NewRecordDialog) -> int:
        seen.append(dialog)
        type_text(dialog.form.editors["citation"].widget, CITATION)
        dialog.accept()
        return int(QDialog.DialogCode.Accepted if dialog.created_id else QDialog.DialogCode.Rejected)

    monkeypatch.setattr(NewRecordDialog, "exec", exec_)


def test_a_states_timeline_confirms_an_event_as_an_undoable_audited_edit(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, monkeypatch: pytest.MonkeyPatch, qtmodeltester: ModelTester
) -> None:
    state, visit = _hungary_case(demo_case_path)
    open_case(qtbot, window, demo_case_path)
    window.select_record(state)
    panel = window.ui.details.status_timeline
    assert panel.isVisibleTo(window) and panel.iso2 == "HU"
    qtmodeltester.check(panel.model)
    texts = [panel.model.row_at(r).text for r in range(panel.model.rowCount())]
    revocation = next(r for r, t in enumerate(texts) if "withdrawal revoked" in t)
    assert "UNVERIFIED in the reference data" in texts[revocation]
    assert _status(demo_case_path, visit) == FindingStatus.UNDETERMINED
    assert not panel.correct_button.isEnabled()
    panel.table.selectRow(revocation)
    assert panel.correct_button.isEnabled() and panel.dispute_button.isEnabled()

    seen: list[NewRecordDialog] = []
    _type_citation(monkeypatch, seen)
    panel.dispute_button.click()
    assert seen and seen[0].form.editors["event"].value() == "HU:withdrawal_revoked:"
    assert seen[0].form.editors["action"].value() == "dispute"
    row = next(r for r in range(panel.model.rowCount()) if "withdrawal revoked" in panel.model.row_at(r).text)
    entry = panel.model.row_at(row)
    assert f"DISPUTED in this case (case correction by {TEST_ANALYST}, source {CITATION})" in entry.text
    assert entry.verification == "disputed in this case"
    with CaseFile.open(demo_case_path, read_only=True) as case_file, case_file.reading() as session:
        (correction,) = records.list_records(session, Kind.STATUS_CORRECTION)
        logged = [(e.action, e.actor) for e in audit.entries_for(session, correction.id)]
    assert logged == [("create", TEST_ANALYST)]
    assert correction["citation"] == CITATION and correction["recorded_by"] == TEST_ANALYST

    window.undo_stack.undo()
    panel.refresh()
    texts = [panel.model.row_at(r).text for r in range(panel.model.rowCount())]
    assert not any("case correction" in t for t in texts)
    window.undo_stack.redo()
    panel.refresh()
    assert any("case correction" in panel.model.row_at(r).text for r in range(panel.model.rowCount()))


def test_a_correction_without_a_source_keeps_the_dialog_open_with_the_reason(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state, _ = _hungary_case(demo_case_path)
    open_case(qtbot, window, demo_case_path)
    window.select_record(state)
    panel = window.ui.details.status_timeline
    seen = fill_new_record(monkeypatch, {"event_kind": "withdrawal_effective", "date": "2026-06-02"})
    assert panel.correct("add") is None
    assert "give its source" in seen[0].form._errors["source"].text()
    assert seen[0].form.editors["date"].value() == "2026-06-02"  # what was typed stays


def _show_precedents(window: MainWindow, qtbot: QtBot) -> None:
    dock = next(d for d in window.analysis.docks if d.objectName() == "precedents")
    dock.raise_()
    qtbot.waitUntil(lambda: window.analysis.precedents.isVisible())
    window.analysis.refresh_visible()


def test_the_precedents_panel_lists_filters_shows_and_adds_and_deletes_case_precedents(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, monkeypatch: pytest.MonkeyPatch, qtmodeltester: ModelTester
) -> None:
    state, visit = _hungary_case(demo_case_path)
    open_case(qtbot, window, demo_case_path)
    _show_precedents(window, qtbot)
    panel = window.analysis.precedents
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0)
    shipped = panel.model.rowCount()
    qtmodeltester.check(panel.model)
    qtmodeltester.check(panel.proxy)
    assert not panel.edit_button.isEnabled()
    type_text(panel.filter, "Mongolia")
    assert panel.proxy.rowCount() == 1 and panel.count.text() == f"1 of {shipped} precedents"
    shown: list[Precedent] = []
    monkeypatch.setattr(PrecedentDialogs, "show_details", classmethod(lambda cls, parent, p: shown.append(p)))
    panel.table.doubleClicked.emit(panel.proxy.index(0, 0))
    assert shown[0].host_state == "Mongolia" and "Pre-Trial Chamber II" in shown[0].describe()
    panel.filter.clear()

    with CaseFile.open(demo_case_path, read_only=True) as case_file, case_file.reading() as session:
        person = records.get(session, visit)["person"]
    values = {"chamber": "Test Chamber <b>&</b>", "person": person, "state": state, "visit_start": "2026-07-10",
              "outcome": "non_compliance_not_referred", "claim": "immunity", "citation": CITATION,
              "summary": "Hypothetical ruling «тест»"}  # fmt: skip
    fill_new_record(monkeypatch, values)
    panel.add_button.click()
    window.analysis.refresh_visible()
    qtbot.waitUntil(lambda: panel.model.rowCount() == shipped + 1)
    mine = next(r for r in range(panel.model.rowCount()) if panel.model.row_at(r).record_id)
    assert panel.model.data(panel.model.index(mine, 6)) == f"added to this case by {TEST_ANALYST}"
    assert panel.model.data(panel.model.index(mine, 4)) == "Immunity"
    panel.table.selectRow(panel.proxy.mapFromSource(panel.model.index(mine, 0)).row())
    assert panel.delete_button.isEnabled()
    panel.delete_button.click()
    window.analysis.refresh_visible()
    qtbot.waitUntil(lambda: panel.model.rowCount() == shipped)
    window.undo_stack.undo()
    window.analysis.refresh_visible()
    qtbot.waitUntil(lambda: panel.model.rowCount() == shipped + 1)
    assert panel.model.data(panel.model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
