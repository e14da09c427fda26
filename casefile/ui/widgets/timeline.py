"""The Timeline panel: warrants, visits and quotes on a zoomable time axis, one lane per person."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPen, QWheelEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsSimpleTextItem,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casefile.domain.kinds import Kind, spec
from casefile.services.chronology import ChronologyEntry
from casefile.ui.widgets.kind_style import RECORD_ID, RecordSceneView, colour, marker

LANE_HEIGHT = 74.0  # the least a lane takes; it grows by a row for each label that would overlap another
LABEL_ROW = 16.0
LABEL_TOP = 25.0  # from a lane's top to its first row of labels, under the markers
LABEL_GAP = 8.0
LABEL_CHARS = 44
AXIS_HEIGHT = 34.0
LABEL_WIDTH = 170.0
SHOWN_KINDS = (Kind.WARRANT, Kind.VISIT, Kind.QUOTE)
OTHER_LANE = "Other records"


@dataclass(frozen=True)
class Lane:
    key: str
    title: str


def lanes_for(entries: Iterable[ChronologyEntry], names: dict[str, str]) -> list[Lane]:
    """One lane per person the entries concern, in order of first appearance, then one for the rest."""
    seen: dict[str, Lane] = {}
    needs_other = False
    for entry in entries:
        if not entry.persons:
            needs_other = True
        for person in entry.persons[:1]:
            seen.setdefault(person, Lane(person, names.get(person, "Unknown person")))
    lanes = list(seen.values())
    return [*lanes, Lane(OTHER_LANE, OTHER_LANE)] if needs_other else lanes


class TimelineView(RecordSceneView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Timeline", parent)
        self.pixels_per_day = 1.5
        self._entries: list[ChronologyEntry] = []
        self._names: dict[str, str] = {}
        self.markers: dict[str, QGraphicsItem] = {}
        self.labels: list[QGraphicsSimpleTextItem] = []

    def set_entries(self, entries: list[ChronologyEntry], names: dict[str, str]) -> None:
        self._entries, self._names = entries, names
        self.fit_width()

    def fit_width(self) -> None:
        """Zoom so the whole span of the case fits the panel's width."""
        if self._entries:
            first = min(e.when.first_day() for e in self._entries)
            last = max((e.until or e.when).last_day() for e in self._entries)
            # The viewport may not have its final size yet when a hidden panel is first shown.
            room = max(700.0, self.viewport().width() - LABEL_WIDTH - 260)
            self.pixels_per_day = min(40.0, max(0.05, room / max(1, (last - first).days)))
        self.redraw()

    def zoom(self, factor: float) -> None:
        self.pixels_per_day = min(40.0, max(0.05, self.pixels_per_day * factor))
        self.redraw()

    def redraw(self) -> None:
        scene = self.scene()
        scene.clear()
        self.markers.clear()
        self.labels.clear()
        if not self._entries:
            return
        first = min(e.when.first_day() for e in self._entries)
        last = max((e.until or e.when).last_day() for e in self._entries)
        lanes = lanes_for(self._entries, self._names)
        row_of = {lane.key: i for i, lane in enumerate(lanes)}
        lane_of = [
            row_of[e.persons[0]] if e.persons and e.persons[0] in row_of else row_of.get(OTHER_LANE, 0)
            for e in self._entries
        ]
        rows, counts = self._label_rows(first, lane_of, len(lanes))
        tops = [AXIS_HEIGHT]
        for count in counts:
            tops.append(tops[-1] + max(LANE_HEIGHT, LABEL_TOP + count * LABEL_ROW + 8))
        self._draw_lanes(lanes, first, last, tops)
        self._draw_axis(first, last)
        for entry, lane, row in zip(self._entries, lane_of, rows, strict=True):
            self._draw_entry(entry, first, tops[lane], row)
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-10, -10, 40, 10))

    def _label_rows(self, first: date, lane_of: list[int], lanes: int) -> tuple[list[int], list[int]]:
        """Each label's row under its lane, the first where it clears the labels before it, and the rows
        each lane needs: labels never overlap, however many events fall close together."""
        metrics = QFontMetricsF(self.font())
        ends: list[list[float]] = [[] for _ in range(lanes)]
        rows: list[int] = []
        order = sorted(range(len(self._entries)), key=lambda i: self._entries[i].when.first_day())
        placed: dict[int, int] = {}
        for i in order:
            entry, lane = self._entries[i], lane_of[i]
            start = self._x(entry.when.first_day(), first) - 4
            width = metrics.horizontalAdvance(_short(entry.title)) + LABEL_GAP
            row = next((r for r, end in enumerate(ends[lane]) if end <= start), len(ends[lane]))
            if row == len(ends[lane]):
                ends[lane].append(0.0)
            ends[lane][row] = start + width
            placed[i] = row
        rows = [placed[i] for i in range(len(self._entries))]
        return rows, [max(1, len(lane_ends)) for lane_ends in ends]

    def _x(self, day: date, first: date) -> float:
        return LABEL_WIDTH + (day - first).days * self.pixels_per_day

    def _draw_lanes(self, lanes: list[Lane], first: date, last: date, tops: list[float]) -> None:
        width = self._x(last, first) + 60
        metrics = QFontMetricsF(self.font())
        for i, lane in enumerate(lanes):
            shade = QColor("#f4f6f8") if i % 2 == 0 else QColor("#ffffff")
            height = tops[i + 1] - tops[i]
            self.scene().addRect(QRectF(0, tops[i], width, height), QPen(Qt.PenStyle.NoPen), QBrush(shade))
            # A long name is cut to the name column, so it never runs under the first markers.
            shown = metrics.elidedText(lane.title, Qt.TextElideMode.ElideRight, LABEL_WIDTH - 16)
            title = self.scene().addSimpleText(shown)
            title.setToolTip(lane.title)
            title.setPos(6, tops[i] + 8)

    def _draw_axis(self, first: date, last: date) -> None:
        pen = QPen(QColor("#999999"))
        room = 80  # pixels a "Sep 2024" label needs
        every = 1 if self.pixels_per_day * 30 >= room else (3 if self.pixels_per_day * 91 >= room else 12)
        month = date(first.year, first.month, 1)
        while month <= last:
            if (month.month - 1) % every == 0:
                x = self._x(max(month, first), first)
                self.scene().addLine(x, AXIS_HEIGHT - 6, x, AXIS_HEIGHT, pen)
                text = str(month.year) if month.month == 1 or every == 12 else month.strftime("%b %Y")
                self.scene().addSimpleText(text).setPos(x + 2, 4)
            month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)

    def _draw_entry(self, entry: ChronologyEntry, first: date, top: float, row: int) -> None:
        middle = top + 16
        start = self._x(entry.when.first_day(), first)
        end = self._x((entry.until or entry.when).last_day(), first) + max(self.pixels_per_day, 2)
        fill = colour(entry.kind)
        if end - start > 10:
            # A span: a visit's days, or a date known only to the month or year (drawn paler).
            band = QColor(fill)
            band.setAlpha(90 if entry.until is None else 170)
            self.scene().addRect(QRectF(start, middle - 5, end - start, 10), QPen(Qt.PenStyle.NoPen), QBrush(band))
        item = QGraphicsPathItem(marker(entry.kind, QPointF(start, middle), 14))
        item.setBrush(QBrush(fill))
        item.setPen(QPen(fill.darker(130)))
        item.setData(RECORD_ID, entry.record_id)
        item.setToolTip(f"{entry.date_text()} — {spec(entry.kind).label}: {entry.title}")
        item.setCursor(Qt.CursorShape.PointingHandCursor)
        item.setZValue(2)
        self.scene().addItem(item)
        label = QGraphicsSimpleTextItem(_short(entry.title), item)
        label.setFont(self.font())
        label.setPos(start - 4, top + LABEL_TOP + row * LABEL_ROW)  # the marker's item is at the scene's origin
        self.labels.append(label)
        self.markers[f"{entry.record_id}:{entry.event}"] = item

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.25 if event.angleDelta().y() > 0 else 0.8)
            return
        super().wheelEvent(event)


