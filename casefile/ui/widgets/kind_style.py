"""How each kind of record looks in the charts: a colour and a shape, so kinds read at a glance."""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QPointF, QRectF, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView, QWidget

from casefile.domain.kinds import Kind, spec


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


def shape(kind: Kind, rect: QRectF) -> QPainterPath:
    """Persons are ellipses, states rectangles, warrants diamonds, visits hexagons, sources slanted."""
    path = QPainterPath()
    if kind == Kind.PERSON:
        path.addEllipse(rect)
    elif kind == Kind.ORGANISATION:
        path.addRoundedRect(rect, 10, 10)
    elif kind == Kind.WARRANT:
        return _polygon(rect, [(0.5, 0), (1, 0.5), (0.5, 1), (0, 0.5)])
    elif kind == Kind.VISIT:
        return _polygon(rect, [(0.12, 0), (0.88, 0), (1, 0.5), (0.88, 1), (0.12, 1), (0, 0.5)])
    elif kind == Kind.SOURCE:
        return _polygon(rect, [(0.08, 0), (1, 0), (0.92, 1), (0, 1)])
    elif kind == Kind.QUOTE:
        path.addRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    else:
        path.addRect(rect)
    return path


def marker(kind: Kind, centre: QPointF, size: float) -> QPainterPath:
    """A small timeline marker of the kind's shape."""
    rect = QRectF(centre.x() - size / 2, centre.y() - size / 2, size, size)
    if kind == Kind.QUOTE:
        path = QPainterPath()
        path.addEllipse(rect)
        return path
    if kind == Kind.WARRANT:
        return _polygon(rect, [(0.5, 0), (1, 0.5), (0.5, 1), (0, 0.5)])
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
