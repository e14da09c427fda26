"""Opening a file that is not a good case file refuses it, names the problem and changes no byte."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from casefile.domain.errors import (
    CaseFileNotFound,
    CaseFileProblem,
    DamagedCaseFile,
    NewerCaseFile,
    NotACaseFile,
    StorageFailure,
)
from casefile.storage.casefile import CaseFile
from casefile.storage.schema import SCHEMA_REVISION
from tests.storage.filestate import FileState, sqlite_sidecars


def _empty(folder: Path, good: Path) -> Path:
    path = folder / "empty.casefile"
    path.write_bytes(b"")
    return path


def _random_bytes(folder: Path, good: Path) -> Path:
    path = folder / "noise.casefile"
    path.write_bytes(random.Random(20240902).randbytes(16384))
    return path


def _text_file(folder: Path, good: Path) -> Path:
    path = folder / "notes.casefile"
    path.write_text('<b>Путин</b> & <font color="x">Монгол Улс</font>\n', encoding="utf-8")
    return path


def _other_program(folder: Path, good: Path) -> Path:
    path = folder / "addresses.casefile"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO contacts (name) VALUES ('Монгол Улс')")
        conn.commit()
    return path


def _truncated_to(size: Callable[[int], int]) -> Callable[[Path, Path], Path]:
    def build(folder: Path, good: Path) -> Path:
        data = good.read_bytes()
        path = folder / "cut.casefile"
        path.write_bytes(data[: size(len(data))])
        return path

    return build


def _newer(folder: Path, good: Path) -> Path:
    with closing(sqlite3.connect(good)) as conn:
        conn.execute("PRAGMA user_version = 99")
        conn.execute("UPDATE file_meta SET value = 'Casefile 9.0.0' WHERE key = 'written_by'")
        conn.commit()
    return good


def _folder(folder: Path, good: Path) -> Path:
    path = folder / "looks-like.casefile"
    path.mkdir()
    return path


@dataclass(frozen=True)
class Bad:
    build: Callable[[Path, Path], Path]
    error: type[CaseFileProblem]
    words: tuple[str, ...]


BAD_FILES = {
    "empty": Bad(_empty, NotACaseFile, ("empty", "0 bytes")),
    "random bytes": Bad(_random_bytes, NotACaseFile, ("not an SQLite database",)),
    "text with markup": Bad(_text_file, NotACaseFile, ("not an SQLite database",)),
    "another program's database": Bad(_other_program, NotACaseFile, ("another program's SQLite database",)),
    "cut inside the header": Bad(_truncated_to(lambda n: 50), DamagedCaseFile, ("cut short", "50 bytes")),
    "cut at 100 bytes": Bad(_truncated_to(lambda n: 100), DamagedCaseFile, ("truncated", "100 bytes")),
    "cut at half": Bad(_truncated_to(lambda n: n // 2), DamagedCaseFile, ("truncated",)),
    "cut off-page": Bad(_truncated_to(lambda n: n - 1000), DamagedCaseFile, ("truncated",)),
    "newer Casefile": Bad(
        _newer, NewerCaseFile, ("Casefile 9.0.0", "revision 99", f"up to revision {SCHEMA_REVISION}")
    ),
    "folder": Bad(_folder, NotACaseFile, ("is a folder",)),
}


@pytest.mark.parametrize("read_only", [False, True], ids=["read-write", "read-only"])
@pytest.mark.parametrize("case", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_is_refused_and_left_byte_for_byte(
    case: Bad, read_only: bool, empty_case_path: Path, tmp_path: Path
) -> None:
    path = case.build(tmp_path, empty_case_path)
    before = FileState.of(path)

    with pytest.raises(case.error) as caught:
        CaseFile.open(path, read_only=read_only)

    assert type(caught.value) is case.error
    for word in case.words:
        assert word in caught.value.message
    assert path.name in caught.value.message, "the message names the file it refuses"
    assert caught.value.hint, "the message says what to do"
    assert FileState.of(path) == before
    assert sqlite_sidecars(path) == []


def test_the_truncated_message_gives_both_sizes(empty_case_path: Path, tmp_path: Path) -> None:
    size = empty_case_path.stat().st_size
    path = _truncated_to(lambda n: n // 2)(tmp_path, empty_case_path)

    with pytest.raises(DamagedCaseFile) as caught:
        CaseFile.open(path)

    assert f"{size // 2:,} bytes" in caught.value.message
    assert f"promises {size:,}" in caught.value.message


@pytest.mark.parametrize("read_only", [False, True], ids=["read-write", "read-only"])
def test_a_mistyped_path_is_not_found_and_never_created(read_only: bool, tmp_path: Path) -> None:
    path = tmp_path / "Путин в Монголии.casefil"

    with pytest.raises(CaseFileNotFound) as caught:
        CaseFile.open(path, read_only=read_only)

    assert str(path) in caught.value.message
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_path_in_a_missing_folder_is_not_found_and_nothing_is_made(tmp_path: Path) -> None:
    path = tmp_path / "no such folder" / "case.casefile"

    with pytest.raises(CaseFileNotFound):
        CaseFile.open(path)

    assert list(tmp_path.iterdir()) == []


def test_a_file_deleted_after_inspection_is_not_recreated(empty_case_path: Path) -> None:
    # The engine opens lazily; if the file vanishes between the check and the first query,
    # the connection must fail rather than create an empty database in its place.
    case_file = CaseFile.open(empty_case_path)
    empty_case_path.unlink()
    try:
        with pytest.raises(CaseFileProblem), case_file.reading() as session:
            session.connection()
    finally:
        case_file.close()
    assert not empty_case_path.exists()


@pytest.mark.parametrize("read_only", [False, True], ids=["read-write", "read-only"])
def test_a_name_too_long_for_the_file_system_gets_a_message_not_a_traceback(read_only: bool, tmp_path: Path) -> None:
    path = tmp_path / ("Путин" * 60 + ".casefile")

    with pytest.raises(StorageFailure) as caught:
        CaseFile.open(path, read_only=read_only)

    assert "too long" in caught.value.message.lower()
    assert list(tmp_path.iterdir()) == []


def test_a_path_through_a_file_is_not_found(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("x", encoding="utf-8")

    with pytest.raises(CaseFileNotFound):
        CaseFile.open(blocker / "case.casefile")

    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
