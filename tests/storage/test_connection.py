"""Every connection to a case file runs with our safety settings; read-only means read-only."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from casefile.domain.errors import StorageFailure
from casefile.domain.kinds import Kind
from casefile.services import records
from casefile.storage.casefile import CaseFile
from tests.storage.filestate import FileState, sqlite_sidecars

EXPECTED = {"foreign_keys": 1, "journal_mode": "delete", "synchronous": 2, "secure_delete": 1, "trusted_schema": 0}


def _pragmas(case_file: CaseFile) -> dict[str, object]:
    with case_file.engine.connect() as conn:
        return {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar_one() for name in EXPECTED}


def test_an_opened_case_has_our_settings(empty_case: CaseFile) -> None:
    assert _pragmas(empty_case) == EXPECTED


def test_every_pooled_connection_has_our_settings(empty_case: CaseFile) -> None:
    # Two connections at once force the pool to make a second one.
    with empty_case.engine.connect() as first, empty_case.engine.connect() as second:
        for conn in (first, second):
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
            assert conn.exec_driver_sql("PRAGMA trusted_schema").scalar_one() == 0


def test_a_read_only_case_has_our_settings_too(empty_case_path: Path) -> None:
    with CaseFile.open(empty_case_path, read_only=True) as case_file:
        assert _pragmas(case_file) == EXPECTED


def test_foreign_keys_are_enforced_in_a_unit_of_work(empty_case: CaseFile) -> None:
    with pytest.raises(Exception, match="FOREIGN KEY"), empty_case.unit_of_work() as session:
        session.execute(text("INSERT INTO persons (id, name, aliases, protected) VALUES ('nobody', 'x', '[]', 0)"))


def test_a_write_to_a_read_only_case_is_refused_and_changes_nothing(empty_case_path: Path) -> None:
    before = FileState.of(empty_case_path)

    with CaseFile.open(empty_case_path, read_only=True) as case_file:
        with pytest.raises(StorageFailure) as caught, case_file.unit_of_work() as session:
            records.create(session, Kind.PERSON, {"name": "Путин"})
        with case_file.reading() as session:
            assert records.list_records(session, Kind.PERSON) == []

    assert "read-only" in caught.value.message
    assert caught.value.hint
    assert FileState.of(empty_case_path) == before
    assert sqlite_sidecars(empty_case_path) == []


def test_reading_a_read_only_case_changes_no_byte(demo_case_path: Path) -> None:
    before = FileState.of(demo_case_path)

    with CaseFile.open(demo_case_path, read_only=True) as case_file, case_file.reading() as session:
        names = {p["name"] for p in records.list_records(session, Kind.PERSON)}

    assert "Vladimir Putin" in names
    assert FileState.of(demo_case_path) == before
