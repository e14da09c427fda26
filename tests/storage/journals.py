"""Hostile rollback journals built by code: a hot journal whose trailer names a super-journal."""

from __future__ import annotations

import shutil
import sqlite3
import struct
from contextlib import closing
from pathlib import Path

from casefile.storage.journal import MAGIC


def crash_copy(source: Path, target: Path) -> Path:
    """Copy `source` with its hot journal as they stand in the middle of a large, uncommitted save."""
    with closing(sqlite3.connect(source, isolation_level=None)) as conn:
        conn.execute("PRAGMA cache_size = 1")  # spill changed pages into the file before commit
        conn.execute("BEGIN")
        conn.execute("UPDATE cases SET title = 'half-saved <b>'")
        conn.execute("INSERT INTO file_meta VALUES ('ballast', ?)", ("Монгол Улс " * 50_000,))
        shutil.copyfile(source, target)
        shutil.copyfile(f"{source}-journal", f"{target}-journal")
        conn.execute("ROLLBACK")
    return target


def name_super_journal(journal: Path, super_journal: str, page_size: int = 4096) -> None:
    """Append the trailer SQLite writes when a journal belongs to a multi-database transaction.

    As in SQLite's pager.c (writeSuperJournal): the lock-byte page number, the name, its length,
    the sum of its bytes, and the journal magic. SQLite deletes the named file after playback.
    """
    name = super_journal.encode()
    lock_byte_page = 0x40000000 // page_size + 1
    checksum = sum(struct.unpack(f"{len(name)}b", name)) & 0xFFFFFFFF  # SQLite sums signed chars
    with journal.open("ab") as handle:
        handle.write(struct.pack(">I", lock_byte_page) + name + struct.pack(">II", len(name), checksum) + MAGIC)


def hostile_case(source: Path, target: Path, super_journal: str) -> Path:
    """A crashed copy of `source` whose journal tells SQLite to delete `super_journal`."""
    crash_copy(source, target)
    name_super_journal(Path(f"{target}-journal"), super_journal)
    return target


def play_back_with_sqlite(case: Path) -> None:
    """What any program using SQLite does on a read-write open: play the hot journal back."""
    with closing(sqlite3.connect(case)) as conn:
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchall()
