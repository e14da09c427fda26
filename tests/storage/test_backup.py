"""The backup taken before an upgrade is a checked copy, and a failed one leaves nothing behind."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from casefile.domain.errors import StorageFailure
from casefile.domain.kinds import Kind
from casefile.services import records
from casefile.storage.casefile import CaseFile
from casefile.storage.migrate import backup_to
from tests.storage.filestate import FileState


def test_a_backup_holds_the_same_records(demo_case_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "demo.casefile.v1.bak"
    before = FileState.of(demo_case_path)

    assert backup_to(demo_case_path, target) == target

    assert FileState.of(demo_case_path).sha256 == before.sha256
    with CaseFile.open(target, read_only=True) as copy, CaseFile.open(demo_case_path, read_only=True) as original:
        with copy.reading() as a, original.reading() as b:
            assert records.list_records(a, Kind.QUOTE) == records.list_records(b, Kind.QUOTE)


def test_a_failed_backup_raises_a_clear_error_and_leaves_no_file(empty_case_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "no such folder" / "case.casefile.v1.bak"
    before = FileState.of(empty_case_path)

    with pytest.raises(StorageFailure) as caught:
        backup_to(empty_case_path, target)

    assert "could not back up 'case.casefile'" in caught.value.message
    assert "not changed" in caught.value.hint
    assert not target.exists()
    assert FileState.of(empty_case_path) == before


def test_a_backup_can_be_checked_by_sqlite(empty_case_path: Path, tmp_path: Path) -> None:
    target = backup_to(empty_case_path, tmp_path / "copy.bak")

    with closing(sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA application_id").fetchone() == (0x4346494C,)
