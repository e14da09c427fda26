"""The link-chart layout: deterministic, compact for linked nodes, and never overlapping."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casefile.domain.graph_layout import Box, Layout, layout, overlapping


def _boxes(count: int) -> list[Box]:
    return [Box(f"n{i}", 40 + (i * 17) % 60, 12) for i in range(count)]


def _no_overlaps(result: Layout, gap: float) -> bool:
    placed = result.placements
    return not any(overlapping(a, b, gap) for i, a in enumerate(placed) for b in placed[i + 1 :])


def _distance(result: Layout, a: str, b: str) -> float:
    pa, pb = result.at(a), result.at(b)
    return math.hypot(pa.x - pb.x, pa.y - pb.y)


def test_the_same_input_gives_the_same_layout() -> None:
    edges = [("n0", "n1"), ("n1", "n2"), ("n2", "n3"), ("n4", "n0")]
    assert layout(_boxes(8), edges) == layout(_boxes(8), edges)


def test_linked_nodes_sit_closer_than_unlinked_ones() -> None:
    # Two triangles joined by nothing: distances inside a triangle are shorter than across.
    edges = [("n0", "n1"), ("n1", "n2"), ("n2", "n0"), ("n3", "n4"), ("n4", "n5"), ("n5", "n3")]
    result = layout(_boxes(6), edges)
    inside = [_distance(result, a, b) for a, b in edges]
    across = [_distance(result, f"n{a}", f"n{b}") for a in range(3) for b in range(3, 6)]
    assert max(inside) < sum(across) / len(across)


def test_boxes_stay_inside_the_bounds_from_the_origin() -> None:
    result = layout(_boxes(12), [("n0", "n5"), ("n3", "n7")], gap=6.0)
    for p in result.placements:
        assert p.left >= -1e-6 and p.bottom >= -1e-6
        assert p.left + p.width <= result.width + 1e-6 and p.bottom + p.height <= result.height + 1e-6
    assert min(p.left for p in result.placements) == pytest.approx(0, abs=1e-6)


def test_a_wide_aspect_gives_a_wide_layout() -> None:
    edges = [(f"n{i}", f"n{i + 1}") for i in range(19)]
    wide = layout(_boxes(20), edges, aspect=3.0)
    assert wide.width / wide.height > 1.5


def test_empty_and_single_layouts() -> None:
    assert layout([], []) == Layout((), 0.0, 0.0)
    single = layout([Box("only", 30, 10)], [])
    assert (single.width, single.height) == (30, 10)
    assert (single.at("only").x, single.at("only").y) == (15, 5)


@pytest.mark.parametrize(
    ("boxes", "edges", "message"),
    [
        ([Box("a", 1, 1), Box("a", 1, 1)], [], "given twice"),
        ([Box("a", -1, 1)], [], "negative size"),
        ([Box("a", 1, 1)], [("a", "b")], "'b', which is not among the nodes"),
    ],
)
def test_bad_input_is_refused_with_the_reason(boxes: list[Box], edges: list[tuple[str, str]], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        layout(boxes, edges)


@settings(max_examples=25, deadline=None)
@given(
    count=st.integers(min_value=1, max_value=18),
    links=st.lists(st.tuples(st.integers(0, 17), st.integers(0, 17)), max_size=30),
    gap=st.sampled_from([0.0, 4.0, 10.0]),
)
def test_no_two_boxes_ever_overlap(count: int, links: list[tuple[int, int]], gap: float) -> None:
    edges = [(f"n{a}", f"n{b}") for a, b in links if a < count and b < count]
    result = layout(_boxes(count), edges, gap=gap, iterations=60)
    assert len(result.placements) == count
    assert _no_overlaps(result, gap)
