"""Reading a case file from the command line, and creating one: the file operations `casefile.cli` asks for.

The command line never opens the storage layer itself (tests/test_layers.py): it asks here for a
read-only session on a file, runs services on it, and prints what they return.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from casefile.storage import inspection
from casefile.storage.casefile import CaseFile
from casefile.storage.checks import CheckReport, check_file
from casefile.storage.failures import plain_words
from casefile.storage.schema import SCHEMA_REVISION

__all__ = ["SCHEMA_REVISION", "CheckReport", "Opened", "check_file", "create_case", "plain_words", "reading"]


@dataclass
class Opened:
    """A case opened for reading: its session, and what the opening found about the file."""

    session: Session
    schema_revision: int
    warnings: tuple[str, ...]


@contextmanager
def reading(path: Path, *, allow_newer: bool = False, name_bad_values: bool = False) -> Iterator[Opened]:
    """A read-only session on the case; a newer file is read when `allow_newer` (nothing is written).

    With `name_bad_values`, a value no Casefile writes is reported by its row, not as a failure
    deep in a read.
    """
    with CaseFile.open(path, read_only=True, allow_newer=allow_newer) as case_file:
        guard = inspection.naming_bad_values(path) if name_bad_values else _nothing()
        with guard, case_file.reading() as session:
            yield Opened(session, case_file.schema_revision, tuple(case_file.warnings))


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def create_case(path: Path, title: str, **values: Any) -> None:
    """A new, empty case file at the path (refused if one is there)."""
    CaseFile.create(path, title, **values).close()
