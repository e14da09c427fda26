"""Builds the main window's panels: navigator and search on the left, the table, details and links."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casefile.domain.kinds import Kind, spec
from casefile.ui.models.kinds import KindListModel
from casefile.ui.models.record_table import RecordTableModel, RowLoader
from casefile.ui.models.search_results import SearchResultsModel
from casefile.ui.widgets.detail_panel import DetailPanel
from casefile.ui.widgets.links_panel import LinksPanel
from casefile.ui.widgets.search_hits import SearchBoxKeys, SearchHitsView


def _dock(window: QMainWindow, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)  # saveState() needs names to restore the layout
    dock.setWidget(widget)
    dock.setAccessibleName(title)
    window.addDockWidget(area, dock)
    return dock


class WindowLayout:
    def __init__(self, window: QMainWindow, loader: RowLoader) -> None:
        self.window = window
        self.kinds_model = KindListModel(window)
        self.table_model = RecordTableModel(loader, window)
        self.search_model = SearchResultsModel(window)
        self._build_navigator()
        self._build_table()
        self.details = DetailPanel(window)
        self.links = LinksPanel(window)
        self.docks = [
            _dock(window, "Navigator", "navigator", self.navigator, Qt.DockWidgetArea.LeftDockWidgetArea),
            _dock(window, "Details", "details", self.details, Qt.DockWidgetArea.RightDockWidgetArea),
            _dock(window, "Links", "links", self.links, Qt.DockWidgetArea.RightDockWidgetArea),
        ]
        self._place_corners()
        self.navigator.setMinimumWidth(160)
        self.details.setMinimumWidth(300)
        self.banner = QLabel(window)
        self.banner.setStyleSheet("background: #fff3cd; color: #5c4400; padding: 4px;")
        self.banner.hide()
        window.statusBar().addPermanentWidget(self.banner)

    def _place_corners(self) -> None:
        # The right-hand column (Details over Links) runs the full height of the window, and the analysis
        # panes sit under the navigator and the table: on a low screen the form keeps its height.
        self.window.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.window.setCorner(Qt.Corner.TopRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)

    def _build_navigator(self) -> None:
        self.navigator = QWidget(self.window)
        self.search_edit = QLineEdit(self.navigator)
        self.search_edit.setPlaceholderText("Search the whole case…")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName("Search the whole case")
        self.kinds_view = QListView(self.navigator)
        self.kinds_view.setModel(self.kinds_model)
        self.kinds_view.setAccessibleName("Kinds of record")
        self.kinds_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.search_view = SearchHitsView(self.search_model, self.navigator)
        self.search_view.setVisible(False)
        self.search_keys = SearchBoxKeys(self.search_edit, self.search_view)
        layout = QVBoxLayout(self.navigator)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.search_view, 2)
        layout.addWidget(self.kinds_view, 1)

    def _build_table(self) -> None:
        central = QWidget(self.window)
        self.filter_edit = QLineEdit(central)
        self.filter_edit.setPlaceholderText("Filter this table…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter the table")
        self.count_label = QLabel(central)
        self.count_label.setAccessibleName("Number of records shown")
        self.table = QTableView(central)
        self.table.setModel(self.table_model)
        self.table.setAccessibleName("Records")
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        layout = QVBoxLayout(central)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table)
        layout.addWidget(self.count_label)
        self.records = central  # the window's central area shows it, in turn with the start page

    def default_dock_sizes(self) -> None:
        """Details get most of the right-hand column; called once the window has its real size.

        The column runs the window's full height (see `_place_corners`), so on a 1024×600 screen the
        Details form still shows five fields or more, and scrolls for the rest.
        """
        navigator, details, links = self.docks[:3]
        width, height = self.window.width(), self.window.height()
        self.window.resizeDocks([details, links], [int(height * 0.64), int(height * 0.36)], Qt.Orientation.Vertical)
        side = max(360, min(520, int(width * 0.32)))
        self.window.resizeDocks([navigator, details], [min(250, int(width * 0.17)), side], Qt.Orientation.Horizontal)
        bottom = [d for d in self.docks[3:] if self.window.dockWidgetArea(d) == Qt.DockWidgetArea.BottomDockWidgetArea]
        if bottom:
            self.window.resizeDocks(bottom[:1], [int(height * 0.36)], Qt.Orientation.Vertical)

    def add_view_toggles(self, menu: QMenu) -> None:
        for dock in self.docks:
            menu.addAction(dock.toggleViewAction())

    def show_kind(self, kind: Kind, headers: tuple[str, ...]) -> None:
        self.filter_edit.blockSignals(True)
        self.filter_edit.clear()
        self.filter_edit.blockSignals(False)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table_model.show_kind(kind, headers)
        for column in range(len(headers) - 1):
            self.table.setColumnWidth(column, 220 if column == 0 else 150)
        self.update_count_label()

    def update_count_label(self) -> None:
        kind = self.table_model.kind
        total, everything = self.table_model.total, self.table_model.unfiltered
        if kind is None:
            noun = "record" if everything == 1 else "records"
        else:
            noun = spec(kind).label.lower() if everything == 1 else spec(kind).plural.lower()
        # Filtered, the counter says how many of how many: "5 of 10 sources".
        shown = f"{total:,} of {everything:,}" if total != everything else f"{total:,}"
        self.count_label.setText(f"{shown} {noun}")

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def set_read_only_banner(self, read_only: bool) -> None:
        self.banner.setText("Read-only: this case file cannot be changed here.")
        self.banner.setVisible(read_only)
