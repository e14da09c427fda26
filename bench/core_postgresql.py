"""The bulk-import and search rows of bench/core.py on a PostgreSQL server case, next to raw psycopg baselines.

Everything runs on one throwaway server (bench/pg.py: fsync off, as the tests run it), Casefile and its
baseline alike, each in a database of its own copied from the same template, so each side starts from
the same rows. The rows and their goals mirror the SQLite ones; LEGEND says where they differ and why.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.core import (
    QUOTE_COLUMNS,
    Row,
    compare_search,
    in_child,
    raw_fts_sql,
    stopwatch,
    synth_quotes,
    within,
)
from bench.generate import Synth, build_refs
from casefile.domain.kinds import Kind
from casefile.domain.text import search_words
from casefile.services import records
from casefile.storage.schema import SHARED_SCHEMA, TS_CONFIG
from casefile.storage.search_query import SNIPPET_WORDS, tsquery_text
from casefile.storage.server import ServerCase, init_database, schema_for
from casefile.storage.server_publish import publish
from tests.postgres import TestServer

CASE = "bench"
RECORD_COLUMNS = ("id", "kind", "created_at", "updated_at")

# The raw query: the same text search configuration and tsquery as Casefile's (storage.search_query),
# ts_headline with the same options, ts_rank_cd, the top 50; no labels, no stand-ins for '<' and '&'.
HEADLINE_OPTIONS = (
    f"StartSel=[, StopSel=], MaxWords={SNIPPET_WORDS * 2}, MinWords={SNIPPET_WORDS}, ShortWord=0, "
    "MaxFragments=1, FragmentDelimiter=…"
)
SNIPPET_SQL = (
    f"SELECT record_id, kind, ts_headline('{TS_CONFIG}', body, q, '{HEADLINE_OPTIONS}'), "
    "-ts_rank_cd(words, q, 1) AS rank FROM search_index, CAST(%s AS tsquery) AS q WHERE words @@ q "
    "ORDER BY rank LIMIT 50"
)
COUNT_SQL = "SELECT count(*) FROM search_index WHERE words @@ CAST(%s AS tsquery)"

LEGEND = """\
PostgreSQL rows (a throwaway PostgreSQL server on this machine, fsync off, Casefile and raw on the same server):
  bulk insert   Casefile: the same bulk_create() of the same quote dicts, in one unit of work on a ServerCase
                (which loads 100 rows or more with COPY: storage.mapping).
                raw: psycopg executemany of prepared tuples into records + quotes in one transaction (COPY beside it).
  FTS index     Casefile: rebuild_search_index(); PostgreSQL computes each row's tsvector (casefile.folded) and
                keeps the GIN index. raw: DELETE + INSERT…SELECT of the same text columns, concatenated plainly.
  FTS query     the case generated above, published to the server (publish(), then ANALYZE, as autovacuum would).
                Casefile: services.search.search() (tsquery, ts_headline, ts_rank_cd, labels of the hits).
                raw: the same tsquery and text search configuration with ts_headline and ts_rank_cd, LIMIT 50.
                The goal is the case file's: median < 20 ms. search() makes several round trips to the server
                (the hits, their labels, the ё of their snippets) where raw makes one, so the ratio is larger
                than on SQLite, where a query costs no round trip."""


def raw_connect(url: str) -> Any:
    """A plain psycopg connection in autocommit, looking in the case's schema as Casefile's connections do."""
    import psycopg

    conn = psycopg.connect(url, autocommit=True)
    conn.execute(f"SET search_path TO {schema_for(CASE)}, {SHARED_SCHEMA}")
    return conn


# ---------------------------------------------------------------- bulk import


def make_base(url: str, seed: int, quotes: int) -> None:
    """A server case with the persons, sources and the rest that quotes point at, and no quotes yet."""
    init_database(url)
    with ServerCase.create(url, CASE, "Bulk import benchmark") as case:
        build_refs(case, Synth(seed), quotes)
        with case.unit_of_work() as session:
            records.rebuild_search_index(session)


def server_quotes(url: str, seed: int, count: int) -> list[dict[str, Any]]:
    with closing(raw_connect(url)) as conn:
        ids = "SELECT t.id FROM {} t JOIN records r ON r.id = t.id ORDER BY r.seq"
        persons = [r for (r,) in conn.execute(ids.format("persons"))]
        sources = [r for (r,) in conn.execute(ids.format("sources"))]
    return synth_quotes(persons, sources, seed, count)


def casefile_bulk_import(url: str, seed: int, count: int) -> dict[str, float]:
    items = server_quotes(url, seed, count)
    times: dict[str, float] = {}
    with ServerCase.open(url, CASE) as case:
        with stopwatch(times, "insert"), case.unit_of_work() as session:
            records.bulk_create(session, Kind.QUOTE, items)
        with stopwatch(times, "index"), case.unit_of_work() as session:
            records.rebuild_search_index(session)
    return times


def _copy(cursor: Any, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    with cursor.copy(f"COPY {table}({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def raw_bulk_import(url: str, seed: int, count: int, use_copy: bool) -> dict[str, float]:
    items = server_quotes(url, seed, count)
    now = datetime.now(UTC).replace(tzinfo=None)
    ids = [str(uuid.uuid4()) for _ in items]
    record_rows = [(rid, "quote", now, now) for rid in ids]
    fields = [c.removesuffix("_id") for c in QUOTE_COLUMNS[1:]]
    quote_rows = [(rid, *(item.get(f) for f in fields)) for rid, item in zip(ids, items, strict=True)]
    times: dict[str, float] = {}
    with closing(raw_connect(url)) as conn:
        with stopwatch(times, "insert"), conn.transaction(), conn.cursor() as cursor:
            if use_copy:
                _copy(cursor, "records", RECORD_COLUMNS, record_rows)
                _copy(cursor, "quotes", QUOTE_COLUMNS, quote_rows)
            else:
                marks = ", ".join(["%s"] * len(QUOTE_COLUMNS))
                cursor.executemany(f"INSERT INTO records({', '.join(RECORD_COLUMNS)}) VALUES (%s, %s, %s, %s)",
                                   record_rows)  # fmt: skip
                cursor.executemany(f"INSERT INTO quotes({', '.join(QUOTE_COLUMNS)}) VALUES ({marks})", quote_rows)
        with stopwatch(times, "index"), conn.transaction():
            for statement in raw_fts_sql("chr(10)", "::text"):
                conn.execute(statement)
    return times


def bench_bulk_import(server: TestServer, seed: int, quotes: int) -> list[Row]:
    base = server.new_database()
    make_base(server.url(base), seed, quotes)
    ours, raw, copied = (server.url(server.new_database(base)) for _ in range(3))
    raw_run = in_child(raw_bulk_import, raw, seed, quotes, False)
    copy_run = in_child(raw_bulk_import, copied, seed, quotes, True)
    ours_run = in_child(casefile_bulk_import, ours, seed, quotes)
    n = f"{quotes // 1000}k" if quotes >= 1000 else str(quotes)
    both = {key: sum(m.seconds.values()) for key, m in (("ours", ours_run), ("raw", raw_run))}
    return [
        Row(f"PostgreSQL: bulk import {n} quotes: insert (validated bulk_create vs executemany)",
            ours_run.seconds["insert"], raw_run.seconds["insert"], within(3)),
        Row("PostgreSQL: the same insert vs raw COPY", ours_run.seconds["insert"], copy_run.seconds["insert"]),
        Row(f"PostgreSQL: bulk import {n} quotes: FTS index (rebuild vs INSERT…SELECT)",
            ours_run.seconds["index"], raw_run.seconds["index"]),
        Row(f"PostgreSQL: bulk import {n} quotes: insert + FTS index", both["ours"], both["raw"], within(3)),
        Row("PostgreSQL: bulk import: peak RSS of the client process", ours_run.peak_rss_mib, raw_run.peak_rss_mib,
            unit="MiB"),
    ]  # fmt: skip


# ---------------------------------------------------------------- search


def publish_case(case_path: Path, url: str) -> dict[str, float]:
    times: dict[str, float] = {}
    with stopwatch(times, "publish"):
        publish(case_path, url, CASE)
    with closing(raw_connect(url)) as conn:
        conn.execute("ANALYZE")  # what autovacuum does shortly after a load; the planner needs the counts
    return times


def bench_search(server: TestServer, case_path: Path, queries: Sequence[str]) -> tuple[list[Row], str]:
    url = server.url(server.new_database())
    init_database(url)
    published = in_child(publish_case, case_path, url)
    with ServerCase.open(url, CASE) as case, case.reading() as session, closing(raw_connect(url)) as conn:
        expressions = {q: tsquery_text(session, search_words(q)) for q in queries}
        rows, note = compare_search(session, conn, (SNIPPET_SQL, COUNT_SQL), queries, expressions,
                                    ("PostgreSQL: ", "tsquery+headline"))  # fmt: skip
    publish_row = Row("PostgreSQL: publish the generated case (one transaction, index rebuilt)",
                      published.seconds["publish"], None)  # fmt: skip
    return [publish_row, *rows], note


def postgresql_rows(
    server: TestServer, case_path: Path, quotes: int, seed: int, queries: Sequence[str]
) -> tuple[list[Row], list[str]]:
    """The bulk-import and search rows on this server; case_path is the generated case to search."""
    rows = bench_bulk_import(server, seed, quotes)
    search_rows, note = bench_search(server, case_path, queries)
    return rows + search_rows, [note]