def _short(title: str) -> str:
    return title if len(title) <= LABEL_CHARS else title[: LABEL_CHARS - 1] + "…"


class TimelinePanel(QWidget):
    record_clicked = Signal(str)
    filters_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Timeline panel")
        self.view = TimelineView(self)
        self.view.record_clicked.connect(self.record_clicked)
        self.boxes: dict[Kind, QCheckBox] = {}
        bar = QHBoxLayout()
        for kind in SHOWN_KINDS:
            box = QCheckBox(spec(kind).plural, self)
            box.setChecked(True)
            box.toggled.connect(self.filters_changed)
            self.boxes[kind] = box
            bar.addWidget(box)
        bar.addStretch()
        for text, factor, name in (("−", 0.66, "Zoom out"), ("+", 1.5, "Zoom in")):
            button = QPushButton(text, self)
            button.setAccessibleName(name)
            button.setToolTip(f"{name} (Ctrl+wheel)")
            button.setProperty("zoom", factor)
            button.clicked.connect(self._zoom)
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view)

    def shown_kinds(self) -> set[Kind]:
        return {kind for kind, box in self.boxes.items() if box.isChecked()}

    def set_entries(self, entries: list[ChronologyEntry], names: dict[str, str]) -> None:
        kinds = self.shown_kinds()
        self.view.set_entries([e for e in entries if e.kind in kinds], names)

    def _zoom(self) -> None:
        self.view.zoom(float(self.sender().property("zoom")))
