"""The neighbourhood of a record, for the link chart: records and the links or references between them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import Session

from casefile.domain.kinds import Kind
from casefile.services.labels import labels
from casefile.storage.mapping import live, reference_columns
from casefile.storage.models import LinkRow, Record, table_of

_links = table_of(LinkRow)
_records = table_of(Record)
MAX_NODES = 80  # beyond this a chart stops being readable; the nearest records are kept


@dataclass(frozen=True)
class GraphNode:
    id: str
    kind: Kind
    label: str
    depth: int


@dataclass(frozen=True)
class GraphEdge:
    source: str
    target: str
    label: str
    link_id: str | None  # None for a field reference such as a warrant's subject


@dataclass(frozen=True)
class Neighbourhood:
    centre: str
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    truncated: bool


def _link_edges(session: Session, ids: list[str]) -> list[GraphEdge]:
    query = (
        select(_links.c.id, _links.c.from_id, _links.c.to_id, _links.c.kind)
        .join(_records, _records.c.id == _links.c.id)
        .where(
            _records.c.deleted_at.is_(None),
            or_(
                _links.c.from_id.in_(bindparam("a", expanding=True)), _links.c.to_id.in_(bindparam("b", expanding=True))
            ),
        )
    )
    rows = session.execute(query, {"a": ids, "b": ids})
    return [GraphEdge(r.from_id, r.to_id, r.kind, r.id) for r in rows]


def _reference_edges(session: Session, ids: list[str]) -> list[GraphEdge]:
    """Field references (a visit's host state, a warrant's subject) drawn as edges too."""
    edges = []
    for table, field, column in reference_columns((Kind.WARRANT, Kind.VISIT, Kind.QUOTE, Kind.SOURCE)):
        query = live(table, table.c.id, column).where(
            column.is_not(None),
            or_(table.c.id.in_(bindparam("a", expanding=True)), column.in_(bindparam("b", expanding=True))),
        )
        edges += [
            GraphEdge(rid, ref, field.label.lower(), None) for rid, ref in session.execute(query, {"a": ids, "b": ids})
        ]
    return edges


def neighbourhood(session: Session, record_id: str, depth: int = 1) -> Neighbourhood:
    """The record, the records within `depth` steps of it, and every edge among them."""
    seen = {record_id: 0}
    frontier = [record_id]
    edges: dict[tuple[str, str, str], GraphEdge] = {}
    truncated = False
    for level in range(1, depth + 1):
        found = _link_edges(session, frontier) + _reference_edges(session, frontier)
        next_frontier = []
        for edge in found:
            edges[(edge.source, edge.target, edge.label)] = edge
            for end in (edge.source, edge.target):
                if end in seen:
                    continue
                if len(seen) >= MAX_NODES:
                    truncated = True
                    continue
                seen[end] = level
                next_frontier.append(end)
        frontier = next_frontier
        if not frontier:
            break
    names = labels(session, seen)
    nodes = tuple(
        GraphNode(rid, names[rid].kind, names[rid].text, level)
        for rid, level in seen.items()
        if rid in names and not names[rid].deleted
    )
    present = {n.id for n in nodes}
    kept = tuple(e for e in edges.values() if e.source in present and e.target in present)
    return Neighbourhood(record_id, nodes, kept, truncated)
