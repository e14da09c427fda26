"""Identifies a file before the app opens it: ours, current, older, newer, foreign or damaged.

Every step reads only, through a read-only connection with no app functions registered, so
a refused file keeps every byte it had.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from casefile import __version__
from casefile.domain.errors import DamagedCaseFile, NewerCaseFile, NotACaseFile
from casefile.storage.engine import sqlite_uri
from casefile.storage.header import MAGIC, Header, read_header
from casefile.storage.models import Base
from casefile.storage.schema import ALEMBIC_REVISIONS, APPLICATION_ID, FTS_TABLE, SCHEMA_REVISION, tables_added_after


@dataclass(frozen=True)
class FileReport:
    path: Path
    header: Header
    alembic_revision: str
    written_by: str

    @property
    def schema_revision(self) -> int:
        return self.header.user_version

    @property
    def needs_migration(self) -> bool:
        return self.schema_revision < SCHEMA_REVISION


def inspect(path: Path) -> FileReport:
    header = read_header(path)
    name = path.name
    with closing(_bare_connection(path)) as conn:
        if header.user_version > SCHEMA_REVISION:
            raise _newer(name, header, conn)
        written_by = _written_by(conn, name)
        revision = _alembic_revision(conn, name)
        _require_tables(conn, name, header.user_version)
    if ALEMBIC_REVISIONS.get(header.user_version) != revision:
        raise DamagedCaseFile(
            f"'{name}' contradicts itself: its header says schema revision {header.user_version}, "
            f"its migration table says '{revision}'.",
            "Ask the sender for a fresh copy.",
        )
    return FileReport(path, header, revision, written_by)


def finish_interrupted_save(path: Path) -> None:
    """Let SQLite roll back a save cut short by a crash, as any read-write open would.

    A hot journal beside the file holds the pages as they were before the interrupted save;
    until it is played back the file looks damaged to a read-only connection. Only files with
    our mark are touched, so a stray journal beside another program's file never makes us
    write to that file.
    """
    journal = path.with_name(path.name + "-journal")
    if not (journal.is_file() and journal.stat().st_size and _carries_our_mark(path)):
        return
    with closing(sqlite3.connect(sqlite_uri(path), uri=True)) as conn:
        conn.execute("PRAGMA trusted_schema=OFF")
        _query(conn, path.name, "SELECT count(*) FROM sqlite_schema")


def _carries_our_mark(path: Path) -> bool:
    if not path.is_file():
        return False
    with path.open("rb") as handle:
        head = handle.read(72)
    return head.startswith(MAGIC) and head[68:72] == APPLICATION_ID.to_bytes(4, "big")


def _newer(name: str, header: Header, conn: sqlite3.Connection) -> NewerCaseFile:
    # A later Casefile may have reshaped any table, file_meta included: never let that hide
    # the one thing the reader needs to know, that the file is newer.
    try:
        written_by = _written_by(conn, name)
    except (NotACaseFile, DamagedCaseFile):
        written_by = _UNKNOWN_WRITER
    return NewerCaseFile(
        f"'{name}' was written by {written_by} (schema revision {header.user_version}); "
        f"this is Casefile {__version__}, which reads up to revision {SCHEMA_REVISION}.",
        "Update Casefile to open it. The file has not been changed.",
    )


def _bare_connection(path: Path) -> sqlite3.Connection:
    # No app functions: a hostile CHECK or trigger has nothing of ours to call.
    conn = sqlite3.connect(sqlite_uri(path, read_only=True), uri=True)
    conn.execute("PRAGMA trusted_schema=OFF")
    return conn


def _query(conn: sqlite3.Connection, name: str, sql: str) -> list[tuple[object, ...]]:
    try:
        return conn.execute(sql).fetchall()
    except sqlite3.DatabaseError as exc:
        message = str(exc)
        if "readonly" in message:
            # A read-only connection writes only to roll back a hot journal (SQLITE_READONLY_ROLLBACK).
            raise DamagedCaseFile(
                f"'{name}' was not closed cleanly: a save was interrupted, and its journal is still beside it.",
                "Open it once without read-only so Casefile can finish restoring it; keep the "
                f"'{name}-journal' file next to it until then.",
            ) from None
        if "no such table" in message:
            raise NotACaseFile(
                f"'{name}' has Casefile's mark but not its tables ({message}).",
                "It may come from another program; open a file created by Casefile.",
            ) from None
        raise DamagedCaseFile(
            f"'{name}' is damaged ({message}).",
            "Use your most recent backup, or ask the sender for a fresh copy.",
        ) from None


def _written_by(conn: sqlite3.Connection, name: str) -> str:
    rows = _query(conn, name, "SELECT value FROM file_meta WHERE key = 'written_by'")
    return str(rows[0][0]) if rows else _UNKNOWN_WRITER


_UNKNOWN_WRITER = "an unknown version of Casefile"


def _alembic_revision(conn: sqlite3.Connection, name: str) -> str:
    rows = _query(conn, name, "SELECT version_num FROM alembic_version")
    if len(rows) != 1:
        raise DamagedCaseFile(f"'{name}' has no schema revision recorded.", "Ask the sender for a fresh copy.")
    return str(rows[0][0])


def _require_tables(conn: sqlite3.Connection, name: str, revision: int) -> None:
    present = {row[0] for row in _query(conn, name, "SELECT name FROM sqlite_schema WHERE type = 'table'")}
    # The full-text index is made by hand, outside the ORM metadata, but search needs it all the same.
    expected = {*Base.metadata.tables, FTS_TABLE} - tables_added_after(revision)
    missing = sorted(expected - present)
    if missing:
        raise DamagedCaseFile(f"'{name}' is missing tables: {', '.join(missing)}.", "Ask the sender for a fresh copy.")
