"""Inspection refuses files that carry our mark but whose insides contradict it."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from casefile.domain.errors import CaseFileProblem, DamagedCaseFile, NotACaseFile
from casefile.storage import inspection
from casefile.storage.casefile import CaseFile
from casefile.storage.schema import APPLICATION_ID, HEAD_REVISION, SCHEMA_REVISION
from tests.storage.filestate import FileState, sqlite_sidecars


def _tamper(path: Path, *statements: str) -> None:
    with closing(sqlite3.connect(path)) as conn:
        for statement in statements:
            conn.execute(statement)
        conn.commit()


def _refused(path: Path, error: type[CaseFileProblem]) -> CaseFileProblem:
    before = FileState.of(path)
    with pytest.raises(error) as caught:
        CaseFile.open(path)
    assert FileState.of(path) == before
    assert sqlite_sidecars(path) == []
    return caught.value


def test_a_good_case_reports_its_revisions(empty_case_path: Path) -> None:
    report = inspection.inspect(empty_case_path)

    assert report.schema_revision == SCHEMA_REVISION
    assert report.alembic_revision == HEAD_REVISION
    assert report.written_by.startswith("Casefile ")
    assert not report.needs_migration


def test_an_unknown_alembic_revision_is_refused(empty_case_path: Path) -> None:
    _tamper(empty_case_path, "UPDATE alembic_version SET version_num = 'f00dbeef'")

    error = _refused(empty_case_path, DamagedCaseFile)

    assert "f00dbeef" in error.message
    assert f"schema revision {SCHEMA_REVISION}" in error.message


def test_a_missing_alembic_revision_is_refused(empty_case_path: Path) -> None:
    _tamper(empty_case_path, "DELETE FROM alembic_version")

    error = _refused(empty_case_path, DamagedCaseFile)

    assert "no schema revision" in error.message


def test_an_older_header_than_any_known_revision_is_refused(empty_case_path: Path) -> None:
    _tamper(empty_case_path, "PRAGMA user_version = 0")

    error = _refused(empty_case_path, DamagedCaseFile)

    assert "schema revision 0" in error.message


@pytest.mark.parametrize("table", ["persons", "links", "warrant_articles", "party_corrections"])
def test_a_file_missing_one_of_our_tables_is_refused(table: str, empty_case_path: Path) -> None:
    _tamper(empty_case_path, "PRAGMA foreign_keys = OFF", f"DROP TABLE {table}")

    error = _refused(empty_case_path, DamagedCaseFile)

    assert f"missing tables: {table}" in error.message


def test_a_file_missing_its_search_index_is_refused(empty_case_path: Path) -> None:
    _tamper(empty_case_path, "DROP TABLE search_index")

    error = _refused(empty_case_path, DamagedCaseFile)

    assert "search_index" in error.message


def test_our_mark_on_an_empty_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "marked.casefile"
    _tamper(path, f"PRAGMA application_id = {APPLICATION_ID}", f"PRAGMA user_version = {SCHEMA_REVISION}")

    error = _refused(path, NotACaseFile)

    assert "mark but not its tables" in error.message


def test_a_newer_file_without_file_meta_still_says_it_is_newer(empty_case_path: Path) -> None:
    _tamper(empty_case_path, "PRAGMA user_version = 99", "DROP TABLE file_meta")

    error = _refused(empty_case_path, CaseFileProblem)

    assert "revision 99" in error.message
    assert "an unknown version of Casefile" in error.message
