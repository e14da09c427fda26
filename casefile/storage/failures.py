"""Turns SQLite and SQLAlchemy failures into errors a person can act on."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError

from casefile.domain.errors import CasefileError, DamagedCaseFile, StorageFailure

_MESSAGES = (
    ("disk is full", "The disk is full, so the last change was not saved.",
     "Free some space and try again; your case is as it was before that change."),
    ("database or disk is full", "The case file has reached its size limit or the disk is full.",
     "Free some space and try again; your case is as it was before that change."),
    ("readonly database", "This case file is read-only, so changes cannot be saved.",
     "Use File › Save a Copy to keep working on a copy you can write."),
    ("database is locked", "Another program is writing to this case file right now.",
     "Wait a moment and try again, or close the other program."),
    ("malformed", "The case file is damaged.", "Use your most recent backup, or ask the sender for a fresh copy."),
    ("not a database", "The case file is damaged.", "Use your most recent backup, or ask the sender for a fresh copy."),
    ("unable to open", "The case file could not be opened.", "Check that the file and its folder still exist."),
)  # fmt: skip


def translate(exc: BaseException) -> CasefileError | None:
    """The user-facing error for a low-level failure, or None if it is not one we recognise."""
    text = str(exc.orig if isinstance(exc, DBAPIError) else exc).lower()
    for needle, message, hint in _MESSAGES:
        if needle in text:
            cls = DamagedCaseFile if needle in ("malformed", "not a database") else StorageFailure
            return cls(message, hint)
    return None


@contextmanager
def translated() -> Iterator[None]:
    try:
        yield
    except (DBAPIError, sqlite3.Error) as exc:
        error = translate(exc)
        if error is None:
            raise
        raise error from exc
