"""Small screens and the dock layout: what an analyst sees at 1024×600 and 1366×768, and View › Reset Layout."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDockWidget, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from casefile.domain.kinds import Kind
from casefile.ui.docking import LAYOUT_VERSION, STATE_KEY
from casefile.ui.main_window import MainWindow
from casefile.ui.settings import Settings
from tests.ui.conftest import open_case

Area = Qt.DockWidgetArea


def sized_window(qtbot: QtBot, settings: Settings, width: int, height: int) -> MainWindow:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    QTest.qWait(150)  # the default dock sizes are set just after the first layout pass
    return window


@pytest.fixture
def windows(qtbot: QtBot) -> Iterator[list[MainWindow]]:
    made: list[MainWindow] = []
    yield made
    for window in made:
        window.wait_for_workers()
        window.close_case()


def fully_shown(widget: QWidget, viewport: QWidget) -> bool:
    """Whether the whole widget is painted inside the scroll area's viewport (not cut by its edges)."""
    if not widget.isVisible() or widget.visibleRegion().boundingRect() != widget.rect():
        return False
    corner = widget.mapTo(viewport, widget.rect().topLeft())
    return viewport.rect().contains(QRect(corner, widget.size()))


def top_shown(widget: QWidget, viewport: QWidget, lines: int = 2) -> bool:
    top = QRect(widget.mapTo(viewport, widget.rect().topLeft()), widget.size())
    top.setHeight(min(widget.height(), lines * widget.fontMetrics().height() + 8))
    return viewport.rect().contains(top)


def details_scroll(window: MainWindow) -> QScrollArea:
    scroll = window.ui.details.findChild(QScrollArea)
    assert scroll is not None
    return scroll


def shown_fields(window: MainWindow, kind: Kind) -> list[str]:
    viewport = details_scroll(window).viewport()
    form = window.ui.details.form(kind)
    return [name for name, editor in form.editors.items() if fully_shown(editor.widget, viewport)]


