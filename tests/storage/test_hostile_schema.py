"""Schema objects planted in a case file never run, never show, and the file is refused unchanged.

Fixtures come from the app's own code; the hostile change is made through a separate plain
sqlite3 connection, with an "app function" registered there that would leave a marker file if
Casefile ever called it.
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest

from casefile.domain.errors import DamagedCaseFile
from casefile.domain.kinds import Kind
from casefile.services import records
from casefile.storage import inspection
from casefile.storage.casefile import CaseFile
from tests.storage.filestate import FileState, sqlite_sidecars


def _plant(path: Path, marker: Path, *statements: str) -> None:
    """Run `statements` on a plain connection that knows an app function `casefile_hash`."""

    def casefile_hash(*args: object) -> str:
        marker.write_text("called", encoding="utf-8")
        return "0" * 64

    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.create_function("casefile_hash", -1, casefile_hash)
        for statement in statements:
            conn.execute(statement)
    marker.unlink(missing_ok=True)  # planting may have called it; only Casefile's calls count


def _refused_naming(path: Path, marker: Path, *words: str, verify: bool = False) -> DamagedCaseFile:
    before = FileState.of(path)
    started = time.monotonic()
    for read_only in (False, True):
        with pytest.raises(DamagedCaseFile) as caught:
            CaseFile.open(path, read_only=read_only, verify=verify)
        for word in words:
            assert word in caught.value.message
        assert "not been changed" in caught.value.hint
    assert time.monotonic() - started < 5, "refusing must not wait on anything the file asks for"
    assert FileState.of(path) == before
    assert sqlite_sidecars(path) == []
    assert not marker.exists(), "Casefile called a function the file asked for"
    return caught.value


@pytest.fixture
def marker(tmp_path: Path) -> Path:
    return tmp_path / "app-function-was-called"


TAMPERING_TRIGGER = """
CREATE TRIGGER keep_quiet AFTER INSERT ON quotes BEGIN
    UPDATE attachments SET sha256 = '{zero}';
    DELETE FROM audit_log;
END
""".format(zero="0" * 64)


def test_a_tampering_trigger_is_refused(demo_case_path: Path, marker: Path) -> None:
    _plant(demo_case_path, marker, TAMPERING_TRIGGER)

    _refused_naming(demo_case_path, marker, "trigger 'keep_quiet'", "altered outside Casefile")


def test_a_trigger_calling_an_app_function_is_refused(demo_case_path: Path, marker: Path) -> None:
    _plant(
        demo_case_path,
        marker,
        "CREATE TRIGGER rehash AFTER UPDATE ON persons BEGIN SELECT casefile_hash(new.name); END",
    )

    _refused_naming(demo_case_path, marker, "trigger 'rehash'")


def test_a_check_calling_an_app_function_is_refused_and_never_called(demo_case_path: Path, marker: Path) -> None:
    _plant(
        demo_case_path,
        marker,
        "PRAGMA writable_schema = ON",
        "UPDATE sqlite_schema SET sql = replace(sql, 'CONSTRAINT pk_persons', "
        "'CHECK (casefile_hash(name) IS NOT NULL), CONSTRAINT pk_persons') WHERE name = 'persons'",
    )

    _refused_naming(demo_case_path, marker, "table 'persons'", verify=True)


def test_the_full_check_never_calls_an_app_function_from_a_check(demo_case_path: Path, marker: Path) -> None:
    _plant(
        demo_case_path,
        marker,
        "PRAGMA writable_schema = ON",
        "UPDATE sqlite_schema SET sql = replace(sql, 'CONSTRAINT pk_persons', "
        "'CHECK (casefile_hash(name) IS NOT NULL), CONSTRAINT pk_persons') WHERE name = 'persons'",
    )

    problems = inspection.full_check(demo_case_path)

    assert problems, "an unknown function in a CHECK is a problem, not a call"
    assert not marker.exists()


def test_a_view_in_place_of_a_table_is_refused(demo_case_path: Path, marker: Path) -> None:
    _plant(
        demo_case_path,
        marker,
        "PRAGMA foreign_keys = OFF",
        "DROP TABLE persons",
        "CREATE VIEW persons AS SELECT id, 'Fabricated Name' AS name, NULL AS original_name, '[]' AS aliases, "
        "NULL AS role, NULL AS role_from, NULL AS role_to, NULL AS nationality, 0 AS protected, NULL AS notes "
        "FROM records WHERE kind = 'person'",
    )

    _refused_naming(demo_case_path, marker, "view 'persons'", "missing tables: persons")


def test_a_recursive_view_is_refused_without_hanging(empty_case_path: Path, marker: Path) -> None:
    _plant(
        empty_case_path,
        marker,
        "CREATE VIEW forever AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n",
    )

    _refused_naming(empty_case_path, marker, "view 'forever'")


def test_the_bare_connection_will_not_read_through_a_view(empty_case_path: Path, marker: Path) -> None:
    _plant(empty_case_path, marker, "CREATE VIEW shown AS SELECT title FROM cases")

    with closing(inspection.bare_connection(empty_case_path)) as conn, pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT * FROM shown").fetchall()


def test_the_bare_connection_refuses_recursion_and_attach(empty_case_path: Path, tmp_path: Path) -> None:
    with closing(inspection.bare_connection(empty_case_path)) as conn:
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n")
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute(f"ATTACH '{tmp_path / 'other.db'}' AS other")
    assert not (tmp_path / "other.db").exists()


def test_the_bare_connection_stops_a_runaway_query_at_its_deadline(empty_case_path: Path) -> None:
    with closing(inspection.bare_connection(empty_case_path, deadline_seconds=0.05)) as conn:
        started = time.monotonic()
        with pytest.raises(sqlite3.OperationalError, match="interrupted"):
            conn.execute(
                "SELECT count(*) FROM sqlite_schema a, sqlite_schema b, sqlite_schema c, sqlite_schema d, "
                "sqlite_schema e"
            ).fetchall()
    assert time.monotonic() - started < 2


def test_a_huge_text_is_refused_when_verifying_without_reading_it(empty_case_path: Path, marker: Path) -> None:
    with CaseFile.open(empty_case_path) as case_file, case_file.unit_of_work() as session:
        person = records.create(session, Kind.PERSON, {"name": "Fictional Person"})
    _plant(empty_case_path, marker, f"UPDATE persons SET notes = zeroblob(50000000) || '' WHERE id = '{person.id}'")
    _plant(empty_case_path, marker, f"UPDATE persons SET notes = CAST(notes AS TEXT) WHERE id = '{person.id}'")

    error = _refused_naming(empty_case_path, marker, "table 'persons'", "longer than", verify=True)

    assert "integrity check" in error.message


def test_invalid_utf8_opens_and_shows_a_replacement_character(empty_case_path: Path) -> None:
    with CaseFile.open(empty_case_path) as case_file, case_file.unit_of_work() as session:
        person = records.create(session, Kind.PERSON, {"name": "Fictional Person"})
    with closing(sqlite3.connect(empty_case_path, isolation_level=None)) as conn:
        conn.execute("UPDATE persons SET name = CAST(x'4a6f686eff20446f65' AS TEXT) WHERE id = ?", (person.id,))
    before = FileState.of(empty_case_path)

    with CaseFile.open(empty_case_path, read_only=True, verify=True) as case_file, case_file.reading() as session:
        name = records.get(session, person.id)["name"]

    assert name == "John\ufffd Doe"
    assert FileState.of(empty_case_path) == before
