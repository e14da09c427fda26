"""A small, deterministic force-directed layout for link charts, with boxes that never overlap.

Fruchterman–Reingold with a little gravity (so separate clusters stay near each other), then a
sweep that pushes overlapping boxes apart. Pure Python: the charts it serves have tens of nodes,
and a numpy dependency would cost the app more than it saves here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

GRAVITY = 3.0  # pull towards the centre, per unit of distance; keeps the chart compact


@dataclass(frozen=True)
class Box:
    """A node to place: its id and the size of what will be drawn for it (label included)."""

    id: str
    width: float
    height: float


@dataclass(frozen=True)
class Placement:
    """Where a box goes: its centre, in the layout's coordinates (y grows upwards)."""

    id: str
    x: float
    y: float
    width: float
    height: float

    @property
    def left(self) -> float:
        return self.x - self.width / 2

    @property
    def bottom(self) -> float:
        return self.y - self.height / 2


@dataclass(frozen=True)
class Layout:
    """Placements inside a bounding box that starts at (0, 0)."""

    placements: tuple[Placement, ...]
    width: float
    height: float

    def at(self, node_id: str) -> Placement:
        for placement in self.placements:
            if placement.id == node_id:
                return placement
        raise KeyError(node_id)


def overlapping(a: Placement, b: Placement, gap: float = 0.0) -> bool:
    """Whether two boxes, each grown by half the gap, overlap."""
    return (
        abs(a.x - b.x) < (a.width + b.width) / 2 + gap - 1e-9
        and abs(a.y - b.y) < (a.height + b.height) / 2 + gap - 1e-9
    )


def layout(
    boxes: Sequence[Box],
    edges: Sequence[tuple[str, str]],
    *,
    iterations: int = 200,
    gap: float = 6.0,
    aspect: float = 1.0,
) -> Layout:
    """Place the boxes so linked ones sit close and no two overlap; the same input gives the same output.

    `aspect` is the width-to-height ratio of the space the chart will fill; the layout is
    stretched towards it so that a landscape page is used across its width.
    """
    index = _index(boxes)
    pairs = _edge_pairs(edges, index)
    if not boxes:
        return Layout((), 0.0, 0.0)
    area = sum((b.width + gap) * (b.height + gap) for b in boxes) * 3.0
    k = math.sqrt(area / len(boxes))
    xs, ys = _start(len(boxes), math.sqrt(area) / 3)
    for step in range(iterations):
        temperature = k * (1.0 - step / iterations) + 0.01 * k
        _settle(xs, ys, pairs, k, temperature)
    _stretch(xs, ys, aspect)
    _separate(xs, ys, boxes, gap)
    return _normalised(xs, ys, boxes)


def _index(boxes: Sequence[Box]) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, box in enumerate(boxes):
        if box.id in index:
            raise ValueError(f"node {box.id!r} is given twice")
        if box.width < 0 or box.height < 0:
            raise ValueError(f"node {box.id!r} has a negative size")
        index[box.id] = i
    return index


def _edge_pairs(edges: Sequence[tuple[str, str]], index: dict[str, int]) -> list[tuple[int, int]]:
    pairs = []
    for a, b in edges:
        if a not in index or b not in index:
            missing = a if a not in index else b
            raise ValueError(f"an edge names node {missing!r}, which is not among the nodes")
        if a != b:
            pairs.append((index[a], index[b]))
    return pairs


def _start(count: int, radius: float) -> tuple[list[float], list[float]]:
    """A spiral, so that no two nodes start on the same spot and no randomness is needed."""
    golden = math.pi * (3 - math.sqrt(5))
    xs, ys = [], []
    for i in range(count):
        r = radius * math.sqrt((i + 0.5) / count)
        xs.append(r * math.cos(i * golden))
        ys.append(r * math.sin(i * golden))
    return xs, ys


