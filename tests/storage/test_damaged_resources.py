"""Read-only files: root ignores chmod, so read-only is proved with a mode=ro connection."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from casefile.domain.errors import StorageFailure
from casefile.domain.kinds import Kind
from casefile.services import records
from casefile.storage import inspection
from casefile.storage.casefile import CaseFile
from tests.storage.filestate import FileState, sqlite_sidecars


def test_a_write_to_a_read_only_case_is_refused_clearly_and_changes_nothing(demo_case_path: Path) -> None:
    before = FileState.of(demo_case_path)

    with CaseFile.open(demo_case_path, read_only=True) as case_file:
        with pytest.raises(StorageFailure) as caught, case_file.unit_of_work() as session:
            records.create(session, Kind.PERSON, {"name": "Fictional Person"})

    assert "read-only" in caught.value.message
    assert caught.value.hint
    assert FileState.of(demo_case_path) == before
    assert sqlite_sidecars(demo_case_path) == []


def test_inspection_never_writes_even_to_a_writable_file(demo_case_path: Path) -> None:
    before = FileState.of(demo_case_path)

    inspection.inspect(demo_case_path, verify=True)
    with closing(inspection.bare_connection(demo_case_path)) as conn:
        with pytest.raises(sqlite3.DatabaseError, match=r"not authorized|readonly"):
            conn.execute("DELETE FROM file_meta")

    assert FileState.of(demo_case_path) == before
