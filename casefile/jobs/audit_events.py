"""Recording a whole-file job (export, copy, import) in the case's own audit trail.

A job that only reads a case opens it writable just so it can log itself, in a unit of work of
its own after the job succeeded. It never writes to a case its caller opened read-only, and it
never upgrades an older file merely to log an export: then nothing is recorded.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from casefile.domain.audit import Action
from casefile.domain.errors import CaseFileLinked, CaseFileLocked, NewerCaseFile, StorageFailure
from casefile.scratch import scratch_folder
from casefile.services import audit
from casefile.storage import inspection
from casefile.storage.casefile import CaseFile
from casefile.storage.open_case import OpenCase


@contextmanager
def open_to_read(case_path: Path, *, read_only: bool) -> Iterator[CaseFile]:
    """Open a case for a job that reads it; writable only when logging there changes nothing else.

    A file from an older Casefile is read through an upgraded private copy: this Casefile's
    services expect its own tables, and the file itself is neither upgraded nor changed by an export.
    """
    try:
        older = inspection.inspect(case_path).needs_migration
    except NewerCaseFile:
        # A file from a newer Casefile is read (and exported) read-only if our own tables in it are intact.
        with CaseFile.open(case_path, read_only=True, allow_newer=True) as case_file:
            yield case_file
        return
    if older:
        with _upgraded_copy(case_path) as case_file:
            yield case_file
        return
    with _opened(case_path, read_only) as case_file:
        yield case_file


def _opened(case_path: Path, read_only: bool) -> CaseFile:
    if read_only:
        return CaseFile.open(case_path, read_only=True)
    try:
        return CaseFile.open(case_path)
    except CaseFileLinked:
        return CaseFile.open(case_path, read_only=True)  # a second name on disk: read it, log nothing
    except CaseFileLocked:
        raise  # another Casefile is writing it: say so, as any open does
    except StorageFailure:
        # The case's own disk is full or failing, and writing it was only for the log entry: an
        # export to somewhere else must still work. Nothing is logged then.
        return CaseFile.open(case_path, read_only=True)


@contextmanager
def _upgraded_copy(case_path: Path) -> Iterator[CaseFile]:
    with scratch_folder("older") as work:
        copy = work / case_path.name
        shutil.copyfile(case_path, copy)
        CaseFile.open(copy).close()  # upgrades the copy, as opening for writing would upgrade the file
        with CaseFile.open(copy, read_only=True) as case_file:  # read-only: the export is not logged
            yield case_file


@contextmanager
def given_or_opened(case: Path | OpenCase, *, read_only: bool) -> Iterator[OpenCase]:
    """The window's open case as it is (a file or a server case), or the file at a path opened to read."""
    if isinstance(case, OpenCase):
        yield case
        return
    with open_to_read(Path(case), read_only=read_only) as case_file:
        yield case_file


def record(case_file: OpenCase, action: Action, detail: Mapping[str, Any]) -> bool:
    """Log a finished job; False when the case cannot be written (opened read-only, read-only media, disk full).

    The job itself has succeeded by then, so a case that cannot take the row is left exactly as it was
    rather than turning a finished export into an error.
    """
    if case_file.read_only:
        return False
    try:
        with case_file.unit_of_work() as session:
            audit.append(session, action, detail=detail)
    except StorageFailure:
        return False
    return True
