"""Turns SQLite, PostgreSQL and SQLAlchemy failures into errors a person can act on."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from casefile.domain.errors import CasefileError, DamagedCaseFile, StorageFailure
from casefile.storage import server_failures

_INDEX = "The case's search index is damaged, so Casefile cannot search it. The records themselves are not affected."
_INDEX_HINT = "Run 'casefile check' on the file, and ask the sender for a fresh copy or use your most recent backup."

# SQLite reports a full disk and a file at its page limit with the same words (SQLITE_FULL).
_MESSAGES = (
    ("database or disk is full", "The disk is full (or the case file reached its size limit), so the last change "
     "was not saved.", "Free some space and try again; your case is as it was before that change."),
    ("disk i/o error", "The disk failed while reading or writing the case file, so the last change was not saved.",
     "Check that the drive is still connected, then open the case again."),
    ("readonly database", "This case file is read-only, so changes cannot be saved.",
     "Use File › Save a Copy to keep working on a copy you can write."),
    ("database is locked", "Another program is writing to this case file right now.",
     "Wait a moment and try again, or close the other program."),
    ("malformed", "The case file is damaged.", "Use your most recent backup, or ask the sender for a fresh copy."),
    ("not a database", "The case file is damaged.", "Use your most recent backup, or ask the sender for a fresh copy."),
    ("unable to open", "The case file could not be opened.", "Check that the file and its folder still exist."),
    # The full-text index (FTS5) reports damage in its own words; the records themselves are elsewhere.
    ("fts5", _INDEX, _INDEX_HINT),
    ("vtable constructor failed", _INDEX, _INDEX_HINT),
    ("search_index", _INDEX, _INDEX_HINT),
)  # fmt: skip
_DAMAGED_NEEDLES = ("malformed", "not a database", "fts5", "vtable constructor failed", "search_index")


def translate(exc: BaseException) -> CasefileError | None:
    """The user-facing error for a low-level failure, or None if it is not one we recognise."""
    if is_server_error(exc):
        original = exc.orig if isinstance(exc, DBAPIError) else None
        return server_failures.translate(original or exc)
    text = str(exc.orig if isinstance(exc, DBAPIError) else exc).lower()
    for needle, message, hint in _MESSAGES:
        if needle in text:
            cls = DamagedCaseFile if needle in _DAMAGED_NEEDLES else StorageFailure
            return cls(message, hint)
    return None


def is_server_error(exc: BaseException) -> bool:
    """A failure PostgreSQL or its driver reported (psycopg is imported only by a server case)."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    return type(orig).__module__.split(".")[0] == "psycopg"


def plain_words(exc: BaseException) -> str:
    """What went wrong, for a person: our own words when we know the failure, SQLite's otherwise,
    and never the SQL statement SQLAlchemy appends to its messages."""
    known = translate(exc)
    if known is not None:
        return known.message
    return str(exc.orig if isinstance(exc, DBAPIError) else exc).splitlines()[0] if str(exc) else type(exc).__name__


@contextmanager
def translated() -> Iterator[None]:
    try:
        yield
    except Exception as exc:
        if not isinstance(exc, DBAPIError | sqlite3.Error) and not is_server_error(exc):
            raise
        error = translate(exc)
        if error is None:
            raise
        raise error from exc


@contextmanager
def file_access(path: Path) -> Iterator[None]:
    """Turn an operating-system failure on a case file's path into a message naming that path."""
    try:
        yield
    except OSError as exc:
        if exc.errno is None:
            raise  # raised by our own code with its own message, not by the operating system
        reason = exc.strerror or str(exc)
        raise StorageFailure(
            f"Casefile could not use '{path}': {reason}.",
            "Check the name and the folder, and that you may read and write there.",
        ) from exc
