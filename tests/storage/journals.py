"""Hostile rollback journals built by code: a hot journal whose trailer names a super-journal."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
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


_CRASHING_COMMIT = """
import resource, signal, sqlite3, sys
case, other, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
signal.signal(signal.SIGXFSZ, signal.SIG_DFL)  # Python ignores it; the default ends the process
conn = sqlite3.connect(case, isolation_level=None)
conn.execute("PRAGMA cache_size = -200000")  # keep every page in memory until the commit
conn.execute("ATTACH DATABASE ? AS other", (other,))
conn.execute("CREATE TABLE IF NOT EXISTS other.scratch (x)")
conn.execute("BEGIN")
conn.execute("INSERT INTO other.scratch VALUES (1)")
conn.execute("UPDATE cases SET title = 'half-saved'")
conn.execute("INSERT INTO file_meta VALUES ('ballast', ?)", ("Монгол Улс " * 400_000,))
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
conn.execute("COMMIT")
"""


def crash_in_multi_database_commit(case: Path) -> tuple[Path, Path]:
    """Crash a real two-database commit on `case` (the file-size limit ends it mid-commit), leaving the
    journal SQLite itself wrote, with its super-journal trailer. Returns the journal and the path it names.

    Adapted from a helper's branch (journal), which first built this attack from SQLite's own behaviour.
    """
    other = case.with_name("other.db")
    limit = case.stat().st_size + 65536
    result = subprocess.run(
        [sys.executable, "-c", _CRASHING_COMMIT, str(case), str(other), str(limit)], capture_output=True, check=False
    )
    assert result.returncode == -signal.SIGXFSZ, result.stderr
    journal = case.with_name(case.name + "-journal")
    raw = journal.read_bytes()
    assert raw[-8:] == MAGIC, "SQLite wrote no super-journal trailer"
    length = struct.unpack(">I", raw[-16:-12])[0]
    return journal, Path(raw[-16 - length : -16].decode())
