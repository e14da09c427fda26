"""Full-text search over a case: ranked hits with their kind and a snippet."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from casefile.domain.kinds import Kind
from casefile.domain.text import search_words
from casefile.services.labels import labels
from casefile.storage.schema import FTS_TABLE

# Snippet markers: control characters never survive into stored text, so they cannot clash.
HIT_START, HIT_END = "\x02", "\x03"


@dataclass(frozen=True)
class SearchHit:
    id: str
    kind: Kind
    label: str
    snippet: str  # matched words wrapped in HIT_START / HIT_END
    rank: float

    def plain_snippet(self, start: str = "[", end: str = "]") -> str:
        return self.snippet.replace(HIT_START, start).replace(HIT_END, end)


def fts_query(query: str) -> str | None:
    """Turn what a person typed into a safe FTS5 expression: every word must match, the last as a prefix.

    Words are quoted, so AND, NEAR, quotes, hyphens and stars in the input are searched
    for rather than parsed as syntax.
    """
    words = search_words(query)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def search(session: Session, query: str, *, limit: int = 50, kinds: Sequence[Kind] = ()) -> list[SearchHit]:
    expression = fts_query(query)
    if expression is None:
        return []
    sql = (
        f"SELECT record_id, kind, snippet({FTS_TABLE}, 2, :a, :b, '…', 12) AS snip, bm25({FTS_TABLE}) AS rank "
        f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q"
    )
    params: dict[str, object] = {"q": expression, "a": HIT_START, "b": HIT_END, "limit": limit}
    statement = text(sql + (" AND kind IN :kinds" if kinds else "") + " ORDER BY rank LIMIT :limit")
    if kinds:
        statement = statement.bindparams(bindparam("kinds", expanding=True))
        params["kinds"] = [Kind(k).value for k in kinds]
    rows = session.execute(statement, params).all()
    names = labels(session, [r.record_id for r in rows])
    return [
        SearchHit(r.record_id, Kind(r.kind), names[r.record_id].text, r.snip.replace("\n", " "), r.rank)
        for r in rows
        if r.record_id in names
    ]


def matching_ids(session: Session, query: str, kind: Kind, limit: int = 1_000_000) -> list[str] | None:
    """Ids of one kind matching the query, best first; None when the query has no words."""
    expression = fts_query(query)
    if expression is None:
        return None
    sql = f"SELECT record_id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q AND kind = :kind ORDER BY rank LIMIT :limit"
    return list(session.execute(text(sql), {"q": expression, "kind": kind.value, "limit": limit}).scalars())
