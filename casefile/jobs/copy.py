"""Save a Copy: a consistent snapshot of an open case, written atomically."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing, suppress
from pathlib import Path

from casefile.domain.audit import Action
from casefile.domain.errors import CaseFileNotFound, StorageFailure
from casefile.jobs import audit_events
from casefile.storage.engine import sqlite_uri


def save_copy(case_path: Path, target: Path, *, read_only: bool = False) -> Path:
    """Copy through SQLite's backup API (safe while the case is open), then fsync and rename into place.

    The original's audit trail then records the copy, unless the caller has the case open read-only.
    """
    if not target.parent.is_dir():
        raise CaseFileNotFound(f"The folder '{target.parent}' does not exist.", "Choose an existing folder.")
    if target.resolve() == case_path.resolve():
        raise StorageFailure("A copy cannot replace the case it is copied from.", "Choose another name.")
    temp = target.with_name(f".{target.name}.{os.getpid()}.copying")
    try:
        with (
            closing(sqlite3.connect(sqlite_uri(case_path, read_only=True), uri=True)) as source,
            closing(sqlite3.connect(temp)) as dest,
        ):
            source.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")
        with temp.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except OSError as exc:
        raise StorageFailure(f"The copy could not be written: {exc.strerror or exc}.", "Check the disk.") from exc
    finally:
        with suppress(FileNotFoundError):
            temp.unlink()
    with audit_events.open_to_read(case_path, read_only=read_only) as case_file:
        audit_events.record(case_file, Action.COPY, {"file": target.name})
    return target
