"""The SQLAlchemy engine over one case file, with our pragmas and real transactions."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool, QueuePool

PRAGMAS = (
    "PRAGMA foreign_keys=ON",
    # One self-contained file to email: no -wal beside it.
    "PRAGMA journal_mode=DELETE",
    "PRAGMA synchronous=FULL",
    "PRAGMA secure_delete=ON",
    "PRAGMA trusted_schema=OFF",
    "PRAGMA busy_timeout=5000",
    # Up to 64 MiB of page cache, taken only as used. With the default 2 MiB a 100k-record load
    # spills dirty pages mid-transaction, and under journal_mode=DELETE + synchronous=FULL every
    # spill waits for an fsync (bench/core.py measured bulk import and rebuild ~1.5x faster).
    "PRAGMA cache_size=-65536",
)


def sqlite_uri(path: Path | str, *, read_only: bool = False) -> str:
    """A file URI for a path; a string is already a URI (an in-memory database) and is kept."""
    if isinstance(path, str):
        return path
    uri = path.resolve().as_uri()
    return uri + ("?mode=ro" if read_only else "?mode=rw")


def memory_uri(name: str) -> str:
    """An in-memory database every connection of this process can open by name, while one stays open."""
    return f"file:{name}?mode=memory&cache=shared"


def connect(path: Path | str, *, read_only: bool = False, foreign_keys: bool = True) -> sqlite3.Connection:
    """A DB-API connection in explicit-transaction mode; mode=rw never creates a file."""
    # Pragmas such as foreign_keys are ignored inside a transaction, so set them in autocommit
    # mode first. pysqlite's legacy transaction handling commits DDL behind our back, so on 3.11
    # we stay in autocommit at the driver and the engine emits BEGIN itself.
    conn = sqlite3.connect(
        sqlite_uri(path, read_only=read_only),
        uri=True,
        check_same_thread=False,
        isolation_level=None,
        factory=_Connection,
    )
    try:
        _configure(conn, read_only=read_only, foreign_keys=foreign_keys)
    except BaseException:
        conn.close()  # the file may be gone or unreadable: do not leave the handle to the garbage collector
        raise
    return conn


class _Connection(sqlite3.Connection):
    """sqlite3's connection, with a rollback that survives SQLite having rolled back already.

    On a full disk (SQLITE_FULL) and a few other errors SQLite ends the transaction itself. From
    Python 3.12, with autocommit=False, sqlite3 then still sends ROLLBACK, which fails with
    "cannot rollback - no transaction is active" and hides the real error (the disk is full)
    behind this one. The transaction is gone either way; open the next one as sqlite3 would.
    """

    def rollback(self) -> None:
        try:
            super().rollback()
        except sqlite3.OperationalError:
            if sys.version_info < (3, 12) or self.in_transaction or self.autocommit is not False:
                raise
            self.execute("BEGIN")  # sqlite3's promise in this mode: a transaction is always open


def decode_text(raw: bytes) -> str:
    """Decode a TEXT value; bytes that are not UTF-8 show as U+FFFD instead of hiding the whole case."""
    return raw.decode("utf-8", "replace")


def _configure(conn: sqlite3.Connection, *, read_only: bool, foreign_keys: bool) -> None:
    conn.text_factory = decode_text
    _harden(conn)
    for pragma in PRAGMAS:
        if read_only and "journal_mode" in pragma:
            continue
        if not foreign_keys and "foreign_keys" in pragma:
            continue
        conn.execute(pragma)
    if sys.version_info >= (3, 12):
        conn.autocommit = False


def _harden(conn: sqlite3.Connection) -> None:
    if sys.version_info >= (3, 12):
        conn.setconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, True)


def make_engine(path: Path | str, *, read_only: bool = False, foreign_keys: bool = True) -> Engine:
    engine = create_engine(
        "sqlite://",
        creator=lambda: connect(path, read_only=read_only, foreign_keys=foreign_keys),
        poolclass=NullPool if read_only else QueuePool,
        # Keep non-ASCII aliases readable in the file (and tokenisable by the FTS index).
        json_serializer=json_dumps,
    )
    if sys.version_info < (3, 12):
        event.listen(engine, "begin", _emit_begin)
    return engine


def json_dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _emit_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")
