"""How each kind of record looks in the charts: a colour and a shape, so kinds read at a glance."""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QPointF, QRectF, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView, QWidget

from casefile.domain.kinds import Kind, Shape, spec


def colour(kind: Kind) -> QColor:
    """The kind's colour, as its spec gives it (domain/kinds.py, `look`)."""
    return QColor(spec(kind).look.colour)


def _polygon(rect: QRectF, points: list[tuple[float, float]]) -> QPainterPath:
    path = QPainterPath()
    path.addPolygon(
        QPolygonF([QPointF(rect.left() + x * rect.width(), rect.top() + y * rect.height()) for x, y in points])
    )
    path.closeSubpath()
    return path


_DIAMOND = [(0.5, 0), (1, 0.5), (0.5, 1), (0, 0.5)]
_POLYGONS = {
    Shape.DIAMOND: _DIAMOND,
    Shape.HEXAGON: [(0.12, 0), (0.88, 0), (1, 0.5), (0.88, 1), (0.12, 1), (0, 0.5)],
    Shape.SLANTED: [(0.08, 0), (1, 0), (0.92, 1), (0, 1)],
}


def shape(kind: Kind, rect: QRectF) -> QPainterPath:
    """The kind's outline, as its spec names it: persons ellipses, warrants diamonds, sources slanted."""
    outline = spec(kind).look.shape
    if outline in _POLYGONS:
        return _polygon(rect, _POLYGONS[outline])
    path = QPainterPath()
    if outline == Shape.ELLIPSE:
        path.addEllipse(rect)
    elif outline == Shape.ROUNDED:
        path.addRoundedRect(rect, 10, 10)
    elif outline == Shape.PILL:
        path.addRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    else:
        path.addRect(rect)
    return path


def marker(kind: Kind, centre: QPointF, size: float) -> QPainterPath:
    """A small timeline marker: a dot for a pill-shaped kind (quotes), a diamond for a diamond, else a hexagon."""
    rect = QRectF(centre.x() - size / 2, centre.y() - size / 2, size, size)
    outline = spec(kind).look.shape
    if outline == Shape.PILL:
        path = QPainterPath()
        path.addEllipse(rect)
        return path
    if outline == Shape.DIAMOND:
        return _polygon(rect, _DIAMOND)
    angle = [math.pi / 3 * i for i in range(6)]
    return _polygon(rect, [(0.5 + 0.5 * math.cos(a), 0.5 + 0.5 * math.sin(a)) for a in angle])


RECORD_ID = 0  # QGraphicsItem data key holding the record id an item stands for


def record_at(view: QGraphicsView, position: QPoint) -> str | None:
    """The record id of the item under a point, looking through labels to the item they belong to."""
    item: QGraphicsItem | None = view.itemAt(position)
    while item is not None and item.data(RECORD_ID) is None:
        item = item.parentItem()
    return None if item is None else str(item.data(RECORD_ID))


class RecordSceneView(QGraphicsView):
    """A drawing of records (timeline, link chart): pans by dragging, and a click names the record hit."""

    record_clicked = Signal(str)

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setAccessibleName(accessible_name)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        record_id = record_at(self, event.position().toPoint())
        if record_id is not None:
            self.record_clicked.emit(record_id)
        super().mousePressEvent(event)