def show_putin(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    open_case(qtbot, window, path)
    window.ui.kinds_view.setCurrentIndex(window.ui.kinds_model.index(window.ui.kinds_model.row_of(Kind.PERSON)))
    window.ui.table.selectRow(0)
    qtbot.waitUntil(lambda: window.ui.details.record is not None)
    QTest.qWait(50)


@pytest.mark.parametrize(("width", "height", "fields"), [(1024, 600, 5), (1366, 768, 7)])
def test_the_details_form_shows_enough_fields_and_scrolls_to_the_rest(
    qtbot: QtBot, settings: Settings, demo_case_path: Path, windows: list[MainWindow], width: int, height: int,
    fields: int,
) -> None:  # fmt: skip
    window = sized_window(qtbot, settings, width, height)
    windows.append(window)
    assert (window.width(), window.height()) == (width, height)
    show_putin(qtbot, window, demo_case_path)
    shown = shown_fields(window, Kind.PERSON)
    assert len(shown) >= fields, shown
    assert shown[0] == "name"
    # The rest is reached by scrolling, or by Tab, which brings the field it reaches into view.
    form = window.ui.details.form(Kind.PERSON)
    last = list(form.editors.values())[-1].widget
    assert details_scroll(window).verticalScrollBar().maximum() > 0
    assert not fully_shown(last, details_scroll(window).viewport())
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    form.editors["name"].widget.setFocus()
    for _ in range(len(form.editors)):
        if QApplication.focusWidget() is last:
            break
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is last
    # A multi-line field may be taller than the view: its first lines, where typing starts, are in it.
    assert top_shown(last, details_scroll(window).viewport())


@pytest.mark.parametrize(("width", "height"), [(1024, 600), (1366, 768)])
def test_nothing_important_is_cut_off(
    qtbot: QtBot, settings: Settings, demo_case_path: Path, windows: list[MainWindow], width: int, height: int
) -> None:
    window = sized_window(qtbot, settings, width, height)
    windows.append(window)
    show_putin(qtbot, window, demo_case_path)
    ui = window.ui
    # Every kind of record is listed without scrolling the navigator.
    kinds = ui.kinds_view
    assert kinds.verticalScrollBar().maximum() == 0
    assert kinds.visualRect(kinds.model().index(kinds.model().rowCount() - 1, 0)).bottom() < kinds.viewport().height()
    # The table shows several rows and the names in full; the counter under it is on screen.
    table = ui.table
    assert table.viewport().height() >= 4 * table.rowHeight(0)
    assert table.columnWidth(0) >= table.fontMetrics().horizontalAdvance("Ukhnaagiin Khürelsükh") + 8
    assert ui.count_label.visibleRegion().boundingRect() == ui.count_label.rect()
    # Links shows its groups and the records in them; each analysis pane has room for its content.
    links = ui.links.tree
    assert links.viewport().height() >= 5 * links.sizeHintForRow(0)
    assert ui.links.link_button.visibleRegion().boundingRect() == ui.links.link_button.rect()
    findings = window.analysis.findings
    assert findings.height() >= 150 and findings.refresh_button.visibleRegion().boundingRect() == (
        findings.refresh_button.rect()
    )
    # A finding's reasoning wraps within the pane instead of being cut off with "…".
    tree = findings.tree
    qtbot.waitUntil(lambda: tree.model().rowCount() > 0, timeout=5000)
    model, metrics = tree.model(), tree.fontMetrics()
    steps = [model.index(row, 0, model.index(0, 0)) for row in range(model.rowCount(model.index(0, 0)))]
    long_steps = [i for i in steps if metrics.horizontalAdvance(i.data()) > tree.viewport().width()]
    assert long_steps  # the demo's reasoning has sentences longer than the pane is wide
    for step in long_steps:
        assert tree.visualRect(step).height() >= 2 * metrics.lineSpacing(), step.data()
    assert tree.textElideMode() == Qt.TextElideMode.ElideNone
    # The right-hand column runs the full height: the analysis panes do not take the form's room.
    assert window.dockWidgetArea(window.analysis.docks[0]) == Area.BottomDockWidgetArea
    assert ui.docks[1].geometry().top() < window.analysis.docks[0].geometry().top()
    assert ui.docks[2].geometry().bottom() > window.analysis.docks[0].geometry().top()


def docks_by_name(window: MainWindow) -> dict[str, QDockWidget]:
    return {dock.objectName(): dock for dock in window.ui.docks}


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen platform, on floating Links
def test_reset_layout_puts_every_pane_back(
    qtbot: QtBot, settings: Settings, demo_case_path: Path, windows: list[MainWindow]
) -> None:
    window = sized_window(qtbot, settings, 1024, 600)
    windows.append(window)
    show_putin(qtbot, window, demo_case_path)
    docks = docks_by_name(window)
    # The analyst closes Details, floats Links, moves the navigator right and closes the analysis panes.
    docks["details"].close()
    docks["links"].setFloating(True)
    window.addDockWidget(Area.RightDockWidgetArea, docks["navigator"])
    for dock in window.analysis.docks:
        dock.close()
    QTest.qWait(50)
    assert shown_fields(window, Kind.PERSON) == []

    reset = next(a for a in window.actions.view_menu.actions() if a.text() == "&Reset Layout")
    reset.trigger()
    QTest.qWait(150)
    assert window.dockWidgetArea(docks["navigator"]) == Area.LeftDockWidgetArea
    assert window.dockWidgetArea(docks["details"]) == Area.RightDockWidgetArea
    assert window.dockWidgetArea(docks["links"]) == Area.RightDockWidgetArea
    for name in ("navigator", "details", "links", "findings"):
        assert docks[name].isVisible() and not docks[name].isFloating(), name
    for dock in window.analysis.docks:
        assert window.dockWidgetArea(dock) == Area.BottomDockWidgetArea and dock.toggleViewAction().isChecked()
    assert window.tabifiedDockWidgets(docks["findings"]) == window.analysis.docks[1:]
    assert len(shown_fields(window, Kind.PERSON)) >= 5


def test_a_saved_layout_comes_back_but_one_from_another_version_is_ignored(
    qtbot: QtBot, settings: Settings, demo_case_path: Path, windows: list[MainWindow]
) -> None:
    first = sized_window(qtbot, settings, 1366, 768)
    windows.append(first)
    open_case(qtbot, first, demo_case_path)
    docks_by_name(first)["links"].close()
    first.close()
    second = sized_window(qtbot, settings, 1366, 768)
    windows.append(second)
    # With no case open the start page has set every pane aside; they come back as the analyst left them.
    assert not any(dock.isVisible() for dock in second.ui.docks)
    open_case(qtbot, second, demo_case_path)
    assert not docks_by_name(second)["links"].isVisible()  # the analyst's choice is kept
    assert docks_by_name(second)["details"].isVisible()

    # A layout saved by an older Casefile (no version, or another one) with every pane hidden is not applied.
    for dock in second.ui.docks:
        dock.close()
    hidden = second.saveState
    second.close_case()
    for version in (0, LAYOUT_VERSION + 1):
        settings.set_bytes(STATE_KEY, hidden(version))
        third = sized_window(qtbot, settings, 1366, 768)
        windows.append(third)
        open_case(qtbot, third, demo_case_path)
        for name, dock in docks_by_name(third).items():
            assert dock.isVisible(), (version, name)
        third.close_case()
