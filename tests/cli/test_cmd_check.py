"""`casefile check`: exit 0 on a clean file, 1 with the problems listed, 2 when it is no case file at all."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from casefile.services import records
from casefile.storage.casefile import CaseFile
from casefile.storage.checks import MAX_REPORTED, check_file
from casefile.storage.schema import FTS_TABLE, SCHEMA_REVISION
from tests.cli.conftest import RunCli
from tests.storage.filestate import FileState


def _raw(path: Path) -> sqlite3.Connection:
    # Foreign keys are off by default here, which is how damage gets in.
    return sqlite3.connect(path, isolation_level=None)


def test_clean_file_exits_zero(cli: RunCli, demo_case_path: Path) -> None:
    before = FileState.of(demo_case_path)
    run = cli("check", demo_case_path)
    assert run.code == 0, run.out
    assert run.out.splitlines()[0] == f"Schema revision: {SCHEMA_REVISION}"
    assert "no problems found" in run.out
    assert FileState.of(demo_case_path) == before


def test_empty_case_is_clean(cli: RunCli, empty_case_path: Path) -> None:
    assert cli("check", empty_case_path).code == 0


def test_dangling_foreign_keys_exit_one(cli: RunCli, demo_case_path: Path) -> None:
    with closing(_raw(demo_case_path)) as conn:
        conn.execute("INSERT INTO warrant_articles VALUES ('no-such-warrant', 'no-such-article', 0)")
    before = FileState.of(demo_case_path)
    run = cli("check", demo_case_path)
    assert run.code == 1
    assert "table 'warrant_articles' points to a missing row of 'warrants'" in run.out
    assert "table 'warrant_articles' points to a missing row of 'records'" in run.out
    assert "2 problem(s) found" in run.out
    assert FileState.of(demo_case_path) == before


def test_many_dangling_rows_are_summarised(demo_case_path: Path) -> None:
    with closing(_raw(demo_case_path)) as conn:
        rows = [(f"w{i}", "a", i) for i in range(MAX_REPORTED + 5)]
        conn.executemany("INSERT INTO warrant_articles VALUES (?, ?, ?)", rows)
    report = check_file(demo_case_path)
    assert len(report.problems) == MAX_REPORTED + 1
    assert report.problems[-1] == f"Foreign key: {2 * len(rows) - MAX_REPORTED} more rows point to missing rows."


def test_an_index_that_disagrees_with_its_table_exits_one(cli: RunCli, demo_case_path: Path) -> None:
    with closing(_raw(demo_case_path)) as conn:
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute(
            "UPDATE sqlite_schema SET sql = replace(sql, '(speaker_id)', '(source_id)') "
            "WHERE name = 'ix_quotes_speaker_id'"
        )
    run = cli("check", demo_case_path)
    assert run.code == 1
    assert "Integrity:" in run.out
    assert "ix_quotes_speaker_id" in run.out


def test_a_scrambled_page_exits_one(cli: RunCli, demo_case_path: Path) -> None:
    with closing(_raw(demo_case_path)) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'ix_quotes_speaker_id'").fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(demo_case_path.read_bytes())
    start = (root - 1) * page_size
    data[start + 8 : start + page_size] = bytes(reversed(data[start + 8 : start + page_size]))
    demo_case_path.write_bytes(bytes(data))
    run = cli("check", demo_case_path)
    assert run.code == 1
    assert "problem(s) found" in run.out
    assert run.err == ""


def test_a_truncated_file_exits_one_and_says_so(cli: RunCli, demo_case_path: Path) -> None:
    data = demo_case_path.read_bytes()
    demo_case_path.write_bytes(data[: len(data) // 2])
    run = cli("check", demo_case_path)
    assert run.code == 1
    assert "Schema revision: unknown" in run.out
    assert "truncated" in run.out


def test_a_search_index_out_of_step_exits_one(cli: RunCli, demo_case_path: Path) -> None:
    with closing(_raw(demo_case_path)) as conn:
        conn.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = (SELECT min(rowid) FROM {FTS_TABLE})")
        conn.execute(f"INSERT INTO {FTS_TABLE}(rowid, record_id, kind, body) VALUES (999999, 'x', 'person', 'ghost')")
    run = cli("check", demo_case_path)
    assert run.code == 1
    assert "Search index: 1 records are missing" in run.out
    assert "Search index: 1 entries belong to no live record" in run.out


def test_a_soft_deleted_record_is_not_a_problem(cli: RunCli, demo_case_path: Path) -> None:
    with CaseFile.open(demo_case_path) as case_file, case_file.unit_of_work() as session:
        link = records.list_records(session, "link")[0]
        records.delete(session, link.id)
    assert cli("check", demo_case_path).code == 0
