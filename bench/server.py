"""Many analysts on one server case at once: 8 writer processes x 500 edits, 4 readers searching.

Each edit appends a token to the notes of one of a few shared persons, through the services with the
version check (records.update_fields(expected=...)); a refused save is re-read and tried again, as the
window's "keep mine" does. At the end every token reported saved must be in the notes it was added to:
the count of those missing is the lost updates (must be 0), and the audit trail must verify as one
chain. The same edits are then made with raw psycopg (one UPDATE ... SET notes = notes || token per
transaction, autocommit), in the same run, as the baseline.

Usage: python bench/server.py [--url URL] [--writers 8] [--edits 500] [--readers 4] [--persons 20]
Without --url a throwaway server is started (bench/pg.py; needs PostgreSQL's binaries).
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.pg import database
from casefile.domain.errors import EditConflict
from casefile.domain.kinds import Kind
from casefile.services import audit, records, search
from casefile.storage.server import ServerCase, init_database

CASE = "bench"
WORDS = ("свидетель", "khurelsukh", "airport", "مطار", "עד", "证人", "note", "w1", "e7")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def casefile_writer(url: str, ids: list[str], edits: int, number: int, out: Any) -> None:
    rng = random.Random(number)
    latencies, saved, retries = [], [], 0
    with ServerCase.open(url, CASE) as case:
        begun = time.time()
        for edit in range(edits):
            target, token = rng.choice(ids), f"w{number}e{edit};"
            started = time.perf_counter()
            while True:
                with case.reading() as session:
                    seen = records.get(session, target).values
                try:
                    with case.unit_of_work() as session:
                        notes = (seen["notes"] or "") + token
                        records.update_fields(session, target, {"notes": notes}, expected=seen)
                    break
                except EditConflict:
                    retries += 1  # someone saved first: read theirs and add ours to it
            latencies.append(time.perf_counter() - started)
            saved.append((target, token))
    out.put({"latencies": latencies, "saved": saved, "retries": retries, "start": begun, "end": time.time()})


def raw_writer(url: str, schema: str, ids: list[str], edits: int, number: int, out: Any) -> None:
    import psycopg

    rng = random.Random(number)
    latencies, saved = [], []
    with psycopg.connect(url, autocommit=True) as conn:
        begun = time.time()
        for edit in range(edits):
            target, token = rng.choice(ids), f"r{number}e{edit};"
            started = time.perf_counter()
            conn.execute(
                f"UPDATE {schema}.persons SET notes = coalesce(notes, '') || %s WHERE id = %s", (token, target)
            )
            latencies.append(time.perf_counter() - started)
            saved.append((target, token))
    out.put({"latencies": latencies, "saved": saved, "retries": 0, "start": begun, "end": time.time()})


def reader(url: str, stop: Any, ready: Any, out: Any) -> None:
    rng = random.Random()
    latencies = []
    with ServerCase.open(url, CASE) as case:
        ready.put(True)
        while not stop.is_set():
            started = time.perf_counter()
            with case.reading() as session:
                search.search(session, rng.choice(WORDS))
            latencies.append(time.perf_counter() - started)
    out.put(latencies)


def run_writers(target: Any, args: tuple[Any, ...], writers: int, readers: int, url: str) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    out, reads, ready, stop = context.Queue(), context.Queue(), context.Queue(), context.Event()
    searchers = [context.Process(target=reader, args=(url, stop, ready, reads)) for _ in range(readers)]
    for process in searchers:
        process.start()
    for _ in searchers:
        ready.get()  # every reader is searching before the first edit
    procs = [context.Process(target=target, args=(*args, n, out)) for n in range(writers)]
    for process in procs:
        process.start()
    results = [out.get() for _ in procs]
    # From the first edit to the last, as the writers timed them (not counting processes starting).
    elapsed = max(r["end"] for r in results) - min(r["start"] for r in results)
    stop.set()
    search_latencies = [v for _ in searchers for v in reads.get()]
    for process in [*procs, *searchers]:
        process.join()
    return {"elapsed": elapsed, "results": results, "searches": search_latencies}


def lost(url: str, schema: str, results: list[dict[str, Any]]) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        notes = dict(conn.execute(f"SELECT id, coalesce(notes, '') FROM {schema}.persons").fetchall())
    return sum(1 for r in results for target, token in r["saved"] if token not in notes[target])


def chain_ok(url: str) -> bool:
    with ServerCase.open(url, CASE) as case, case.reading() as session:
        return audit.verify_chain(session) is None


def seed(url: str, persons: int) -> list[str]:
    init_database(url)
    with ServerCase.create(url, CASE, "Benchmark") as case, case.unit_of_work() as session:
        return [records.create(session, Kind.PERSON, {"name": f"Свидетель {i} {uuid.uuid4().hex[:4]}"}).id
                for i in range(persons)]  # fmt: skip


def row(name: str, run: dict[str, Any], lost_updates: int, chain: str) -> str:
    latencies = [v for r in run["results"] for v in r["latencies"]]
    edits = len(latencies)
    retries = sum(r["retries"] for r in run["results"])
    searches = run["searches"]
    search_cell = "—"
    if searches:
        search_cell = f"{statistics.median(searches) * 1000:.0f} / {_percentile(searches, 0.95) * 1000:.0f} ms"
    return (f"| {name} | {edits} | {edits / run['elapsed']:.0f} | {statistics.median(latencies) * 1000:.1f} / "
            f"{_percentile(latencies, 0.95) * 1000:.1f} ms | {retries} | {lost_updates} | {chain} | "
            f"{len(searches)}, {search_cell} |")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url")
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--edits", type=int, default=500)
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--persons", type=int, default=20)
    args = parser.parse_args()
    schema = f"case_{CASE}"
    with database(args.url) as url:
        ids = seed(url, args.persons)
        casefile = run_writers(casefile_writer, (url, ids, args.edits), args.writers, args.readers, url)
        casefile_lost = lost(url, schema, casefile["results"])
        chain = "verifies" if chain_ok(url) else "BROKEN"
        raw = run_writers(raw_writer, (url, schema, ids, args.edits), args.writers, args.readers, url)
        raw_lost = lost(url, schema, raw["results"])
    print(f"{args.writers} writers x {args.edits} edits on {args.persons} shared persons, {args.readers} readers")
    print("| writes through | edits | edits/s | p50 / p95 per edit | refused and retried | lost updates | audit chain "
          "| searches, p50 / p95 |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|")
    print(row("Casefile services (version check, audit row, index)", casefile, casefile_lost, chain))
    print(row("raw psycopg UPDATE (autocommit)", raw, raw_lost, "not written"))
    if casefile_lost or chain != "verifies":
        raise SystemExit(1)


if __name__ == "__main__":
    main()
