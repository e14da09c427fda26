"""Lines for a link chart that never pass through a box they do not connect, and labels that never overlap.

After the layout has placed the boxes (domain/graph_layout.py), each link is drawn straight when
the straight line is clear; otherwise as a line with one or two bends, chosen among points just
outside the corners of the boxes in the way, shortest first. If no such line exists, the boxes
are spread further apart and every line is routed again. Pure and deterministic.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from casefile.domain.graph_layout import Layout, Placement

Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # left, bottom, right, top

CLEARANCE = 3.0  # how far a line stays from a box it passes


@dataclass(frozen=True)
class RoutedChart:
    layout: Layout
    routes: tuple[tuple[Point, ...], ...]  # one polyline per edge, in the order given, from centre to centre


def route(layout: Layout, edges: Sequence[tuple[str, str]], *, attempts: int = 6) -> RoutedChart:
    """Route every edge clear of the boxes it does not connect, spreading the layout if it must."""
    current = layout
    for _ in range(attempts):
        routes = _route_all(current, edges)
        if routes is not None:
            return RoutedChart(current, routes)
        current = spread(current, 1.3)
    # Spread far enough, every straight line between two boxes clears the others; route once more.
    while True:
        routes = _route_all(current, edges)
        if routes is not None:
            return RoutedChart(current, routes)
        current = spread(current, 1.5)


def spread(layout: Layout, factor: float) -> Layout:
    """The same boxes with their centres further apart (sizes unchanged)."""
    placed = tuple(Placement(p.id, p.x * factor, p.y * factor, p.width, p.height) for p in layout.placements)
    left = min((p.left for p in placed), default=0.0)
    bottom = min((p.bottom for p in placed), default=0.0)
    moved = tuple(Placement(p.id, p.x - left, p.y - bottom, p.width, p.height) for p in placed)
    width = max((p.x + p.width / 2 for p in moved), default=0.0)
    height = max((p.y + p.height / 2 for p in moved), default=0.0)
    return Layout(moved, width, height)


def rect_of(p: Placement, grow: float = 0.0) -> Rect:
    return (p.left - grow, p.bottom - grow, p.left + p.width + grow, p.bottom + p.height + grow)


def _route_all(layout: Layout, edges: Sequence[tuple[str, str]]) -> tuple[tuple[Point, ...], ...] | None:
    boxes = {p.id: p for p in layout.placements}
    routes = []
    for a, b in edges:
        path = _route(boxes[a], boxes[b], [p for p in layout.placements if p.id not in (a, b)])
        if path is None:
            return None
        routes.append(path)
    return tuple(routes)


def _route(a: Placement, b: Placement, others: list[Placement]) -> tuple[Point, ...] | None:
    start, end = (a.x, a.y), (b.x, b.y)
    obstacles = [rect_of(p, CLEARANCE / 2) for p in others]
    if _clear(start, end, obstacles):
        return (start, end)
    blocking = [r for r in obstacles if segment_meets_rect(start, end, r)]
    candidates = _corners(blocking, CLEARANCE)
    ends = (rect_of(a), rect_of(b))
    one = [
        (start, c, end) for c in candidates
        if not _inside_any(c, obstacles + list(ends)) and _clear(start, c, obstacles) and _clear(c, end, obstacles)
    ]  # fmt: skip
    if one:
        return min(one, key=_length)
    walls = obstacles + list(ends)
    free = [c for c in _corners(obstacles, CLEARANCE) if not _inside_any(c, walls)]
    # The nearest corners to each end are enough, and keep the search small on a large chart.
    firsts = sorted((c for c in free if _clear(start, c, obstacles)), key=lambda c: math.dist(c, start))[:24]
    lasts = sorted((c for c in free if _clear(c, end, obstacles)), key=lambda c: math.dist(c, end))[:24]
    two = [(start, c, d, end) for c, d in itertools.product(firsts, lasts) if c != d and _clear(c, d, obstacles)]
    return min(two, key=_length) if two else None


def _corners(rects: Sequence[Rect], margin: float) -> list[Point]:
    points = []
    for left, bottom, right, top in rects:
        points += [(left - margin, bottom - margin), (left - margin, top + margin),
                   (right + margin, bottom - margin), (right + margin, top + margin)]  # fmt: skip
    return points


def _clear(p: Point, q: Point, obstacles: Sequence[Rect]) -> bool:
    return not any(segment_meets_rect(p, q, r) for r in obstacles)


def _inside_any(p: Point, rects: Sequence[Rect]) -> bool:
    return any(r[0] < p[0] < r[2] and r[1] < p[1] < r[3] for r in rects)


def _length(path: Sequence[Point]) -> float:
    return sum(math.dist(p, q) for p, q in itertools.pairwise(path))


def segment_meets_rect(p: Point, q: Point, rect: Rect) -> bool:
    """Whether the segment p–q passes through the inside of the rectangle (Liang–Barsky clipping)."""
    left, bottom, right, top = rect
    dx, dy = q[0] - p[0], q[1] - p[1]
    low, high = 0.0, 1.0
    for step, distance in ((-dx, p[0] - left), (dx, right - p[0]), (-dy, p[1] - bottom), (dy, top - p[1])):
        if step == 0:
            if distance <= 0:
                return False
            continue
        t = distance / step
        if step < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low >= high:
            return False
    return high - low > 1e-9


def label_spot(path: Sequence[Point], width: float, height: float, taken: Sequence[Rect]) -> Rect | None:
    """Where a line's label goes: along its longest segments first, never over a box or another label."""
    segments = sorted(itertools.pairwise(path), key=lambda s: -math.dist(*s))
    for p, q in segments:
        for t in (0.5, 0.35, 0.65, 0.2, 0.8):
            x, y = p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t
            for rect in ((x - width / 2, y + 0.5, x + width / 2, y + 0.5 + height),
                         (x - width / 2, y - 0.5 - height, x + width / 2, y - 0.5)):  # fmt: skip
                if not any(rects_meet(rect, other) for other in taken):
                    return rect
    return None


def rects_meet(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
