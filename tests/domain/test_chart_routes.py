"""Link-chart lines never cross a box they do not connect; labels never overlap (geometry, no PDF)."""

from __future__ import annotations

import itertools
import random

from casefile.domain.chart_routes import label_spot, rect_of, rects_meet, route, segment_meets_rect
from casefile.domain.graph_layout import Box, Layout, Placement, layout


def test_segment_and_rectangle() -> None:
    box = (0.0, 0.0, 10.0, 10.0)
    assert segment_meets_rect((-5, 5), (15, 5), box)
    assert not segment_meets_rect((-5, 15), (15, 15), box)
    assert not segment_meets_rect((-5, 10), (15, 10), box)  # along an edge is not through
    assert segment_meets_rect((5, 5), (50, 50), box)  # starting inside
    assert not segment_meets_rect((11, -5), (11, 50), box)


def test_a_line_that_would_cross_a_box_goes_round_it() -> None:
    row = Layout(
        (Placement("a", 10, 50, 20, 10), Placement("c", 60, 50, 20, 10), Placement("b", 110, 50, 20, 10)), 120, 100
    )
    routed = route(row, [("a", "b"), ("a", "c")])
    around, straight = routed.routes
    assert len(around) > 2 and straight == ((10, 50), (60, 50))
    middle = rect_of(routed.layout.at("c"))
    assert not any(segment_meets_rect(p, q, middle) for p, q in itertools.pairwise(around))


def _graph(seed: int, nodes: int, edges: int) -> tuple[list[Box], list[tuple[str, str]]]:
    rng = random.Random(seed)
    boxes = [Box(f"n{i}", rng.uniform(30, 140), 13) for i in range(nodes)]
    pairs = sorted({tuple(sorted(rng.sample(range(nodes), 2))) for _ in range(edges)})
    return boxes, [(f"n{a}", f"n{b}") for a, b in pairs]


def test_no_line_crosses_a_box_it_does_not_connect_and_no_labels_overlap() -> None:
    for seed in range(4):
        boxes, edges = _graph(seed, 40, 80)
        routed = route(layout(boxes, edges, gap=10.0, aspect=1.6), edges)
        placed = {p.id: p for p in routed.layout.placements}
        taken = [rect_of(p) for p in placed.values()]
        for (a, b), path in zip(edges, routed.routes, strict=True):
            assert path[0] == (placed[a].x, placed[a].y) and path[-1] == (placed[b].x, placed[b].y)
            for other in placed.values():
                if other.id in (a, b):
                    continue
                for p, q in itertools.pairwise(path):
                    assert not segment_meets_rect(p, q, rect_of(other)), (seed, a, b, other.id)
            spot = label_spot(path, 40, 7, taken)
            if spot is not None:
                assert not any(rects_meet(spot, t) for t in taken)
                taken.append(spot)


def test_the_same_chart_routes_the_same_way() -> None:
    boxes, edges = _graph(7, 25, 40)
    first = route(layout(boxes, edges), edges)
    assert route(layout(boxes, edges), edges) == first
