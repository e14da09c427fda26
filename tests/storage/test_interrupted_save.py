"""A case file left mid-save by a crash is restored on a normal open, and refused clearly read-only."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from casefile.domain.errors import DamagedCaseFile, NotACaseFile
from casefile.services import case
from casefile.storage.casefile import CaseFile
from tests.storage.filestate import FileState, sqlite_sidecars
from tests.storage.journals import crash_copy


def test_a_normal_open_finishes_the_interrupted_save(empty_case_path: Path, tmp_path: Path) -> None:
    with CaseFile.open(empty_case_path) as case_file, case_file.reading() as session:
        title = case.the_case(session)["title"]
    crashed = crash_copy(empty_case_path, tmp_path / "crashed.casefile")
    assert crashed.read_bytes() != empty_case_path.read_bytes(), "the crash left changed pages in the file"

    with CaseFile.open(crashed) as case_file, case_file.reading() as session:
        assert case.the_case(session)["title"] == title

    assert sqlite_sidecars(crashed) == []
    with closing(sqlite3.connect(crashed)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT count(*) FROM file_meta WHERE key = 'ballast'").fetchone() == (0,)


def test_a_read_only_open_says_the_save_was_interrupted(empty_case_path: Path, tmp_path: Path) -> None:
    crashed = crash_copy(empty_case_path, tmp_path / "crashed.casefile")
    journal = Path(f"{crashed}-journal")
    before, journal_before = FileState.of(crashed), FileState.of(journal)

    with pytest.raises(DamagedCaseFile) as caught:
        CaseFile.open(crashed, read_only=True)

    assert "was not closed cleanly" in caught.value.message
    assert "without read-only" in caught.value.hint
    assert FileState.of(crashed) == before
    assert FileState.of(journal) == journal_before


def test_another_programs_database_with_a_journal_is_not_touched(tmp_path: Path) -> None:
    source = tmp_path / "source.db"
    with closing(sqlite3.connect(source)) as conn:
        conn.execute("CREATE TABLE cases (title TEXT)")
        conn.execute("CREATE TABLE file_meta (key TEXT, value TEXT)")
        conn.execute("INSERT INTO cases VALUES ('theirs')")
        conn.commit()
    crashed = crash_copy(source, tmp_path / "theirs.casefile")
    journal = Path(f"{crashed}-journal")
    before, journal_before = FileState.of(crashed), FileState.of(journal)

    with pytest.raises(NotACaseFile):
        CaseFile.open(crashed)

    assert FileState.of(crashed) == before
    assert FileState.of(journal) == journal_before


def test_a_journal_that_would_bring_back_a_hostile_trigger_is_refused_untouched(
    empty_case_path: Path, tmp_path: Path
) -> None:
    with closing(sqlite3.connect(empty_case_path, isolation_level=None)) as conn:
        conn.execute("CREATE TRIGGER quiet AFTER INSERT ON quotes BEGIN DELETE FROM audit_log; END")
    with closing(sqlite3.connect(empty_case_path, isolation_level=None)) as conn:
        conn.execute("PRAGMA cache_size = 1")
        conn.execute("BEGIN")
        conn.execute("DROP TRIGGER quiet")  # the file on disk looks clean; the journal holds the trigger
        conn.execute("INSERT INTO file_meta VALUES ('ballast', ?)", ("Монгол Улс " * 50_000,))
        crashed = tmp_path / "received.casefile"
        shutil.copyfile(empty_case_path, crashed)
        shutil.copyfile(f"{empty_case_path}-journal", f"{crashed}-journal")
        conn.execute("ROLLBACK")
    journal = Path(f"{crashed}-journal")
    before, journal_before = FileState.of(crashed), FileState.of(journal)

    with pytest.raises(DamagedCaseFile, match=r"trigger 'quiet'"):
        CaseFile.open(crashed)

    assert FileState.of(crashed) == before
    assert FileState.of(journal) == journal_before
