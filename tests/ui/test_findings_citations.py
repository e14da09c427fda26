"""The Findings panel opens what each step cites: a double-click or Enter on a step or on what it cites."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from casefile.domain.kinds import Kind
from casefile.services import records
from casefile.storage.casefile import CaseFile
from casefile.ui.main_window import MainWindow
from casefile.ui.widgets.findings_panel import FindingsPanel
from tests.ui.conftest import open_case


def _shown(qtbot: QtBot, window: MainWindow, rows: int) -> FindingsPanel:
    window.analysis.docks[0].raise_()
    qtbot.waitUntil(lambda: window.analysis.findings.isVisible())
    window.analysis.refresh_visible()
    panel = window.analysis.findings
    qtbot.waitUntil(lambda: panel.model.rowCount() == rows)
    return panel


def _children(panel: FindingsPanel, parent: QModelIndex) -> list[QModelIndex]:
    return [panel.model.index(r, 0, parent) for r in range(panel.model.rowCount(parent))]


def _find(panel: FindingsPanel, parent: QModelIndex, starts: str) -> QModelIndex:
    return next(i for i in _children(panel, parent) if str(i.data()).startswith(starts))


def _double_click(qtbot: QtBot, panel: FindingsPanel, index: QModelIndex) -> None:
    panel.tree.scrollTo(index)
    rect = panel.tree.visualRect(index)
    assert rect.isValid() and panel.tree.viewport().rect().contains(rect.center())
    # As a person double-clicks: a press and release, then the second press that Qt reports as a double-click.
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _enter(qtbot: QtBot, panel: FindingsPanel, index: QModelIndex) -> None:
    panel.tree.setFocus()
    panel.tree.setCurrentIndex(index)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)


def test_steps_open_the_record_the_article_the_register_row_and_the_precedent(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, qtmodeltester: ModelTester
) -> None:
    open_case(qtbot, window, demo_case_path)
    panel = _shown(qtbot, window, 2)
    qtmodeltester.check(panel.model)
    duty, breach = panel.model.index(0, 0), panel.model.index(1, 0)

    # The step on Art. 87(7) opens the case's own article in the Details.
    _enter(qtbot, panel, _find(panel, breach, "3. Art. 87(7) has these elements"))
    qtbot.waitUntil(lambda: window.ui.details.record is not None and window.ui.details.record.kind == Kind.ARTICLE)
    assert window.ui.details.record is not None and window.ui.details.record["number"] == "87(7)"

    # The state's step opens Mongolia; its register row opens with its citation and verification.
    bound = ". Mongolia was bound by the Rome Statute on"
    state_step = next(i for i in _children(panel, duty) if bound in str(i.data()))
    _double_click(qtbot, panel, state_step)
    qtbot.waitUntil(lambda: window.ui.details.record is not None and window.ui.details.record.kind == Kind.STATE)
    register = _find(panel, state_step, "cites: ICC States Parties register: Mongolia (MN)")
    _double_click(qtbot, panel, register)
    assert panel.cited is not None and panel.cited.isVisible()
    text = panel.cited.body.toPlainText()
    assert "Citation: " in text and "Verification: " in text

    # The Court's own decision on the visit opens its summary and every source.
    ruling_step = next(i for i in _children(panel, breach) if "Confirmed by the Court's decision" in str(i.data()))
    _enter(qtbot, panel, ruling_step)
    text = panel.cited.body.toPlainText()
    assert "Pre-Trial Chamber II found that Mongolia failed to comply" in text
    assert "Court: Pre-Trial Chamber II" in text and "Decision date: 2024-10-24" in text
    assert "Sources:" in text and "https://" in text and "Verification: " in text
    # A comparable precedent, listed under its step, opens the same way.
    listing = next(i for i in _children(panel, breach) if "Comparable decisions" in str(i.data()))
    jordan = _find(panel, listing, "cites: ICC precedent: Appeals Chamber, 6 May 2019")
    _double_click(qtbot, panel, jordan)
    assert "Reference: ICC-02/05-01/09-397" in panel.cited.body.toPlainText()
    assert panel.cited.body.isReadOnly()


def test_an_article_the_case_does_not_record_opens_its_words_and_events_open_with_their_doubt(
    qtbot: QtBot, window: MainWindow, empty_case_path: Path, qtmodeltester: ModelTester
) -> None:
    with CaseFile.open(empty_case_path) as case_file, case_file.unit_of_work() as session:
        person = records.create(session, Kind.PERSON, {"name": "Benjamin Netanyahu"}).id
        chamber = records.create(session, Kind.ORGANISATION, {"name": "ICC Pre-Trial Chamber I"}).id
        records.create(session, Kind.WARRANT, {"issuer": chamber, "subject": person, "issued": "2024-11-21"})
        state = records.create(session, Kind.STATE, {"name": "Hungary", "iso2": "HU"}).id
        visit = {"person": person, "state": state, "start": "2026-07-10", "outcome": "not_arrested"}
        records.create(session, Kind.VISIT, visit)
    open_case(qtbot, window, empty_case_path)
    panel = _shown(qtbot, window, 2)
    qtmodeltester.check(panel.model)
    duty, breach = panel.model.index(0, 0), panel.model.index(1, 0)
    assert str(duty.data()).startswith("? Arrest and surrender duty")

    # The warrant's step cites Art. 58(4); the case records no articles, so its words open in a window.
    warrant_step = next(i for i in _children(panel, duty) if "warrant" in str(i.data()).lower() and "58(4)" in
                        " ".join(str(c.data()) for c in _children(panel, i)))  # fmt: skip
    _double_click(qtbot, panel, _find(panel, warrant_step, "cites: Art. 58(4)"))
    assert panel.cited is not None
    assert panel.cited.windowTitle() == "Rome Statute, Art. 58(4)"
    assert "4. The warrant of arrest shall remain in effect until otherwise ordered by the Court." in (
        panel.cited.body.toPlainText()
    )
    # The undetermined state step shows Hungary's events under it; the unverified revocation says so.
    state_step = next(i for i in _children(panel, duty) if "cannot be told whether Hungary" in str(i.data()))
    cited = [str(c.data()) for c in _children(panel, state_step)]
    assert any("withdrawal revoked before taking effect (undated); UNVERIFIED" in c for c in cited)
    revoked = _find(panel, state_step, "cites: ICC party status event: Hungary: withdrawal revoked")
    _enter(qtbot, panel, revoked)
    text = panel.cited.body.toPlainText()
    assert "Verification: unverified" in text and "Sources:" in text
    # Art. 87(7)'s elements step opens the paragraph's words, with the element that the Court be prevented.
    _enter(qtbot, panel, _find(panel, breach, "3. Art. 87(7) has these elements"))
    assert panel.cited.windowTitle() == "Rome Statute, Art. 87(7)"
    assert "thereby preventing the Court from exercising its functions and powers" in panel.cited.body.toPlainText()
