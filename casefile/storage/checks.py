"""Checks a case file for damage without changing it: revision, integrity, foreign keys, search index, attachments."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from casefile.domain.attachments import check_blob
from casefile.domain.errors import DamagedCaseFile
from casefile.storage import audit_log, failures, inspection, pragma_checks
from casefile.storage.engine import connect
from casefile.storage.schema import FTS_TABLE, SCHEMA_REVISION
from casefile.storage.value_check import value_problems

# A badly damaged file can yield thousands of rows; the first ones say enough.
MAX_REPORTED = 20


@dataclass(frozen=True)
class CheckReport:
    path: Path
    schema_revision: int | None  # None when the file is too damaged to say
    problems: tuple[str, ...]
    notes: tuple[str, ...] = ()

    @property
    def clean(self) -> bool:
        return not self.problems


def check_file(path: Path) -> CheckReport:
    """Check a case file read-only; a missing, foreign or newer file raises as it would on open."""
    path = Path(path)
    try:
        report = inspection.inspect(path)
    except DamagedCaseFile as exc:
        # A refused schema may still hide damaged rows: list them too, read on a bare connection.
        return CheckReport(path, None, (str(exc), *inspection.structure_problems(path)))
    notes: tuple[str, ...] = ()
    if report.needs_migration:
        notes = (f"Schema revision {report.schema_revision} is older than {SCHEMA_REVISION}; opening it upgrades it.",)
    return CheckReport(path, report.schema_revision, tuple(_database_problems(path)), notes)


def _database_problems(path: Path) -> list[str]:
    problems: list[str] = []
    with closing(connect(path, read_only=True)) as conn:
        for check in _CHECKS:
            try:
                problems += check(conn)
            except sqlite3.DatabaseError as exc:
                problems.append(f"The check could not finish: {failures.plain_words(exc)}")
    return problems


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    rows = [str(row[0]) for row in conn.execute(f"PRAGMA integrity_check({MAX_REPORTED})")]
    return [] if rows == ["ok"] else [f"Integrity: {row}" for row in rows]


def foreign_key_problems(conn: sqlite3.Connection) -> list[str]:
    return pragma_checks.foreign_key_problems(conn, MAX_REPORTED)


def search_index_problems(conn: sqlite3.Connection) -> list[str]:
    """The index must hold exactly the live records, or search silently misses or invents hits."""
    missing = conn.execute(
        f"SELECT count(*) FROM records WHERE deleted_at IS NULL AND seq NOT IN (SELECT rowid FROM {FTS_TABLE})"
    ).fetchone()[0]
    stale = conn.execute(
        f"SELECT count(*) FROM {FTS_TABLE} WHERE rowid NOT IN (SELECT seq FROM records WHERE deleted_at IS NULL)"
    ).fetchone()[0]
    problems = []
    if missing:
        problems.append(f"Search index: {missing} records are missing from it, so searches will not find them.")
    if stale:
        problems.append(f"Search index: {stale} entries belong to no live record, so searches show ghosts.")
    return problems


def attachment_problems(conn: sqlite3.Connection) -> list[str]:
    """Re-hash every stored attachment, deleted ones too: SQLite's own checks cannot see a flipped bit in a blob.

    Every mismatch is listed, not the first few: each one is a piece of evidence to replace.
    """
    if conn.execute("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'attachments'").fetchone() is None:
        return []  # a file from before schema revision 2 has no attachments
    rows = conn.execute("SELECT id, file_name, sha256, size, data FROM attachments ORDER BY rowid")
    found = (check_blob(str(row[0]), *row[1:]) for row in rows)  # one blob in memory at a time
    return [mismatch.describe() for mismatch in found if mismatch is not None]


def audit_chain_problems(conn: sqlite3.Connection) -> list[str]:
    """Verify the audit log's hash chain and name the first row that is not what was written."""
    if conn.execute("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit_log'").fetchone() is None:
        return []  # a file from before schema revision 2 has no audit log yet
    broken = audit_log.first_break_raw(conn)
    if broken is None:
        return []
    return [f"Audit trail: {broken} The log was altered outside Casefile; the entries before it are intact."]


_CHECKS: tuple[Callable[[sqlite3.Connection], list[str]], ...] = (
    integrity_problems,
    foreign_key_problems,
    value_problems,
    search_index_problems,
    audit_chain_problems,
    attachment_problems,
)
