"""The link chart: records as labelled boxes, links as labelled lines, drawn with reportlab.graphics."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from casefile.domain.dossier import Chart
from casefile.domain.graph_layout import Box, Layout, layout
from casefile.export.pdf import runs
from casefile.export.pdf.fonts import BOLD, REGULAR

NODE_FONT = 7.0
EDGE_FONT = 5.5
NODE_HEIGHT = 13.0
PAD = 4.0

KIND_COLOURS = {
    "person": "#d8e6f7", "state": "#dcefd9", "organisation": "#f3e6cf", "warrant": "#f6d2d2",
    "visit": "#e7dcf3", "quote": "#f2f2f2", "article": "#fff1b8", "source": "#d9f0f0",
}  # fmt: skip
KIND_LABELS = {
    "person": "Person", "state": "State", "organisation": "Organisation", "warrant": "Warrant",
    "visit": "Visit", "quote": "Quote", "article": "Article", "source": "Source",
}  # fmt: skip
EDGE_COLOUR = colors.HexColor("#9aa5b1")
TEXT = colors.HexColor("#1d2228")
MUTED = colors.HexColor("#5b6570")


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
        self.layout: Layout = layout(boxes, [(e.a, e.b) for e in chart.edges], gap=10.0, aspect=aspect)
        self.scale = 1.0

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
        taken = [_scaled((p.left, p.bottom, p.left + p.width, p.bottom + p.height), s) for p in self.layout.placements]
        for edge, label in zip(self.chart.edges, self.edge_labels, strict=True):
            a, b = self.layout.at(edge.a), self.layout.at(edge.b)
            group.add(Line(a.x * s, a.y * s, b.x * s, b.y * s, strokeColor=EDGE_COLOUR, strokeWidth=0.5))
            size = EDGE_FONT * max(s, 0.8)
            width = runs.width(label, REGULAR, size)
            mx, my = (a.x + b.x) / 2 * s, (a.y + b.y) / 2 * s
            box = (mx - width / 2, my + 0.5, mx + width / 2, my + 1.5 + size)
            # A label that would cross a box or another label is left out rather than drawn unreadably.
            if label and not any(_meets(box, other) for other in taken):
                taken.append(box)
                group.add(runs.strings(mx, my + 1.5, label, REGULAR, size, MUTED))
        return group

    def _nodes(self) -> Group:
        group = Group()
        s = self.scale
        kinds = {n.id: n.kind for n in self.chart.nodes}
        for p in self.layout.placements:
            fill = colors.HexColor(KIND_COLOURS.get(kinds[p.id], "#eeeeee"))
            group.add(Rect(p.left * s, p.bottom * s, p.width * s, p.height * s, rx=3 * s, ry=3 * s,
                           fillColor=fill, strokeColor=colors.HexColor("#7d8894"), strokeWidth=0.5))  # fmt: skip
            group.add(runs.strings(p.x * s, (p.y - NODE_FONT * 0.35) * s, self.labels[p.id], REGULAR, NODE_FONT * s,
                                   TEXT))  # fmt: skip
        return group


def legend(kinds: set[str]) -> Drawing:
    """A row of coloured boxes naming the kinds the chart shows."""
    drawing = Drawing(500, 14, initialFontName=REGULAR)  # else the renderer starts in Helvetica
    x = 0.0
    for kind, label in KIND_LABELS.items():
        if kind not in kinds:
            continue
        drawing.add(Rect(x, 2, 10, 9, fillColor=colors.HexColor(KIND_COLOURS[kind]), strokeColor=MUTED,
                         strokeWidth=0.4))  # fmt: skip
        drawing.add(String(x + 13, 3.5, label, fontName=BOLD, fontSize=7, fillColor=TEXT))
        x += 20 + stringWidth(label, BOLD, 7)
    return drawing


def _meets(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _scaled(rect: tuple[float, float, float, float], s: float) -> tuple[float, float, float, float]:
    return rect[0] * s, rect[1] * s, rect[2] * s, rect[3] * s
