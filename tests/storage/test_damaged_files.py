"""Damaged, foreign and newer files are refused before the engine opens them, byte for byte unchanged.

Each fixture is built with the app's own code, then damaged through a separate plain sqlite3
connection or by rewriting bytes; empty, random, foreign and truncated files are in test_refusal.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from casefile.domain.errors import CaseFileProblem, DamagedCaseFile, NewerCaseFile
from casefile.services import case
from casefile.storage import inspection
from casefile.storage.casefile import CaseFile
from casefile.storage.schema import SCHEMA_REVISION
from tests.storage.filestate import FileState, sqlite_sidecars


def _tamper(path: Path, *statements: str) -> None:
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        for statement in statements:
            conn.execute(statement)


def _refused(path: Path, error: type[CaseFileProblem], **options: bool) -> CaseFileProblem:
    before = FileState.of(path)
    with pytest.raises(error) as caught:
        CaseFile.open(path, **options)
    assert FileState.of(path) == before, "a refused file keeps every byte and gains no neighbour"
    assert sqlite_sidecars(path) == []
    assert path.name in caught.value.message
    assert caught.value.hint, "every refusal says what to do"
    return caught.value


def _smash_page_of(path: Path, table: str) -> None:
    """Overwrite a page in the middle of the file that holds rows of `table` with garbage."""
    with closing(sqlite3.connect(path)) as conn:
        pages = [row[0] for row in conn.execute("SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno", (table,))]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    page = pages[len(pages) // 2]
    data = bytearray(path.read_bytes())
    data[(page - 1) * page_size : page * page_size] = bytes(range(251)) * (page_size // 251) + b"\xff" * (
        page_size % 251
    )
    path.write_bytes(bytes(data))


def test_a_smashed_page_is_refused_when_verifying(demo_case_path: Path) -> None:
    _smash_page_of(demo_case_path, "records")

    error = _refused(demo_case_path, DamagedCaseFile, verify=True)

    assert "failed its integrity check" in error.message


def test_a_smashed_page_is_listed_by_the_full_check(demo_case_path: Path) -> None:
    _smash_page_of(demo_case_path, "records")
    before = FileState.of(demo_case_path)

    problems = inspection.full_check(demo_case_path)

    assert problems and problems[0].startswith(("Integrity:", "SQLite could not finish"))
    assert FileState.of(demo_case_path) == before


def test_a_malformed_schema_row_is_refused(empty_case_path: Path) -> None:
    _tamper(
        empty_case_path,
        "PRAGMA writable_schema = ON",
        "UPDATE sqlite_schema SET sql = 'CREATE TABLE persons (id' WHERE name = 'persons'",
    )

    error = _refused(empty_case_path, DamagedCaseFile)

    assert "malformed" in error.message


@pytest.mark.parametrize("read_only", [False, True], ids=["read-write", "read-only"])
def test_a_newer_revision_is_refused_naming_its_version(read_only: bool, empty_case_path: Path) -> None:
    _tamper(
        empty_case_path,
        "PRAGMA user_version = 7",
        "UPDATE file_meta SET value = 'Casefile 7.1' WHERE key = 'written_by'",
    )

    error = _refused(empty_case_path, NewerCaseFile, read_only=read_only)

    assert "Casefile 7.1" in error.message and "revision 7" in error.message
    assert "read-only" in error.hint


def test_a_newer_revision_opens_read_only_when_asked(demo_case_path: Path) -> None:
    _tamper(
        demo_case_path,
        "PRAGMA user_version = 7",
        "UPDATE file_meta SET value = 'Casefile 7.1' WHERE key = 'written_by'",
        "CREATE TABLE later_feature (id INTEGER PRIMARY KEY, note TEXT)",
    )
    before = FileState.of(demo_case_path)

    with CaseFile.open(demo_case_path, read_only=True, allow_newer=True) as case_file:
        with case_file.reading() as session:
            title = case.the_case(session)["title"]
        warnings = case_file.warnings

    assert title
    assert case_file.read_only
    assert any("Casefile 7.1" in w and "read-only" in w for w in warnings)
    assert FileState.of(demo_case_path) == before


def test_a_newer_revision_with_a_view_is_refused_even_read_only(empty_case_path: Path) -> None:
    _tamper(empty_case_path, "PRAGMA user_version = 7", "CREATE VIEW later_view AS SELECT 1")

    error = _refused(empty_case_path, NewerCaseFile, read_only=True, allow_newer=True)

    assert "cannot be shown even read-only" in error.message


@pytest.mark.parametrize("version", [3, 4, 255])
def test_a_newer_file_format_is_refused_naming_it(version: int, empty_case_path: Path) -> None:
    data = bytearray(empty_case_path.read_bytes())
    data[18] = data[19] = version
    empty_case_path.write_bytes(bytes(data))

    error = _refused(empty_case_path, DamagedCaseFile)

    assert f"file format {version}" in error.message


def test_a_wal_mode_file_is_refused_without_creating_files_beside_it(empty_case_path: Path) -> None:
    _tamper(empty_case_path, "PRAGMA journal_mode = WAL")

    error = _refused(empty_case_path, DamagedCaseFile, read_only=True)

    assert "WAL mode" in error.message


@pytest.fixture
def with_foreign_wal(empty_case_path: Path, tmp_path: Path) -> Iterator[Path]:
    """Our case, plus a -wal another program left beside it holding a change of its own."""
    other = tmp_path / "other.casefile"
    other.write_bytes(empty_case_path.read_bytes())
    conn = sqlite3.connect(other, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE cases SET title = 'Fabricated title'")
    Path(f"{empty_case_path}-wal").write_bytes(Path(f"{other}-wal").read_bytes())
    conn.close()
    yield empty_case_path


@pytest.mark.parametrize("read_only", [False, True], ids=["read-write", "read-only"])
def test_a_wal_file_beside_the_case_is_refused_not_read(read_only: bool, with_foreign_wal: Path) -> None:
    wal = Path(f"{with_foreign_wal}-wal")
    wal_before, before = FileState.of(wal), FileState.of(with_foreign_wal)

    with pytest.raises(DamagedCaseFile) as caught:
        CaseFile.open(with_foreign_wal, read_only=read_only)

    assert wal.name in caught.value.message
    assert "Share Copy" in caught.value.hint
    assert FileState.of(wal) == wal_before
    assert FileState.of(with_foreign_wal) == before
    assert not Path(f"{with_foreign_wal}-shm").exists()


def test_a_restored_save_is_reported_as_a_warning(empty_case_path: Path) -> None:
    with closing(sqlite3.connect(empty_case_path, isolation_level=None)) as conn:
        conn.execute("PRAGMA cache_size = 1")
        conn.execute("BEGIN")
        conn.execute("INSERT INTO file_meta VALUES ('ballast', ?)", ("Монгол Улс " * 50_000,))
        journal = Path(f"{empty_case_path}-journal").read_bytes()
        spilled = empty_case_path.read_bytes()
        conn.execute("ROLLBACK")
    empty_case_path.write_bytes(spilled)
    Path(f"{empty_case_path}-journal").write_bytes(journal)

    with CaseFile.open(empty_case_path) as case_file:
        warnings = case_file.warnings

    assert len(warnings) == 1 and "undid that unfinished save" in warnings[0]
    assert sqlite_sidecars(empty_case_path) == []


def test_a_clean_case_opens_with_no_warnings_and_passes_the_full_check(demo_case_path: Path) -> None:
    fractions: list[float] = []

    assert inspection.full_check(demo_case_path, progress=fractions.append) == []
    with CaseFile.open(demo_case_path, verify=True) as case_file:
        assert case_file.warnings == ()

    assert fractions[-1] == 1.0
    assert fractions == sorted(fractions)


def test_the_full_check_can_be_cancelled(demo_case_path: Path) -> None:
    with pytest.raises(inspection.CheckCancelled):
        inspection.full_check(demo_case_path, cancelled=lambda: True)


def test_schema_revision_constant_matches_shipped_fingerprints() -> None:
    from casefile.storage import fingerprint

    assert fingerprint.shipped(SCHEMA_REVISION) is not None
    assert fingerprint.shipped(SCHEMA_REVISION + 1) is None
