"""Full-text search over a case: ranked hits with their kind and a snippet."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from casefile.domain.kinds import FieldType, Kind, spec
from casefile.domain.text import fold_yo, search_words
from casefile.services.labels import labels
from casefile.storage import search_query
from casefile.storage.mapping import read_values

# Snippet markers: control characters never survive into stored text, so they cannot clash.
HIT_START, HIT_END = "\x02", "\x03"
ELLIPSIS = "…"


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
    for rather than parsed as syntax. (A server case builds its tsquery the same way: storage.search_query.)
    """
    return search_query.fts5_expression(search_words(query))


def search(session: Session, query: str, *, limit: int = 50, kinds: Sequence[Kind] = ()) -> list[SearchHit]:
    words = search_words(query)
    if not words:
        return []
    marks = (HIT_START, HIT_END, ELLIPSIS)
    rows = search_query.ranked(session, words, limit=limit, kinds=[Kind(k).value for k in kinds], marks=marks)
    names = labels(session, [r.record_id for r in rows])
    snippets = _as_written(session, [(r.record_id, Kind(r.kind), r.snip) for r in rows])
    return [
        SearchHit(r.record_id, Kind(r.kind), names[r.record_id].text, _one_line(snippets[r.record_id]), r.rank)
        for r in rows
        if r.record_id in names
    ]


def _one_line(snippet: str) -> str:
    # Fields are joined by newlines in the index; empty fields would leave runs of blanks.
    return " ".join(part.strip() for part in snippet.split("\n") if part.strip())


def _as_written(session: Session, hits: Sequence[tuple[str, Kind, str]]) -> dict[str, str]:
    """Snippets with the ё that index-time folding turned into е put back, as the analyst wrote it.

    The index holds text with ё folded to е; a snippet cut from it would misquote the record.
    Folding keeps every character's position, so the original text lines up with the snippet.
    """
    result = {rid: snip for rid, _, snip in hits}
    wanted: defaultdict[Kind, list[str]] = defaultdict(list)
    for rid, kind, snip in hits:
        if "е" in snip or "Е" in snip:
            wanted[kind].append(rid)
    for kind, ids in wanted.items():
        for rid, values in read_values(session, kind, ids).items():
            original = _indexed_text(kind, values)
            if "ё" in original or "Ё" in original:
                result[rid] = restore_yo(result[rid], original)
    return result


def _indexed_text(kind: Kind, values: dict[str, Any]) -> str:
    """The searchable fields joined as the index joins them (storage.search_index)."""
    parts: Iterable[str] = (
        "\n".join(values.get(f.name) or []) if f.type == FieldType.TEXTLIST else values.get(f.name) or ""
        for f in spec(kind).fields
        if f.searchable
    )
    return "\n".join(parts)


def restore_yo(snippet: str, original: str) -> str:
    """Overlay the original's characters on a snippet cut from its ё-folded form.

    Each line of the snippet (one field of the record) is placed on its own, so a line the
    original lacks, such as a referenced person's name, is simply left as it is.
    """
    plain = snippet.replace(HIT_START, "").replace(HIT_END, "")
    folded = fold_yo(original)
    chars = list(plain)
    offset = 0
    for line in plain.split("\n"):
        lead, core = _placed(line, folded)
        at = folded.find(core) if core else -1
        if at >= 0:
            chars[offset + lead : offset + lead + len(core)] = original[at : at + len(core)]
        offset += len(line) + 1
    return _overlay(snippet, "".join(chars))


def _placed(line: str, folded: str) -> tuple[int, str]:
    """The line without the ellipses snippet() added, as (chars cut at the start, what is left)."""
    cut = len(ELLIPSIS)
    leads = (cut, 0) if line.startswith(ELLIPSIS) else (0,)
    tails = (cut, 0) if line.endswith(ELLIPSIS) else (0,)
    for lead in leads:
        for tail in tails:
            core = line[lead : len(line) - tail]
            if core and core in folded:
                return lead, core
    return 0, ""


def _overlay(snippet: str, text: str) -> str:
    """The snippet's markers around the characters of text, which is the snippet without them."""
    letters = iter(text)
    return "".join(char if char in (HIT_START, HIT_END) else next(letters) for char in snippet)


def matching_ids(session: Session, query: str, kind: Kind, limit: int = 1_000_000) -> list[str] | None:
    """Ids of one kind matching the query, best first; None when the query has no words."""
    words = search_words(query)
    if not words:
        return None
    return search_query.ids_of_kind(session, words, kind.value, limit)
