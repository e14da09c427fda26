"""The Link Chart panel: the selected record and its neighbours, laid out so no labels overlap."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPen, QWheelEvent
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QGraphicsPathItem,
    QGraphicsSimpleTextItem,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from casefile.domain.graph_layout import Box, Layout, layout
from casefile.domain.kinds import spec
from casefile.services.graph import GraphNode, Neighbourhood
from casefile.ui.widgets.kind_style import RECORD_ID, RecordSceneView, colour, shape

MAX_LABEL = 200.0
PADDING = 10.0


def _elided(text: str, metrics: QFontMetricsF) -> str:
    return metrics.elidedText(" ".join(text.split()), Qt.TextElideMode.ElideRight, MAX_LABEL)


class LinkChartView(RecordSceneView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Link chart", parent)
        self.node_items: dict[str, QGraphicsPathItem] = {}
        self.label_items: list[QGraphicsSimpleTextItem] = []

    def show_graph(self, graph: Neighbourhood | None) -> None:
        self.scene().clear()
        self.node_items.clear()
        self.label_items.clear()
        if graph is None or not graph.nodes:
            return
        font = QFont(self.font())
        metrics = QFontMetricsF(font)
        texts = {n.id: _elided(n.label, metrics) for n in graph.nodes}
        boxes = [Box(n.id, metrics.horizontalAdvance(texts[n.id]) + 2 * PADDING + 12, metrics.height() * 2.2)
                 for n in graph.nodes]  # fmt: skip
        edges = [(e.source, e.target) for e in graph.edges]
        aspect = min(2.5, max(0.8, self.width() / max(1, self.height())))
        placed = layout(boxes, edges, aspect=aspect, gap=24.0)
        self._draw_edges(graph, placed, metrics)
        for node in sorted(graph.nodes, key=lambda n: n.id != graph.centre):  # the centre first, for fit()
            self._draw_node(node, texts[node.id], placed, node.id == graph.centre)
        self.scene().setSceneRect(self.scene().itemsBoundingRect().adjusted(-20, -20, 20, 20))
        self.fit()

    def fit(self) -> None:
        """Show the whole chart, but never so small that its labels cannot be read; pan for the rest."""
        self.resetTransform()
        rect = self.scene().sceneRect()
        if rect.isEmpty():
            return
        viewport = self.viewport().rect()
        scale = min(viewport.width() / rect.width(), viewport.height() / rect.height(), 1.0)
        scale = max(scale, 0.7)
        self.scale(scale, scale)
        centre = next(iter(self.node_items.values()), None)
        self.centerOn(centre.sceneBoundingRect().center() if centre is not None else rect.center())

    def _rect(self, placed: Layout, node_id: str) -> QRectF:
        p = placed.at(node_id)
        # The layout's y grows upwards; the scene's grows downwards.
        return QRectF(p.left, placed.height - p.y - p.height / 2, p.width, p.height)

    def _draw_node(self, node: GraphNode, text: str, placed: Layout, centre: bool) -> None:
        rect = self._rect(placed, node.id)
        item = QGraphicsPathItem(shape(node.kind, rect))
        fill = colour(node.kind)
        item.setBrush(QBrush(fill.lighter(175)))
        item.setPen(QPen(fill.darker(120), 3.0 if centre else 1.4))
        item.setData(RECORD_ID, node.id)
        item.setToolTip(f"{spec(node.kind).label}: {node.label}")
        item.setCursor(Qt.CursorShape.PointingHandCursor)
        item.setZValue(2)
        self.scene().addItem(item)
        label = QGraphicsSimpleTextItem(text, item)
        bounds = label.boundingRect()
        label.setPos(rect.center().x() - bounds.width() / 2, rect.center().y() - bounds.height() / 2)
        self.node_items[node.id] = item
        self.label_items.append(label)

    def _draw_edges(self, graph: Neighbourhood, placed: Layout, metrics: QFontMetricsF) -> None:
        pen = QPen(QColor("#777777"), 1.2)
        for edge in graph.edges:
            a, b = self._rect(placed, edge.source).center(), self._rect(placed, edge.target).center()
            self.scene().addLine(a.x(), a.y(), b.x(), b.y(), pen).setZValue(0)
            mid = QPointF((a.x() + b.x()) / 2, (a.y() + b.y()) / 2)
            text = QGraphicsSimpleTextItem(metrics.elidedText(edge.label, Qt.TextElideMode.ElideRight, 140))
            text.setBrush(QBrush(QColor("#444444")))
            bounds = text.boundingRect()
            left, top = mid.x() - bounds.width() / 2, mid.y() - bounds.height() / 2
            backdrop = self.scene().addRect(
                QRectF(left - 2, top, bounds.width() + 4, bounds.height()),
                QPen(Qt.PenStyle.NoPen),
                QBrush(QColor(255, 255, 255, 220)),
            )
            backdrop.setZValue(1)
            text.setParentItem(backdrop)
            text.setPos(mid.x() - bounds.width() / 2, mid.y() - bounds.height() / 2)

    def wheelEvent(self, event: QWheelEvent) -> None:
        factor = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
        self.scale(factor, factor)

    def export_svg(self, path: Path) -> None:
        rect = self.scene().sceneRect()
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(QSize(int(rect.width()), int(rect.height())))
        generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        generator.setTitle("Casefile link chart")
        painter = QPainter(generator)
        self.scene().render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
        painter.end()

    def export_png(self, path: Path, scale: float = 2.0) -> None:
        rect = self.scene().sceneRect()
        image = QImage(int(rect.width() * scale), int(rect.height() * scale), QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.scene().render(painter, QRectF(0, 0, image.width(), image.height()), rect)
        painter.end()
        if not image.save(str(path)):
            raise OSError(f"could not write {path}")


class LinkChartPanel(QWidget):
    record_clicked = Signal(str)
    depth_changed = Signal(int)
    export_requested = Signal(str)  # "svg" or "png"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Link chart panel")
        self.view = LinkChartView(self)
        self.view.record_clicked.connect(self.record_clicked)
        self.depth = QSpinBox(self)
        self.depth.setRange(1, 3)
        self.depth.setAccessibleName("Depth of the link chart")
        self.depth.valueChanged.connect(self.depth_changed)
        self.note = QLabel("Select a record to chart its links.", self)
        svg = QPushButton("Export SVG…", self)
        svg.setAccessibleName("Export the chart as SVG")
        svg.clicked.connect(self._export_svg)
        png = QPushButton("Export PNG…", self)
        png.setAccessibleName("Export the chart as PNG")
        png.clicked.connect(self._export_png)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Depth", self))
        bar.addWidget(self.depth)
        bar.addWidget(self.note, 1)
        bar.addWidget(svg)
        bar.addWidget(png)
        layout_ = QVBoxLayout(self)
        layout_.addLayout(bar)
        layout_.addWidget(self.view)

    def show_graph(self, graph: Neighbourhood | None) -> None:
        self.view.show_graph(graph)
        if graph is None:
            self.note.setText("Select a record to chart its links.")
        else:
            more = " (the nearest shown; the rest left out)" if graph.truncated else ""
            self.note.setText(f"{len(graph.nodes)} records, {len(graph.edges)} connections{more}")

    def _export_svg(self) -> None:
        self.export_requested.emit("svg")

    def _export_png(self) -> None:
        self.export_requested.emit("png")
