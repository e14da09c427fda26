"""The Findings, Timeline and Link Chart panels on the demo case, driven through the real window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from casefile.domain.kinds import Kind
from casefile.ui.analysis import ChartFiles
from casefile.ui.main_window import MainWindow
from casefile.ui.models.roles import IdRole
from tests.ui.conftest import open_case


def _show(window: MainWindow, qtbot: QtBot, index: int) -> None:
    window.analysis.docks[index].raise_()
    qtbot.waitUntil(lambda: window.analysis.docks[index].widget().isVisible())
    window.analysis.refresh_visible()


def _select_visit(window: MainWindow) -> str:
    kinds = window.ui.kinds_model
    window.ui.kinds_view.setCurrentIndex(kinds.index(kinds.row_of(Kind.VISIT)))
    window.ui.table.selectRow(0)
    return window.selected_ids()[0]


def test_findings_panel_shows_the_mongolia_findings(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, qtmodeltester: ModelTester
) -> None:
    open_case(qtbot, window, demo_case_path)
    _show(window, qtbot, 0)
    panel = window.analysis.findings
    model = panel.model
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    qtmodeltester.check(model)
    headlines = [model.data(model.index(r, 0)) for r in range(2)]
    assert headlines[0].startswith("⚑ Arrest and surrender duty engaged (Arts 59(1), 86, 89(1))")
    assert "Art. 87(7)" in headlines[1]
    assert panel.summary.text().startswith("2 raised")
    first = model.index(0, 0)
    texts = [model.data(model.index(r, 0, first)) for r in range(model.rowCount(first))]
    assert any(t.startswith("Noted, does not clear it (Art. 27)") and "Art. 98" in t for t in texts)
    assert any(t.startswith("Confirmed by: Pre-Trial Chamber II finding") for t in texts)
    assert any(t.startswith("The Court's decision on this visit: Pre-Trial Chamber II, 24 October 2024") for t in texts)
    assert any(t.startswith("Comparable precedent: Appeals Chamber, 6 May 2019, ICC-02/05-01/09-397") for t in texts)
    breach = model.index(1, 0)
    steps = [model.index(r, 0, breach) for r in range(model.rowCount(breach))]
    cites = [model.index(r, 0, s) for s in steps for r in range(model.rowCount(s))]
    art_87_7 = next(c for c in cites if c.data() == "cites: Art. 87(7)")
    assert "thereby preventing the Court" in art_87_7.data(Qt.ItemDataRole.ToolTipRole)
    step = next(model.index(r, 0, first) for r in range(model.rowCount(first)) if model.index(r, 0, first).data(IdRole))
    with qtbot.waitSignal(panel.open_record) as blocker:
        panel._on_clicked(step)
    assert blocker.args[0] == step.data(IdRole)


def test_timeline_lanes_filters_and_click(qtbot: QtBot, window: MainWindow, demo_case_path: Path) -> None:
    open_case(qtbot, window, demo_case_path)
    _show(window, qtbot, 1)
    view = window.analysis.timeline.view
    qtbot.waitUntil(lambda: bool(view.markers))
    kinds = {key.split(":")[1] for key in view.markers}
    assert {"issued", "visit", "said"} <= kinds
    window.analysis.timeline.boxes[Kind.QUOTE].setChecked(False)
    assert not any(key.endswith(":said") for key in view.markers)
    marker = next(item for key, item in view.markers.items() if key.endswith(":visit"))
    point = view.mapFromScene(marker.sceneBoundingRect().center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.current_kind() == Kind.VISIT
    assert window.ui.details.record is not None and window.ui.details.record.kind == Kind.VISIT
    before = view.pixels_per_day
    view.zoom(2.0)
    assert view.pixels_per_day == pytest.approx(before * 2)


def test_link_chart_draws_the_neighbours_without_overlap(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_case(qtbot, window, demo_case_path)
    visit = _select_visit(window)
    _show(window, qtbot, 2)
    view = window.analysis.chart.view
    qtbot.waitUntil(lambda: visit in view.node_items)
    items = list(view.node_items.values())
    assert len(items) == 15
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            assert not a.sceneBoundingRect().intersects(b.sceneBoundingRect())
    window.analysis.chart.depth.setValue(2)
    qtbot.waitUntil(lambda: len(view.node_items) > 15)

    for suffix in ("svg", "png"):
        target = tmp_path / f"chart.{suffix}"
        monkeypatch.setattr(ChartFiles, "save_chart", classmethod(lambda cls, *a, t=target: t))
        window.analysis.export_chart(suffix)
        assert target.stat().st_size > 1000
    assert "<svg" in (tmp_path / "chart.svg").read_text(encoding="utf-8")

    putin = next(i for i in view.node_items.values() if i.toolTip() == "Person: Vladimir Putin")
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(putin.sceneBoundingRect().center())
    )
    assert window.current_kind() == Kind.PERSON
    assert window.ui.details.record is not None and window.ui.details.record["name"] == "Vladimir Putin"


def test_panels_follow_edits(qtbot: QtBot, window: MainWindow, demo_case_path: Path) -> None:
    open_case(qtbot, window, demo_case_path)
    _show(window, qtbot, 0)
    model = window.analysis.findings.model
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    visit = _select_visit(window)
    record = window.ui.details.record
    assert record is not None and record.id == visit
    assert window.editing is not None
    window.editing.edit_field(record, "outcome", "arrested")
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: model.rowCount() == 2)


def test_audit_trail_panel_follows_the_selected_record(qtbot: QtBot, window: MainWindow, demo_case_path: Path) -> None:
    open_case(qtbot, window, demo_case_path)
    visit = _select_visit(window)
    record = window.ui.details.record
    assert record is not None and record.id == visit and window.editing is not None
    window.editing.edit_field(record, "place", "Улаанбаатар <b>&</b>")
    _show(window, qtbot, 3)
    panel = window.analysis.audit
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0)
    actions = [panel.model.entry_at(r).action for r in range(panel.model.rowCount())]
    assert actions[0] == "edit" and "create" in actions
    assert panel.heading.text().startswith("History of Vladimir Putin in Mongolia")
    assert "verifies" in panel.status.text()


def test_timeline_labels_never_overlap_however_close_the_events(qtbot: QtBot) -> None:
    from casefile.domain.dates import PartialDate
    from casefile.services.chronology import ChronologyEntry
    from casefile.ui.widgets.timeline import TimelinePanel

    panel = TimelinePanel()
    qtbot.addWidget(panel)
    panel.resize(900, 400)
    panel.show()
    titles = ["Arrest warrant issued for Владимир Путин <b>&</b>", "זיהוי עד מוגן", "زيارة إلى منغوليا", "访问蒙古国"]
    entries = [  # twelve events for one person on two days, a month and a year known only, and a long name
        ChronologyEntry(PartialDate.parse(day), f"r{i}", kind, "said", f"{titles[i % 4]} {i}", persons=("p",))
        for i, (day, kind) in enumerate(
            [("2024-09-02", Kind.QUOTE)] * 6
            + [("2024-09-03", Kind.VISIT)] * 4
            + [("2024-09", Kind.WARRANT), ("2024", Kind.QUOTE)]
        )
    ] + [ChronologyEntry(PartialDate.parse("2023-03-17"), "w", Kind.WARRANT, "issued", "Warrant", persons=("q",))]
    panel.set_entries(entries, {"p": "Ukhnaagiin Khürelsükh, President of Mongolia", "q": "Мария Львова-Белова"})
    view = panel.view
    labels = [label.sceneBoundingRect() for label in view.labels]
    assert len(labels) == len(entries)
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            assert not a.intersects(b), (a, b)
    # Every label sits inside its own lane (the lane grew to hold them), under the markers.
    lanes = sorted((item.rect() for item in view.scene().items() if hasattr(item, "rect") and item.rect().x() == 0),
                   key=lambda r: r.y())  # fmt: skip
    for label in labels:
        assert any(lane.contains(label.center()) for lane in lanes)
    for marker in view.markers.values():
        assert not any(marker.sceneBoundingRect().intersects(label) for label in labels)
