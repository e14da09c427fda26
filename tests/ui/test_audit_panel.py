"""The audit trail panel: a read-only model that passes qtmodeltester, and clicks that name the record."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from casefile.domain.audit import AuditEntry, ChainBreak, next_entry
from casefile.services import audit
from casefile.storage.casefile import CaseFile
from casefile.ui.models.roles import IdRole
from casefile.ui.widgets.audit_panel import AuditLogModel, AuditPanel, Column

AT = datetime(2024, 9, 2, 10, 0, 5, tzinfo=UTC)


def _entries() -> list[AuditEntry]:
    first = next_entry(None, at=AT, action="create", actor="Аналитик", record_id="p1", kind="person",
                       detail={"values": {"name": "Ivan Fictional"}})  # fmt: skip
    edit = next_entry(first, at=AT, action="edit", actor="Аналитик", record_id="p1", kind="person",
                      detail={"changes": {"name": {"before": "Ivan Fictional", "after": "Иван <b>"}}})  # fmt: skip
    export = next_entry(edit, at=AT, action="export", detail={"format": "pdf", "file": "dossier.pdf"})
    return [first, edit, export]


def test_the_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    model = AuditLogModel()
    qtmodeltester.check(model)
    model.set_entries(_entries(), {"p1": "Ivan Fictional"})
    qtmodeltester.check(model)


def test_the_model_over_the_demo_case_log_passes_qtmodeltester(qtmodeltester: ModelTester, demo_case: CaseFile) -> None:
    with demo_case.reading() as session:
        entries = audit.entries(session)
    model = AuditLogModel()
    model.set_entries(entries)
    assert model.rowCount() == len(entries) > 90
    qtmodeltester.check(model)


def test_rows_show_newest_first_in_words_and_are_read_only() -> None:
    model = AuditLogModel()
    model.set_entries(_entries(), {"p1": "Ivan Fictional"})

    def cell(row: int, column: Column) -> object:
        return model.index(row, column).data()

    assert [cell(r, Column.ACTION) for r in range(3)] == ["Exported", "Edited", "Created"]
    assert cell(0, Column.RECORD) == "the whole case"
    assert cell(1, Column.RECORD) == "person: Ivan Fictional"
    assert cell(1, Column.WHAT) == "name: Ivan Fictional → Иван <b>"
    assert (cell(1, Column.WHO), cell(0, Column.WHO)) == ("Аналитик", "unknown analyst")
    assert model.index(1, Column.RECORD).data(IdRole) == "p1"
    assert not model.flags(model.index(1, Column.WHAT)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(1, Column.WHAT), "forged")


@pytest.fixture
def ulaanbaatar_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This computer's clock set to UTC+8 (a POSIX rule, so no time zone database is needed)."""
    monkeypatch.setenv("TZ", "ULAT-8")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_when_shows_the_local_date_and_time_and_the_tooltip_the_stored_utc(ulaanbaatar_time: None) -> None:
    model = AuditLogModel()
    model.set_entries(_entries())
    assert model.headerData(Column.WHEN, Qt.Orientation.Horizontal) == "When"
    assert model.index(1, Column.WHEN).data() == "2024-09-02 18:00:05"
    assert "recorded 2024-09-02 10:00:05 UTC" in model.index(1, Column.WHEN).data(Qt.ItemDataRole.ToolTipRole)


def test_the_when_column_is_wide_enough_for_date_and_time(qtbot: QtBot) -> None:
    panel = AuditPanel()
    qtbot.addWidget(panel)
    panel.resize(700, 300)
    panel.show()
    panel.set_entries(_entries(), labels={"p1": "Ivan Fictional"})
    qtbot.waitExposed(panel)
    text = panel.model.index(0, Column.WHEN).data()
    assert len(text) == len("2024-09-02 10:00:05")
    needed = panel.table.fontMetrics().horizontalAdvance(text)
    assert panel.table.columnWidth(Column.WHEN) > needed  # shown whole, not "2024-09-02 …"


def test_clicking_a_row_about_a_record_emits_its_id(qtbot: QtBot) -> None:
    panel = AuditPanel()
    qtbot.addWidget(panel)
    panel.set_entries(_entries(), record_label="Ivan Fictional", labels={"p1": "Ivan Fictional"})
    assert panel.heading.text() == "History of Ivan Fictional: 3 entries."

    with qtbot.waitSignal(panel.record_clicked, timeout=1000) as clicked:
        panel.table.clicked.emit(panel.model.index(1, Column.WHAT))
    assert clicked.args == ["p1"]

    with qtbot.assertNotEmitted(panel.record_clicked):
        panel.table.clicked.emit(panel.model.index(0, Column.WHAT))  # the export is about the whole case


def test_the_panel_says_whether_the_chain_verifies(qtbot: QtBot) -> None:
    panel = AuditPanel()
    qtbot.addWidget(panel)
    panel.set_entries([])
    assert panel.heading.text() == "History of the whole case: nothing recorded yet."
    panel.set_chain_status(None)
    assert "verifies" in panel.status.text()
    panel.set_chain_status(ChainBreak(3, "row 2 was removed before it."))
    assert panel.status.text().startswith("Warning: audit log row 3: row 2 was removed before it.")