def _settle(xs: list[float], ys: list[float], pairs: list[tuple[int, int]], k: float, temperature: float) -> None:
    n = len(xs)
    dx = [0.0] * n
    dy = [0.0] * n
    k2 = k * k
    for i in range(n):
        xi, yi = xs[i], ys[i]
        for j in range(i + 1, n):
            ex, ey = xi - xs[j], yi - ys[j]
            d2 = ex * ex + ey * ey or 1e-6
            f = k2 / d2  # repulsion k²/d, divided by d to scale the unit vector
            dx[i] += ex * f
            dy[i] += ey * f
            dx[j] -= ex * f
            dy[j] -= ey * f
    for i, j in pairs:
        ex, ey = xs[i] - xs[j], ys[i] - ys[j]
        d = math.hypot(ex, ey) or 1e-3
        f = d / k  # attraction d²/k, divided by d
        dx[i] -= ex * f
        dy[i] -= ey * f
        dx[j] += ex * f
        dy[j] += ey * f
    for i in range(n):
        # Gravity keeps components that share no edge from drifting off the page.
        fx, fy = dx[i] - GRAVITY * xs[i], dy[i] - GRAVITY * ys[i]
        length = math.hypot(fx, fy)
        if length > 0:
            scale = min(length, temperature) / length
            xs[i] += fx * scale
            ys[i] += fy * scale


def _stretch(xs: list[float], ys: list[float], aspect: float) -> None:
    """Widen or heighten the cloud of centres towards the wanted aspect; only ever spreads nodes apart."""
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    if width <= 0 or height <= 0 or aspect <= 0:
        return
    factor = aspect / (width / height)
    for i in range(len(xs)):
        if factor > 1:
            xs[i] *= factor
        else:
            ys[i] /= factor


def _separate(xs: list[float], ys: list[float], boxes: Sequence[Box], gap: float, sweeps: int = 400) -> None:
    """Push overlapping boxes apart along the axis where they overlap least, until none do."""
    for _ in range(sweeps):
        if not _sweep(xs, ys, boxes, gap):
            return
    # Rarely reached: spread everything out, which always ends the overlaps.
    while _any_overlap(xs, ys, boxes, gap):
        for i in range(len(xs)):
            xs[i] *= 1.25
            ys[i] *= 1.25
        _sweep(xs, ys, boxes, gap)


def _sweep(xs: list[float], ys: list[float], boxes: Sequence[Box], gap: float) -> bool:
    moved = False
    n = len(boxes)
    for i in range(n):
        for j in range(i + 1, n):
            ox = (boxes[i].width + boxes[j].width) / 2 + gap - abs(xs[i] - xs[j])
            oy = (boxes[i].height + boxes[j].height) / 2 + gap - abs(ys[i] - ys[j])
            if ox <= 1e-9 or oy <= 1e-9:
                continue
            moved = True
            if ox < oy:
                sign = 1.0 if xs[i] >= xs[j] else -1.0
                xs[i] += sign * ox / 2 + sign * 1e-6
                xs[j] -= sign * ox / 2 + sign * 1e-6
            else:
                sign = 1.0 if ys[i] >= ys[j] else -1.0
                ys[i] += sign * oy / 2 + sign * 1e-6
                ys[j] -= sign * oy / 2 + sign * 1e-6
    return moved


def _any_overlap(xs: list[float], ys: list[float], boxes: Sequence[Box], gap: float) -> bool:
    placed = [Placement(b.id, xs[i], ys[i], b.width, b.height) for i, b in enumerate(boxes)]
    return any(overlapping(a, b, gap) for i, a in enumerate(placed) for b in placed[i + 1 :])


def _normalised(xs: list[float], ys: list[float], boxes: Sequence[Box]) -> Layout:
    left = min(x - b.width / 2 for x, b in zip(xs, boxes, strict=True))
    bottom = min(y - b.height / 2 for y, b in zip(ys, boxes, strict=True))
    placements = tuple(
        Placement(b.id, x - left, y - bottom, b.width, b.height) for x, y, b in zip(xs, ys, boxes, strict=True)
    )
    width = max(p.x + p.width / 2 for p in placements)
    height = max(p.y + p.height / 2 for p in placements)
    return Layout(placements, width, height)
