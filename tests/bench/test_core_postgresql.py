"""bench/core.py's PostgreSQL rows at a tiny size, so they cannot rot: both sides do the same work, all timed."""

from __future__ import annotations

import re
from contextlib import closing
from pathlib import Path

from bench.core import render
from bench.core_postgresql import (
    casefile_bulk_import,
    make_base,
    postgresql_rows,
    raw_bulk_import,
    raw_connect,
)
from bench.generate import generate, search_queries
from tests.postgres import TestServer

QUOTES = 60
SEED = 3


def test_each_side_of_the_bulk_import_loads_and_indexes_the_same_quotes(pg_server: TestServer) -> None:
    base = pg_server.new_database()
    make_base(pg_server.url(base), SEED, QUOTES)
    loads = {"casefile": lambda url: casefile_bulk_import(url, SEED, QUOTES),
             "executemany": lambda url: raw_bulk_import(url, SEED, QUOTES, False),
             "copy": lambda url: raw_bulk_import(url, SEED, QUOTES, True)}  # fmt: skip
    found = {}
    for side, load in loads.items():
        url = pg_server.url(pg_server.new_database(base))
        times = load(url)
        assert set(times) == {"insert", "index"}
        with closing(raw_connect(url)) as conn:
            quotes = conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
            indexed = conn.execute("SELECT count(*) FROM search_index WHERE kind = 'quote'").fetchone()[0]
            persons = conn.execute("SELECT count(*) FROM search_index WHERE kind = 'person'").fetchone()[0]
            texts = sorted(t for (t,) in conn.execute("SELECT text FROM quotes"))
        found[side] = (quotes, indexed, persons, texts)
    assert found["casefile"][:2] == (QUOTES, QUOTES)
    assert found["casefile"][2] > 0  # the rebuild kept the base's other records in the index
    # The same quote texts (the same seed and speakers), loaded and indexed alike by each side.
    assert found["executemany"] == found["copy"] == found["casefile"]


def test_the_postgresql_rows_are_all_measured_and_the_raw_query_finds_what_search_finds(
    pg_server: TestServer, tmp_path: Path
) -> None:
    path = tmp_path / "bench.casefile"
    generate(path, QUOTES, seed=SEED)
    queries = search_queries(SEED, count=8)
    rows, notes = postgresql_rows(pg_server, path, QUOTES, SEED, queries)
    table = render(rows)
    assert f"PostgreSQL: bulk import {QUOTES} quotes: insert" in table
    assert all(row.casefile is not None and row.casefile > 0 for row in rows), table
    assert all(row.raw is not None for row in rows if row.goal is not None), table
    (note,) = notes
    match = re.search(r"(\d+)/8 queries found records \(raw: (\d+)/8\)", note)
    assert match and match[1] == match[2] and int(match[1]) > 0, note
