"""Full-text queries on either engine, from the words a person typed: never parsed as a query language.

SQLite: every word is quoted for FTS5, so AND, NEAR, quotes, hyphens and stars are searched for, not
obeyed; the last word matches as a prefix; bm25 ranks (lower is better) and snippet() cuts the context.

PostgreSQL: each word goes through phraseto_tsquery, which takes plain text and has no operators;
the last one's final lexeme gets the prefix mark ':*' added to the tsquery PostgreSQL itself printed,
so nothing typed reaches the query parser. The text search configuration `casefile.folded` runs the
`unaccent` dictionary, then `simple` (lower case, no stemming, no stop words), the same folding as
FTS5's unicode61 with remove_diacritics 2 (unaccent folds a little more: ł, ø, ß; see
tests/services/test_search_engines.py). ts_rank_cd ranks, divided by the log of the text's length as
bm25 favours a short record that is all about the word, and negated so lower is better here too;
ts_headline marks the matched words on the stored text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from casefile.storage.dialect import on_server
from casefile.storage.schema import FTS_TABLE, TS_CONFIG, TS_SEPARATORS

# Words of context around a match, as FTS5's snippet() counts tokens.
SNIPPET_WORDS = 12
# ts_headline drops whatever its parser takes for an HTML tag or entity ("<b>", "&amp;"), which would
# misquote the record; while it cuts, '<' and '&' stand in as control characters that stored text never
# holds (domain.text.strip_control).
_LT, _AMP = "\x01", "\x04"


class Hit(NamedTuple):
    record_id: str
    kind: str
    snip: str
    rank: float


def fts5_expression(words: Sequence[str]) -> str | None:
    """Every word must match, the last as a prefix; quoted, so nothing is syntax."""
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def _tsquery_sql(count: int) -> str:
    """A tsquery from bound words :w0..:wN, ANDed, the last one as a prefix."""
    parts = [f"phraseto_tsquery('{TS_CONFIG}', translate(:w{i}, :seps, :spaces))" for i in range(count)]
    last = parts[-1]
    parts[-1] = f"(CASE WHEN numnode({last}) = 0 THEN {last} ELSE ({last}::text || ':*')::tsquery END)"
    return " && ".join(parts)


def _word_params(words: Sequence[str]) -> dict[str, Any]:
    # The query's words are split where the index's text was (TS_SEPARATORS): "a_b" is the phrase "a b".
    return {f"w{i}": word for i, word in enumerate(words)} | {"seps": TS_SEPARATORS, "spaces": " " * len(TS_SEPARATORS)}


def tsquery_text(session: Session, words: Sequence[str]) -> str:
    """The tsquery a server case searches these words with, as PostgreSQL prints it (for baselines and tests)."""
    query = text(f"SELECT CAST({_tsquery_sql(len(words))} AS text)")
    return str(session.execute(query, _word_params(words)).scalar_one())


def ranked(
    session: Session, words: Sequence[str], *, limit: int, kinds: Sequence[str], marks: tuple[str, str, str]
) -> list[Hit]:
    """Hits best first; marks are (hit start, hit end, ellipsis)."""
    start, end, ellipsis = marks
    params: dict[str, Any] = {"a": start, "b": end, "limit": limit}
    if on_server(session):
        options = f'StartSel="{start}", StopSel="{end}", MaxWords={SNIPPET_WORDS * 2}, MinWords={SNIPPET_WORDS}, '
        options += f'ShortWord=0, MaxFragments=1, FragmentDelimiter="{ellipsis}"'
        sql = (
            "SELECT record_id, kind, "
            f"ts_headline('{TS_CONFIG}', translate(body, '<&', :stand_ins), q, :options) AS snip, "
            f"-ts_rank_cd(words, q, 1) AS rank FROM {FTS_TABLE}, (SELECT {_tsquery_sql(len(words))} AS q) AS query "
            "WHERE words @@ q"
        )
        params |= _word_params(words) | {"options": options, "stand_ins": _LT + _AMP}
        order = " ORDER BY rank, rowid LIMIT :limit"
    else:
        sql = (
            f"SELECT record_id, kind, snippet({FTS_TABLE}, 2, :a, :b, '{ellipsis}', {SNIPPET_WORDS}) AS snip, "
            f"bm25({FTS_TABLE}) AS rank FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q"
        )
        params["q"] = fts5_expression(words)
        order = " ORDER BY rank LIMIT :limit"
    statement = text(sql + (" AND kind IN :kinds" if kinds else "") + order)
    if kinds:
        statement = statement.bindparams(bindparam("kinds", expanding=True))
        params["kinds"] = list(kinds)
    rows = session.execute(statement, params).all()
    return [Hit(r.record_id, r.kind, r.snip.replace(_LT, "<").replace(_AMP, "&"), r.rank) for r in rows]


def ids_of_kind(session: Session, words: Sequence[str], kind: str, limit: int) -> list[str]:
    """Ids of one kind whose text matches, best first."""
    if on_server(session):
        sql = (
            f"SELECT record_id FROM {FTS_TABLE}, (SELECT {_tsquery_sql(len(words))} AS q) AS query "
            "WHERE words @@ q AND kind = :kind ORDER BY ts_rank_cd(words, q, 1) DESC, rowid LIMIT :limit"
        )
        params: dict[str, Any] = _word_params(words)
    else:
        sql = f"SELECT record_id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q AND kind = :kind"
        sql += " ORDER BY rank LIMIT :limit"
        params = {"q": fts5_expression(words)}
    return list(session.execute(text(sql), {**params, "kind": kind, "limit": limit}).scalars())
