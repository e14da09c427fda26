"""Times a 100,000-row spreadsheet import against reading the same sheet plainly plus executemany.

Like with like (issue notes): the CSV import against the `csv` module + `executemany`; the XLSX
import against `openpyxl` in read-only mode + `executemany`. Both sides build the full-text index
afterwards, since a case without it cannot be searched. Each side runs in a fresh process on a
copy of the same empty case. Goal: within 3× of raw.

Usage: python bench/tables.py [--rows 100000] [--seed 1] [--no-fail]
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
import tempfile
import uuid
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.core import Row, in_child, raw_connect, raw_fts_rebuild, render, stopwatch, within
from bench.generate import Synth
from casefile.domain.kinds import Kind
from casefile.export import sheets
from casefile.jobs.tables_io import import_table
from casefile.services.table_import import Duplicates
from casefile.storage.casefile import CaseFile

HEADERS = ["Name", "Name in original script", "Aliases and transliterations", "Role or title", "Nationality",
           "Protected identity", "Notes"]  # fmt: skip
COLUMNS = ["name", "original_name", "aliases", "role", "nationality", "protected", "notes"]


def sheet_rows(count: int, seed: int) -> list[list[str]]:
    synth = Synth(seed)
    rows = []
    for index in range(count):
        p = synth.person(index)
        rows.append([p["name"], p["original_name"], "; ".join(p["aliases"]), p["role"], p["nationality"],
                     "yes" if p["protected"] else "no", p["notes"]])  # fmt: skip
    return rows


def _raw_insert(case_path: Path, rows: list[tuple[Any, ...]]) -> None:
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
    ids = [str(uuid.uuid4()) for _ in rows]
    person_rows = [
        (rid, r[0], r[1], json.dumps([a.strip() for a in r[2].split(";")], ensure_ascii=False), r[3], r[4],
         r[5] == "yes", r[6])
        for rid, r in zip(ids, rows, strict=True)
    ]  # fmt: skip
    with closing(raw_connect(case_path)) as conn:
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO records(id, kind, created_at, updated_at) VALUES (?, 'person', ?, ?)",
            [(rid, now, now) for rid in ids],
        )
        names = ", ".join(["id", *COLUMNS])
        conn.executemany(f"INSERT INTO persons({names}) VALUES ({', '.join('?' * 8)})", person_rows)
        raw_fts_rebuild(conn)
        conn.execute("COMMIT")


def raw_csv(case_path: Path, sheet_path: Path) -> dict[str, float]:
    times: dict[str, float] = {}
    with stopwatch(times, "import"):
        with open(sheet_path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            next(reader)
            rows = [tuple(r) for r in reader]
        _raw_insert(case_path, rows)
    return times


def raw_xlsx(case_path: Path, sheet_path: Path) -> dict[str, float]:
    from openpyxl import load_workbook

    times: dict[str, float] = {}
    with stopwatch(times, "import"):
        book = load_workbook(sheet_path, read_only=True, data_only=True)
        values = book.worksheets[0].iter_rows(values_only=True)
        next(values)
        rows = [tuple("" if v is None else str(v) for v in r) for r in values]
        book.close()
        _raw_insert(case_path, rows)
    return times


def casefile_import(case_path: Path, sheet_path: Path) -> dict[str, float]:
    times: dict[str, float] = {}
    with stopwatch(times, "import"):
        result = import_table(case_path, sheet_path, Kind.PERSON, duplicates=Duplicates.ADD)
    assert len(result.created) > 0
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-fail", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="casefile-bench-tables-") as folder_name:
        folder = Path(folder_name)
        empty = folder / "empty.casefile"
        CaseFile.create(empty, "Table import benchmark").close()
        rows = sheet_rows(args.rows, args.seed)
        csv_path, xlsx_path = folder / "persons.csv", folder / "persons.xlsx"
        sheets.write_csv(csv_path, HEADERS, rows)
        sheets.write_xlsx(xlsx_path, HEADERS, rows, "Persons")
        n = f"{args.rows // 1000}k" if args.rows >= 1000 else str(args.rows)
        table = []
        for label, path, raw_task in (("CSV", csv_path, raw_csv), ("XLSX", xlsx_path, raw_xlsx)):
            copies = [folder / f"{label}-{side}.casefile" for side in ("raw", "ours")]
            for copy in copies:
                shutil.copyfile(empty, copy)
            raw = in_child(raw_task, copies[0], path)
            ours = in_child(casefile_import, copies[1], path)
            reader = "csv module" if label == "CSV" else "openpyxl read-only"
            table.append(Row(f"import {n} persons from {label} (import-table vs {reader} + executemany + FTS)",
                             ours.seconds["import"], raw.seconds["import"], within(3)))  # fmt: skip
            table.append(Row(f"  peak memory, {label}", ours.peak_rss_mib, raw.peak_rss_mib, None, "MiB"))
    print(render(table))
    failed = any(r.result == "FAIL" for r in table)
    return 1 if failed and not args.no_fail else 0


if __name__ == "__main__":
    sys.exit(main())
