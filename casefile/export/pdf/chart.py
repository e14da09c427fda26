"""The link chart: records as labelled boxes, links as labelled lines, drawn with reportlab.graphics."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from casefile.domain.chart_routes import Rect as Area
from casefile.domain.chart_routes import label_spot, rect_of, route
from casefile.domain.dossier import Chart
from casefile.domain.graph_layout import Box, Layout, layout
from casefile.domain.kinds import RECORD_KINDS, Kind, spec
from casefile.export.pdf import runs
from casefile.export.pdf.fonts import BOLD, REGULAR

NODE_FONT = 7.0
EDGE_FONT = 5.5
NODE_HEIGHT = 13.0
PAD = 4.0

# Each kind's box fill and legend word, from its spec (domain/kinds.py, `look`); the legend follows RECORD_KINDS.
KIND_COLOURS = {kind.value: spec(kind).look.fill for kind in Kind}
KIND_LABELS = {kind.value: str(spec(kind).look.legend) for kind in RECORD_KINDS if spec(kind).look.legend}
EDGE_COLOUR = colors.HexColor("#9aa5b1")
LINE_MEANING = "a link, with its kind beside it"
TEXT = colors.HexColor("#1d2228")
MUTED = colors.HexColor("#5b6570")

# ReportLab's stubs type Rect's style keywords (fillColor, strokeWidth…) as one TypedDict argument, which the
# library takes as plain keywords: the checker is told so once here.
StyledRect: Any = Rect


class LinkChart(Flowable):
    """The chart scaled to the frame; each box links to its record's entry in the dossier."""

    def __init__(self, chart: Chart, clean: Callable[[str], str], anchors: frozenset[str], aspect: float = 1.6) -> None:
        super().__init__()
        self.chart = chart
        self.labels = {n.id: clean(n.label) for n in chart.nodes}
        self.edge_labels = [clean(e.label) for e in chart.edges]
        self.anchors = anchors
        boxes = [
            Box(n.id, runs.width(self.labels[n.id], REGULAR, NODE_FONT) + 2 * PAD, NODE_HEIGHT) for n in chart.nodes
        ]
        pairs = [(e.a, e.b) for e in chart.edges]
        routed = route(layout(boxes, pairs, gap=10.0, aspect=aspect), pairs)
        self.layout: Layout = routed.layout
        self.routes = routed.routes
        self.label_spots = self._place_labels()
        self.labels_left_out = sum(1 for label, spot in zip(self.edge_labels, self.label_spots, strict=True)
                                   if label and spot is None)  # fmt: skip
        self.scale = 1.0

    def _place_labels(self) -> list[Area | None]:
        """Each link's label beside its line, clear of every box and earlier label; None where none fits."""
        taken: list[Area] = [rect_of(p) for p in self.layout.placements]
        spots: list[Area | None] = []
        for path, label in zip(self.routes, self.edge_labels, strict=True):
            spot = label_spot(path, runs.width(label, REGULAR, EDGE_FONT), EDGE_FONT + 1, taken) if label else None
            if spot is not None:
                taken.append(spot)
            spots.append(spot)
        return spots

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        lay = self.layout
        if not lay.placements:
            self.width, self.height = availWidth, 0.0
            return self.width, self.height
        # Never larger than the frame: a drawing that does not fit cannot split, and would stop the export.
        self.scale = min(1.6, availWidth / lay.width, (availHeight - 4) / lay.height)
        self.width, self.height = lay.width * self.scale, lay.height * self.scale
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []  # a drawing never splits; the chart starts on its own page and is scaled to fit it

    def draw(self) -> None:
        drawing = Drawing(self.width, self.height, initialFontName=REGULAR)
        drawing.add(self._edges())
        drawing.add(self._nodes())
        renderPDF.draw(drawing, self.canv, 0, 0)
        for p in self.layout.placements:
            if p.id in self.anchors:
                rect = _scaled((p.left, p.bottom, p.left + p.width, p.bottom + p.height), self.scale)
                self.canv.linkRect("", p.id, rect, relative=1, thickness=0)

    def _edges(self) -> Group:
        group = Group()
        s = self.scale
        for path, label, spot in zip(self.routes, self.edge_labels, self.label_spots, strict=True):
            points = [coordinate * s for point in path for coordinate in point]
            group.add(PolyLine(points, strokeColor=EDGE_COLOUR, strokeWidth=0.5))
            if spot is not None:
                x, y = (spot[0] + spot[2]) / 2 * s, (spot[1] + 1) * s
                group.add(runs.strings(x, y, label, REGULAR, EDGE_FONT * s, MUTED))
        return group

    def _nodes(self) -> Group:
        group = Group()
        s = self.scale
        kinds = {n.id: n.kind for n in self.chart.nodes}
        for p in self.layout.placements:
            fill = colors.HexColor(KIND_COLOURS[kinds[p.id]])
            group.add(
                StyledRect(
                    p.left * s,
                    p.bottom * s,
                    p.width * s,
                    p.height * s,
                    rx=3 * s,
                    ry=3 * s,
                    fillColor=fill,
                    strokeColor=colors.HexColor("#7d8894"),
                    strokeWidth=0.5,
                )
            )
            group.add(runs.strings(p.x * s, (p.y - NODE_FONT * 0.35) * s, self.labels[p.id], REGULAR, NODE_FONT * s,
                                   TEXT))  # fmt: skip
        return group


def legend(kinds: set[str]) -> Drawing:
    """A row of coloured boxes naming the kinds the chart shows, and what a line is."""
    drawing = Drawing(500, 14, initialFontName=REGULAR)  # else the renderer starts in Helvetica
    drawing.add(Line(0, 6.5, 16, 6.5, strokeColor=EDGE_COLOUR, strokeWidth=0.8))
    drawing.add(String(20, 3.5, LINE_MEANING, fontName=REGULAR, fontSize=7, fillColor=TEXT))
    x = 30 + stringWidth(LINE_MEANING, REGULAR, 7)
    for kind, label in KIND_LABELS.items():
        if kind not in kinds:
            continue
        drawing.add(
            StyledRect(x, 2, 10, 9, fillColor=colors.HexColor(KIND_COLOURS[kind]), strokeColor=MUTED, strokeWidth=0.4)
        )
        drawing.add(String(x + 13, 3.5, label, fontName=BOLD, fontSize=7, fillColor=TEXT))
        x += 20 + stringWidth(label, BOLD, 7)
    return drawing


def _scaled(rect: tuple[float, float, float, float], s: float) -> tuple[float, float, float, float]:
    return rect[0] * s, rect[1] * s, rect[2] * s, rect[3] * s
