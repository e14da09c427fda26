"""Low-level SQLite failures become errors that say what happened and what to do."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.exc import OperationalError

from casefile.domain.errors import CaseFileProblem, DamagedCaseFile, StorageFailure
from casefile.storage.failures import translate, translated

# The exact texts SQLite 3 gives for each result code.
CASES = [
    ("database or disk is full", StorageFailure, "disk is full"),
    ("attempt to write a readonly database", StorageFailure, "read-only"),
    ("database is locked", StorageFailure, "Another program"),
    ("disk I/O error", StorageFailure, "disk failed"),
    ("database disk image is malformed", DamagedCaseFile, "damaged"),
    ("file is not a database", DamagedCaseFile, "damaged"),
    ("unable to open database file", StorageFailure, "could not be opened"),
]


@pytest.mark.parametrize(("sqlite_text", "error", "words"), CASES)
def test_sqlite_errors_become_our_errors(sqlite_text: str, error: type[CaseFileProblem], words: str) -> None:
    wrapped = OperationalError("INSERT ...", {}, sqlite3.OperationalError(sqlite_text))

    result = translate(wrapped)

    assert type(result) is error
    assert result is not None
    assert words in result.message
    assert result.hint


def test_an_unrecognised_error_passes_through_unchanged() -> None:
    original = sqlite3.OperationalError("no such column: nonsense")

    with pytest.raises(sqlite3.OperationalError) as caught, translated():
        raise original

    assert caught.value is original


def test_a_translated_error_keeps_its_cause() -> None:
    original = sqlite3.OperationalError("database or disk is full")

    with pytest.raises(StorageFailure) as caught, translated():
        raise original

    assert caught.value.__cause__ is original
