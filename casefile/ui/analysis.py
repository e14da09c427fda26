"""The analysis panels (Findings, Timeline, Link Chart): kept fresh, but only redrawn while visible."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow, QWidget

from casefile.services import audit, chronology, findings, graph, labels
from casefile.services.precedents import case_and_bundled_precedents
from casefile.ui.document import CaseDocument
from casefile.ui.widgets.audit_panel import UUID_TEXT, AuditPanel
from casefile.ui.widgets.findings_panel import FindingsPanel
from casefile.ui.widgets.link_chart import LinkChartPanel
from casefile.ui.widgets.precedents_panel import PrecedentsPanel
from casefile.ui.widgets.timeline import TimelinePanel


class ChartFiles:
    @classmethod
    def save_chart(cls, parent: QWidget | None, suggested: str, suffix: str) -> Path | None:
        filters = {"svg": "SVG images (*.svg)", "png": "PNG images (*.png)"}
        name, _ = QFileDialog.getSaveFileName(parent, "Export the link chart", suggested, filters[suffix])
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == f".{suffix}" else path.with_name(path.name + f".{suffix}")


class AnalysisPanels(QObject):
    open_record = Signal(str)
    failed = Signal(object)

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.findings = FindingsPanel(window)
        self.timeline = TimelinePanel(window)
        self.chart = LinkChartPanel(window)
        self.audit = AuditPanel(window)
        self.precedents = PrecedentsPanel(window)
        self.docks = [self._dock("Findings", "findings", self.findings),
                      self._dock("Precedents", "precedents", self.precedents),
                      self._dock("Timeline", "timeline", self.timeline),
                      self._dock("Link Chart", "link_chart", self.chart),
                      self._dock("Audit Trail", "audit_trail", self.audit)]  # fmt: skip
        for left, right in zip(self.docks, self.docks[1:], strict=False):
            window.tabifyDockWidget(left, right)
        self.docks[0].raise_()
        self.document: CaseDocument | None = None
        self.selected: str | None = None
        self._dirty = {"findings", "precedents", "timeline", "chart", "audit"}
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.refresh_visible)
        for panel in (self.findings, self.precedents, self.timeline, self.chart, self.audit):
            getattr(panel, "open_record", getattr(panel, "record_clicked", None)).connect(self.open_record)
        self.findings.refresh_requested.connect(self.case_changed)
        self.timeline.filters_changed.connect(self._timeline_filters_changed)
        self.chart.depth_changed.connect(self._chart_depth_changed)
        self.chart.export_requested.connect(self.export_chart)

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setAccessibleName(title)
        dock.visibilityChanged.connect(self._schedule)
        self.window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        return dock

    def set_document(self, document: CaseDocument | None) -> None:
        self.document = document
        self.selected = None
        self.case_changed()

    def case_changed(self, *_: object) -> None:
        self._dirty = {"findings", "precedents", "timeline", "chart", "audit"}
        self._timer.start()

    def select(self, record_id: str | None) -> None:
        if record_id != self.selected:
            self.selected = record_id
            self._dirty |= {"chart", "audit"}
            self._timer.start()

    def _schedule(self, *_: object) -> None:
        self._timer.start()

    def _timeline_filters_changed(self) -> None:
        self._dirty.add("timeline")
        self.refresh_visible()

    def _chart_depth_changed(self, _depth: int) -> None:
        self._dirty.add("chart")
        self.refresh_visible()

    def refresh_visible(self) -> None:
        """Redraw what is dirty and on screen; hidden panels wait until they are shown."""
        for name, panel, redraw in (("findings", self.findings, self._redraw_findings),
                                    ("precedents", self.precedents, self._redraw_precedents),
                                    ("timeline", self.timeline, self._redraw_timeline),
                                    ("chart", self.chart, self._redraw_chart),
                                    ("audit", self.audit, self._redraw_audit)):  # fmt: skip
            if name in self._dirty and panel.isVisible():
                self._dirty.discard(name)
                try:
                    redraw()
                except Exception as exc:  # an analysis failure must not take the window down
                    self.failed.emit(exc)

    def _redraw_findings(self) -> None:
        if self.document is None:
            self.findings.set_findings([])
            return
        found = self.document.read(findings.findings_for_case)
        self.findings.set_findings(found, self.document.read(findings.case_articles))

    def _redraw_precedents(self) -> None:
        found = () if self.document is None else self.document.read(case_and_bundled_precedents)
        self.precedents.set_precedents(found, editable=self.document is not None and self.document.editable)

    def _redraw_timeline(self) -> None:
        if self.document is None:
            self.timeline.set_entries([], {})
            return
        entries = self.document.read(chronology.chronology)
        people = {p for e in entries for p in e.persons}
        names = self.document.read(lambda s: {k: v.text for k, v in labels.labels(s, people).items()})
        self.timeline.set_entries(entries, names)

    def _redraw_chart(self) -> None:
        if self.document is None or self.selected is None:
            self.chart.show_graph(None)
            return
        selected, depth = self.selected, self.chart.depth.value()
        self.chart.show_graph(self.document.read(lambda s: graph.neighbourhood(s, selected, depth)))

    def _redraw_audit(self) -> None:
        if self.document is None:
            self.audit.set_entries([])
            self.audit.set_chain_status(None)
            return
        selected = self.selected
        if selected is None:
            found = self.document.read(audit.entries)
        else:
            found = self.document.read(lambda s: audit.entries_for(s, selected))
        ids = {e.record_id for e in found if e.record_id} | ({selected} if selected else set())
        ids |= {m.group(0) for e in found for m in UUID_TEXT.finditer(e.detail)}
        names = self.document.read(lambda s: {k: v.text for k, v in labels.labels(s, ids).items()})
        self.audit.set_entries(found, record_label=names.get(selected) if selected else None, labels=names)
        self.audit.set_chain_status(self.document.read(audit.verify_chain))

    def export_chart(self, suffix: str) -> None:
        if not self.chart.view.scene().items():
            return
        path = ChartFiles.save_chart(self.window, f"link-chart.{suffix}", suffix)
        if path is None:
            return
        try:
            if suffix == "svg":
                self.chart.view.export_svg(path)
            else:
                self.chart.view.export_png(path)
        except OSError as exc:
            self.failed.emit(exc)
