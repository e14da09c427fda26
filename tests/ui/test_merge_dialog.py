"""File › Merge Case… in the real window: compare, settle conflicts side by side, refresh, report."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from casefile.domain.kinds import Kind
from casefile.domain.merge import Resolution
from casefile.jobs.merge import MergeReport
from casefile.services import attachments, records
from casefile.services.merge import MergePlan
from casefile.storage.casefile import CaseFile
from casefile.ui.dialogs.merge_dialog import ConflictDialog, MergeDialogs, report_text
from casefile.ui.main_window import MainWindow
from tests.ui.conftest import open_case


def edit_first_person(path: Path, notes: str) -> str:
    with CaseFile.open(path) as case_file, case_file.unit_of_work() as session:
        person = records.list_records(session, Kind.PERSON)[0].id
        records.update_fields(session, person, {"notes": notes})
        return person


@pytest.fixture
def diverged(demo_case_path: Path, tmp_path: Path) -> tuple[Path, Path, str, str]:
    """My demo case and a colleague's copy: one person edited in both, one person new in theirs."""
    theirs = tmp_path / "theirs.casefile"
    shutil.copyfile(demo_case_path, theirs)
    person = edit_first_person(demo_case_path, "my note")
    edit_first_person(theirs, "their note")
    with CaseFile.open(theirs) as case_file, case_file.unit_of_work() as session:
        added = records.create(session, Kind.PERSON, {"name": "Testperson Merged"}).id
    return demo_case_path, theirs, person, added


def test_merge_case_shows_both_versions_applies_the_choice_and_refreshes(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    diverged: tuple[Path, Path, str, str],
) -> None:
    mine, theirs, person, added = diverged
    open_case(qtbot, window, mine)
    assert window.actions.merge_case.isEnabled()
    persons_before = window.document.read(lambda s: len(records.list_records(s, Kind.PERSON)))
    shown: list[ConflictDialog] = []
    reports: list[MergeReport] = []

    def resolve(parent: MainWindow, plan: MergePlan, names: dict[str, str]) -> dict[str, Resolution]:
        dialog = ConflictDialog(plan, names, parent)
        shown.append(dialog)
        [panel] = dialog.panels
        assert panel.choice() == Resolution.MINE  # the default changes nothing
        panel.choose(Resolution.THEIRS)
        return dialog.choices()

    monkeypatch.setattr(MergeDialogs, "choose_other", classmethod(lambda cls, parent, folder: theirs))
    monkeypatch.setattr(MergeDialogs, "resolve", classmethod(lambda cls, *args: resolve(*args)))
    monkeypatch.setattr(MergeDialogs, "show_report", classmethod(lambda cls, parent, report: reports.append(report)))
    with qtbot.waitSignal(window.merging.merged, timeout=20_000):
        window.actions.merge_case.trigger()

    [dialog] = shown
    table = dialog.panels[0].table
    rows = {
        table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text()) for r in range(table.rowCount())
    }
    assert rows["Notes"] == ("my note", "their note")
    assert rows["Name"][0] == rows["Name"][1]
    assert table.item(list(rows).index("Notes"), 1).font().bold()
    assert not table.item(list(rows).index("Name"), 1).font().bold()

    [report] = reports
    assert report.counts[Kind.PERSON].added == 1 and report.counts[Kind.PERSON].conflicts == 1
    assert "1 added" in report_text(report) and report.backup is not None and report.backup.exists()
    now = window.document.read(lambda s: {r.id: r.values["notes"] for r in records.list_records(s, Kind.PERSON)})
    assert now[person] == "their note" and added in now
    assert len(now) == persons_before + 1
    assert window.ui.kinds_model._counts[Kind.PERSON] == persons_before + 1
    assert window.undo_stack.count() == 0


def test_cancelling_the_conflicts_merges_nothing(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    diverged: tuple[Path, Path, str, str],
) -> None:
    mine, theirs, person, _added = diverged
    open_case(qtbot, window, mine)
    asked: list[MergePlan] = []

    def decline(plan: MergePlan) -> None:
        asked.append(plan)

    monkeypatch.setattr(MergeDialogs, "choose_other", classmethod(lambda cls, parent, folder: theirs))
    monkeypatch.setattr(MergeDialogs, "resolve", classmethod(lambda cls, parent, plan, names: decline(plan)))
    before = mine.read_bytes()
    window.actions.merge_case.trigger()
    qtbot.waitUntil(lambda: bool(asked), timeout=20_000)
    qtbot.waitUntil(lambda: "cancelled" in window.statusBar().currentMessage(), timeout=5_000)
    assert [c.id for c in asked[0].conflicts] == [person]
    assert mine.read_bytes() == before
    assert not list(mine.parent.glob("*.premerge-*.bak"))


def test_a_hostile_copy_is_refused_with_a_message(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    diverged: tuple[Path, Path, str, str],
) -> None:
    mine, theirs, _person, _added = diverged
    with closing(sqlite3.connect(theirs)) as conn:
        conn.execute("CREATE TRIGGER sneaky AFTER INSERT ON quotes BEGIN DELETE FROM links; END")
        conn.commit()
    open_case(qtbot, window, mine)
    shown: list[BaseException] = []
    monkeypatch.setattr(window, "show_error", shown.append)
    monkeypatch.setattr(MergeDialogs, "choose_other", classmethod(lambda cls, parent, folder: theirs))
    before = mine.read_bytes()
    with qtbot.waitSignal(window.job_failed, timeout=20_000):
        window.actions.merge_case.trigger()
    [error] = shown
    assert "sneaky" in str(error) and "not changed" in str(error)
    assert mine.read_bytes() == before


def test_merging_a_copy_with_a_new_attachment_reports_it(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, demo_case_path: Path, tmp_path: Path
) -> None:
    theirs = tmp_path / "theirs.casefile"
    shutil.copyfile(demo_case_path, theirs)
    with CaseFile.open(theirs) as case_file, case_file.unit_of_work() as session:
        source = records.list_records(session, Kind.SOURCE)[0].id
        attached = attachments.attach(session, source, "протокол.pdf", b"%PDF-1.4 a scan").id
    open_case(qtbot, window, demo_case_path)
    reports: list[MergeReport] = []
    monkeypatch.setattr(MergeDialogs, "choose_other", classmethod(lambda cls, parent, folder: theirs))
    monkeypatch.setattr(MergeDialogs, "show_report", classmethod(lambda cls, parent, report: reports.append(report)))
    with qtbot.waitSignal(window.merging.merged, timeout=20_000):
        window.actions.merge_case.trigger()
    [report] = reports
    text = report_text(report)
    assert "Attachments: 1 added, 0 already here, 0 in conflict (both kept)" in text
    assert "held nothing new" not in text
    assert window.document.read(lambda s: attachments.get(s, attached).file_name) == "протокол.pdf"
