"""Identifies a file before the app opens it: ours, current, older, newer, foreign or damaged.

Every step reads only, through a hardened read-only connection with no app functions
registered, so a refused file keeps every byte it had and nothing inside it runs. The order
is fixed: raw header, the files beside it, the exact schema, then the two tiny tables we read.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy import JSON, String

from casefile import __version__
from casefile.domain.errors import CasefileError, DamagedCaseFile, NewerCaseFile, NotACaseFile
from casefile.domain.validation import MAX_TEXT
from casefile.scratch import scratch_folder
from casefile.storage import fingerprint, journal
from casefile.storage.engine import decode_text, sqlite_uri
from casefile.storage.header import MAGIC, Header, read_header
from casefile.storage.models import Base
from casefile.storage.pragma_checks import foreign_key_problems
from casefile.storage.schema import ALEMBIC_REVISIONS, APPLICATION_ID, SCHEMA_REVISION, is_fts_table
from casefile.storage.value_check import value_problems

# Inspection reads the schema and two one-row tables: anything slower is a file built to hang us.
INSPECT_SECONDS = 5.0
# No field we write holds more than MAX_TEXT characters, at most four bytes each in UTF-8.
MAX_FIELD_BYTES = MAX_TEXT * 4
# What SQLite itself allows for one value; attachments may come close, nothing may pass it.
MAX_VALUE_BYTES = 1_000_000_000

_ALLOWED_FUNCTIONS = frozenset({"count", "length", "max"})
_ALLOWED_PRAGMAS = frozenset({"quick_check", "integrity_check", "foreign_key_check", "page_count"})
_PROGRESS_STEPS = 1000  # SQLite virtual-machine steps between two looks at the clock

T = TypeVar("T")


@dataclass(frozen=True)
class FileReport:
    path: Path
    header: Header
    alembic_revision: str
    written_by: str
    warnings: tuple[str, ...] = ()  # things the user should know although the file opens

    @property
    def schema_revision(self) -> int:
        return self.header.user_version

    @property
    def is_newer(self) -> bool:
        return self.schema_revision > SCHEMA_REVISION

    @property
    def needs_migration(self) -> bool:
        return self.schema_revision < SCHEMA_REVISION


class CheckCancelled(CasefileError):
    """The user stopped a full check before it finished; nothing was concluded about the file."""


def inspect(path: Path, *, allow_newer: bool = False, verify: bool = False, notes: tuple[str, ...] = ()) -> FileReport:
    """Classify a file or refuse it. A newer file passes only with allow_newer, for read-only use.

    `verify` adds the full check (seconds on a big file), for files received from elsewhere;
    `notes` are earlier warnings (such as a restored save) to hand on in the report.
    """
    header = read_header(path)
    _refuse_sidecars(path)
    with closing(bare_connection(path)) as conn:
        objects = _guarded(conn, path.name, lambda: fingerprint.read_schema(conn))
        if header.user_version > SCHEMA_REVISION:
            report = _inspect_newer(conn, path, header, objects, allow_newer)
        else:
            report = _inspect_known(conn, path, header, objects)
    if verify:
        _require_clean(path)
    return FileReport(
        report.path, report.header, report.alembic_revision, report.written_by, (*notes, *report.warnings)
    )


def bare_connection(path: Path, *, deadline_seconds: float = INSPECT_SECONDS) -> sqlite3.Connection:
    """A read-only connection on which nothing stored in the file can run code or hang.

    No app functions are registered, so a hostile CHECK or trigger has nothing of ours to call;
    the authorizer refuses anything a case file never needs, and the deadline stops a runaway.
    """
    conn = sqlite3.connect(sqlite_uri(path, read_only=True), uri=True, isolation_level=None)
    try:
        _harden(conn)
        _guarded(conn, path.name, lambda: _set_pragmas(conn))
        conn.set_authorizer(_authorize)
        set_deadline(conn, deadline_seconds)
    except BaseException:
        conn.close()
        raise
    return conn


def set_deadline(conn: sqlite3.Connection, seconds: float, cancelled: Callable[[], bool] | None = None) -> None:
    """Make every statement from now on stop once `seconds` pass or `cancelled()` says so."""
    deadline = time.monotonic() + seconds

    def stop() -> bool:
        return time.monotonic() > deadline or (cancelled is not None and cancelled())

    conn.set_progress_handler(stop, _PROGRESS_STEPS)


def _harden(conn: sqlite3.Connection) -> None:
    conn.text_factory = decode_text
    conn.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
    conn.setlimit(sqlite3.SQLITE_LIMIT_TRIGGER_DEPTH, 1)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_FIELD_BYTES)
    if sys.version_info >= (3, 12):
        conn.setconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, True)
        conn.setconfig(sqlite3.SQLITE_DBCONFIG_TRUSTED_SCHEMA, False)
        conn.setconfig(sqlite3.SQLITE_DBCONFIG_ENABLE_TRIGGER, False)
        conn.setconfig(sqlite3.SQLITE_DBCONFIG_ENABLE_VIEW, False)


def _set_pragmas(conn: sqlite3.Connection) -> None:
    for pragma in ("trusted_schema=OFF", "cell_size_check=ON", "mmap_size=0", "query_only=ON"):
        conn.execute(f"PRAGMA {pragma}")


def _authorize(action: int, arg1: str | None, arg2: str | None, db: str | None, source: str | None) -> int:
    """Allow plain reads of tables and a few functions and checks; deny everything else."""
    if source is not None:
        return sqlite3.SQLITE_DENY  # the access comes from inside a view or a trigger
    if action in (sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ):
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_FUNCTION:
        return sqlite3.SQLITE_OK if arg2 in _ALLOWED_FUNCTIONS else sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_PRAGMA:
        return sqlite3.SQLITE_OK if arg1 in _ALLOWED_PRAGMAS else sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_DENY


def _refuse_sidecars(path: Path) -> None:
    """Refuse the files beside a case that SQLite would act on before we could check them."""
    journal.refuse_hostile_journals(path)
    # SQLite reads a -wal beside ANY database, even one whose header says rollback mode, and
    # creates a -shm to do it: the bytes we checked would not be the case we showed.
    for wal in journal.beside(path, "-wal"):
        if wal.exists() or wal.is_symlink():
            raise _wal_refusal(path, wal)


def _wal_refusal(path: Path, wal: Path) -> DamagedCaseFile:
    return DamagedCaseFile(
        f"'{path.name}' has a '{wal.name}' file beside it: another program had the case open, "
        "and changes that are not in the case file itself may be waiting in it.",
        "Close the program that has it open and try again. If the file came from someone else, ask "
        "them for a copy made with File › Share Copy. Neither file has been changed.",
    )


def _inspect_known(
    conn: sqlite3.Connection, path: Path, header: Header, objects: frozenset[fingerprint.SchemaObject]
) -> FileReport:
    name, revision = path.name, header.user_version
    expected = fingerprint.shipped(revision)
    if expected is None:
        raise DamagedCaseFile(
            f"'{name}' claims schema revision {revision}, which no version of Casefile writes.", _FRESH_COPY
        )
    if not {o[1] for o in objects if o[0] == "table"} & {o[1] for o in expected if o[0] == "table"}:
        raise NotACaseFile(
            f"'{name}' has Casefile's mark but not its tables.",
            "It may come from another program; open a file created by Casefile.",
        )
    _require_schema(name, objects, expected)
    written_by = _written_by(conn, name)
    alembic_revision = _alembic_revision(conn, name)
    if ALEMBIC_REVISIONS.get(revision) != alembic_revision:
        raise DamagedCaseFile(
            f"'{name}' contradicts itself: its header says schema revision {revision}, "
            f"its migration table says '{alembic_revision}'.",
            "Ask the sender for a fresh copy.",
        )
    return FileReport(path, header, alembic_revision, written_by)


def _require_schema(
    name: str, objects: frozenset[fingerprint.SchemaObject], expected: frozenset[fingerprint.SchemaObject]
) -> None:
    difference = fingerprint.compare(objects, expected)
    if difference.empty:
        return
    if difference.missing_tables and not (difference.unexpected or difference.altered):
        raise DamagedCaseFile(f"'{name}' {difference.describe()}.", _FRESH_COPY)
    raise DamagedCaseFile(
        f"'{name}' has been altered outside Casefile: it {difference.describe()}.",
        "Casefile refuses it because such changes can run code, hide records or rewrite evidence when a case "
        "is opened. The file has not been changed. Ask the sender for a fresh copy, and keep this one aside.",
    )


_FRESH_COPY = "Ask the sender for a fresh copy, or use your most recent backup."


def _inspect_newer(
    conn: sqlite3.Connection,
    path: Path,
    header: Header,
    objects: frozenset[fingerprint.SchemaObject],
    allow_newer: bool,
) -> FileReport:
    error = _newer(path.name, header, conn)
    if not allow_newer:
        raise error
    # We cannot know the newer schema, but we know ours: it must be all there, unchanged, and
    # what was added may only hold data (tables, indexes), never run it (views, triggers).
    ours = fingerprint.shipped(SCHEMA_REVISION) or frozenset()
    difference = fingerprint.compare(objects, ours)
    unsafe = [(kind, name) for kind, name in difference.unexpected if kind not in ("table", "index")]
    if difference.missing_tables or difference.altered or difference.missing_other or unsafe:
        raise NewerCaseFile(
            f"{error.message} It also changes what this version knows, so it cannot be shown even read-only.",
            "Update Casefile to open it. The file has not been changed.",
        )
    written_by = error.message.split(" was written by ", 1)[1].split(" (schema revision", 1)[0]
    revision = _optional(lambda: _alembic_revision(conn, path.name), "")
    return FileReport(path, header, revision, written_by, (f"{error.message} It is open read-only.",))


def _optional(read: Callable[[], str], default: str) -> str:
    try:
        return read()
    except (NotACaseFile, DamagedCaseFile):
        return default


def _require_clean(path: Path) -> None:
    problems = full_check(path)
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise DamagedCaseFile(
            f"'{path.name}' failed its integrity check: {problems[0]}{more}",
            "The file has not been changed. Use your most recent backup, or ask the sender for a fresh copy.",
        )


def finish_interrupted_save(path: Path) -> str | None:
    """Let SQLite roll back a save cut short by a crash, as any read-write open would.

    A hot journal beside the file holds the pages as they were before the interrupted save;
    until it is played back the file looks damaged to a read-only connection. Only files with
    our mark are touched, so a stray journal beside another program's file never makes us
    write to that file. Returns a warning for the user when a save was undone.
    """
    _refuse_sidecars(path)  # before any connection, even to a private copy, can play a journal back
    beside = journal.beside(path, "-journal")
    hot = next((name for name in beside if name.is_file() and name.stat().st_size), None)
    if hot is None or not _carries_our_mark(path):
        return None
    _rehearse_playback(path, hot)
    _play_back(path)
    if hot.exists():
        return None  # not a hot journal after all: SQLite left it alone, and so did we
    return (
        f"'{path.name}' was copied or closed while a save was still being written ('{hot.name}' lay "
        "beside it). Casefile undid that unfinished save, so the case is as it was at its last complete save."
    )


def _play_back(path: Path) -> None:
    with closing(sqlite3.connect(sqlite_uri(path), uri=True)) as conn:
        conn.execute("PRAGMA trusted_schema=OFF")
        _query(conn, path.name, "SELECT count(*) FROM sqlite_schema")


def _rehearse_playback(path: Path, hot: Path) -> None:
    """Play the journal back on a private copy and check the result first.

    A hostile file can arrive with a journal that would rewrite it; if what the playback gives
    is refused, the received file and its journal must both still be exactly as they came.
    """
    with scratch_folder("journal") as folder:
        copy = folder / path.name
        shutil.copyfile(path, copy)
        shutil.copyfile(hot, copy.with_name(copy.name + "-journal"))
        _play_back(copy)
        inspect(copy)


def _carries_our_mark(path: Path) -> bool:
    if not path.is_file():
        return False
    with path.open("rb") as handle:
        head = handle.read(72)
    return head.startswith(MAGIC) and head[68:72] == APPLICATION_ID.to_bytes(4, "big")


def _newer(name: str, header: Header, conn: sqlite3.Connection) -> NewerCaseFile:
    # A later Casefile may have reshaped any table, file_meta included: never let that hide
    # the one thing the reader needs to know, that the file is newer.
    written_by = _optional(lambda: _written_by(conn, name), _UNKNOWN_WRITER)
    return NewerCaseFile(
        f"'{name}' was written by {written_by} (schema revision {header.user_version}); "
        f"this is Casefile {__version__}, which reads up to revision {SCHEMA_REVISION}.",
        "Update Casefile to open it, or open it read-only. The file has not been changed.",
    )


def _guarded(conn: sqlite3.Connection, name: str, step: Callable[[], T]) -> T:
    try:
        return step()
    except sqlite3.DatabaseError as exc:
        raise _problem(name, str(exc)) from None


def _query(conn: sqlite3.Connection, name: str, sql: str) -> list[tuple[object, ...]]:
    return _guarded(conn, name, lambda: conn.execute(sql).fetchall())


def _problem(name: str, message: str) -> CasefileError:
    if "readonly" in message:
        # A read-only connection writes only to roll back a hot journal (SQLITE_READONLY_ROLLBACK).
        return DamagedCaseFile(
            f"'{name}' was not closed cleanly: a save was interrupted, and its journal is still beside it.",
            "Open it once without read-only so Casefile can finish restoring it; keep the "
            f"'{name}-journal' file next to it until then.",
        )
    if "no such table" in message:
        return NotACaseFile(
            f"'{name}' has Casefile's mark but not its tables ({message}).",
            "It may come from another program; open a file created by Casefile.",
        )
    if message == "interrupted":
        return DamagedCaseFile(
            f"Casefile stopped reading '{name}' because it took far too long; the file may be built to make "
            "programs hang.",
            "The file has not been changed. Ask the sender for a fresh copy.",
        )
    return DamagedCaseFile(
        f"'{name}' is damaged ({message}).", "Use your most recent backup, or ask the sender for a fresh copy."
    )


def _written_by(conn: sqlite3.Connection, name: str) -> str:
    rows = _query(conn, name, "SELECT value FROM file_meta WHERE key = 'written_by'")
    return str(rows[0][0]) if rows else _UNKNOWN_WRITER


_UNKNOWN_WRITER = "an unknown version of Casefile"


def _alembic_revision(conn: sqlite3.Connection, name: str) -> str:
    rows = _query(conn, name, "SELECT version_num FROM alembic_version")
    if len(rows) != 1:
        raise DamagedCaseFile(f"'{name}' has no schema revision recorded.", "Ask the sender for a fresh copy.")
    return str(rows[0][0])


# integrity_check runs about this many virtual-machine steps per page (measured on the demo case and
# a 100k-quote case); it only shapes the progress bar, so an estimate is enough.
_STEPS_PER_PAGE = 150
ProgressCallback = Callable[[float], None]


def full_check(
    path: Path, progress: ProgressCallback | None = None, cancelled: Callable[[], bool] | None = None
) -> list[str]:
    """SQLite's integrity_check and foreign_key_check, oversized fields and every stored value; empty when clean.

    Seconds on a big file, so the GUI runs it in a worker: `progress` gets a fraction from 0 to
    1, and `cancelled` returning True stops the check with CheckCancelled. Runs on a bare
    read-only connection: a CHECK clause calling one of our functions finds nothing to call.
    """
    header = read_header(path)
    _refuse_sidecars(path)
    meter = _Meter(progress, cancelled, max(header.page_count, 1) * _STEPS_PER_PAGE / _PROGRESS_STEPS)
    with closing(bare_connection(path)) as conn:
        conn.set_progress_handler(meter.tick, _PROGRESS_STEPS)
        try:
            problems = _schema_problems(conn, header.user_version) + _checked_pages(conn)
            meter.phase(0.5, 0.1, 0.4)
            problems += _checked_keys(conn)
            meter.phase(0.6, 0.15, 1.0)
            problems += _oversized_fields(conn)
            meter.phase(0.75, 0.25, 1.0)
            problems += value_problems(conn, meter.row_tick(_rows(conn)))
        except sqlite3.DatabaseError as exc:
            if meter.stopped:
                raise CheckCancelled("The check was stopped before it finished.", _RUN_AGAIN) from None
            reason = "it ran too long" if str(exc) == "interrupted" else str(exc)
            problems = [f"SQLite could not finish the check ({reason})."]
    meter.report(1.0)
    return problems


def structure_problems(path: Path) -> list[str]:
    """SQLite's integrity_check on a bare connection, for a file inspection has refused.

    `casefile check` lists these beside the refusal, so a tampered index shows the rows it hides.
    Empty when the file cannot even be read that far: the refusal already says why.
    """
    try:
        header = read_header(path)
        _refuse_sidecars(path)
        if header.read_version == 2 or header.write_version == 2:
            return []  # reading a WAL-mode file, even read-only, creates files beside it
        with closing(bare_connection(path, deadline_seconds=_FULL_CHECK_SECONDS)) as conn:
            conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
            rows = [str(row[0]) for row in conn.execute(f"PRAGMA integrity_check({_REPORTED})")]
    except (CasefileError, sqlite3.Error):
        return []
    return [] if rows == ["ok"] else [f"Integrity: {row}" for row in rows]


# A check that runs longer than this on a file the user asked to check is a file built to hang us.
_FULL_CHECK_SECONDS = 600.0


class _Meter:
    """Turns SQLite's progress callbacks into a fraction done, and into a stop when cancelled."""

    def __init__(self, progress: ProgressCallback | None, cancelled: Callable[[], bool] | None, expected: float):
        self._progress, self._cancelled, self._expected = progress, cancelled, max(expected, 1.0)
        self._ticks, self._start, self._span, self._shown, self._base = 0, 0.0, 0.6, -1.0, max(expected, 1.0)
        self._deadline = time.monotonic() + _FULL_CHECK_SECONDS
        self.stopped = False

    def phase(self, start: float, span: float, cost: float) -> None:
        """Start the next step, which costs about `cost` times as many steps as quick_check."""
        self._ticks, self._start, self._span, self._expected = 0, start, span, self._base * cost

    def tick(self) -> bool:
        self._ticks += 1
        self.report(self._start + self._span * min(self._ticks / self._expected, 0.99))
        self.stopped = self._cancelled is not None and self._cancelled()
        return self.stopped or time.monotonic() > self._deadline

    def row_tick(self, rows: int) -> Callable[[], None]:
        """A tick per row read in Python (not by SQLite): progress, and a stop when cancelled."""
        self._expected = max(rows / _ROWS_PER_TICK, 1.0)
        count = [0]

        def tick() -> None:
            count[0] += 1
            if count[0] % _ROWS_PER_TICK == 0 and self.tick():
                raise sqlite3.OperationalError("interrupted")

        return tick

    def report(self, fraction: float) -> None:
        # Every percent at most: a progress signal per thousand steps would flood the GUI thread.
        if self._progress is not None and (fraction - self._shown >= 0.01 or fraction == 1.0):
            self._shown = fraction
            self._progress(fraction)


_RUN_AGAIN = "Run it again to check the file."
_ROWS_PER_TICK = 500


def _rows(conn: sqlite3.Connection) -> int:
    """About how many rows the value check reads: every record twice (its stamps and its fields)."""
    return 2 * int(conn.execute("SELECT count(*) FROM records").fetchone()[0])


_REPORTED = 20  # a badly damaged file yields thousands of rows; the first ones say enough


def _schema_problems(conn: sqlite3.Connection, revision: int) -> list[str]:
    expected = fingerprint.shipped(revision)
    if expected is None:
        return []  # a newer revision: only that version of Casefile knows its schema
    difference = fingerprint.compare(fingerprint.read_schema(conn), expected)
    return [] if difference.empty else [f"Schema: the file {difference.describe()}."]


def _checked_pages(conn: sqlite3.Connection) -> list[str]:
    # NOT NULL checks may load a large attachment whole: allow what SQLite allows.
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    # integrity_check, not quick_check: only it compares every index with its table, so an index
    # whose root page was swapped with another's (links "from X" returning links "to X") is caught.
    rows = [str(row[0]) for row in conn.execute(f"PRAGMA integrity_check({_REPORTED})")]
    return [] if rows == ["ok"] else [f"Integrity: {row}" for row in rows]


def _checked_keys(conn: sqlite3.Connection) -> list[str]:
    return foreign_key_problems(conn, _REPORTED)


def _oversized_fields(conn: sqlite3.Connection) -> list[str]:
    """Text no Casefile writes. Over the length limit SQLite refuses a value without reading it."""
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_FIELD_BYTES)
    problems = []
    for table, columns in _text_columns(conn).items():
        condition = " OR ".join(f'length("{column}") > :most' for column in columns)
        try:
            found = conn.execute(f'SELECT count(*) FROM "{table}" WHERE {condition}', {"most": MAX_TEXT}).fetchone()[0]
        except sqlite3.DataError:
            found = 1  # "string or blob too big": one value is past even the byte limit
        if found:
            problems.append(f"Size: table '{table}' holds text longer than Casefile allows ({MAX_TEXT:,} characters).")
    return problems


def _text_columns(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Every text column of our tables present in the file; attachment bytes are not text."""
    present = {str(row[0]) for row in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    return {
        table.name: [c.name for c in table.columns if isinstance(c.type, String | JSON)]
        for table in Base.metadata.sorted_tables
        if table.name in present and not is_fts_table(table.name)
    }


def stored_value_problems(path: Path) -> list[str]:
    """The value check alone, on a bare connection: names the rows when reading a case failed."""
    with closing(bare_connection(path, deadline_seconds=_FULL_CHECK_SECONDS)) as conn:
        return value_problems(conn)


@contextmanager
def naming_bad_values(path: Path) -> Iterator[None]:
    """Turn a failure to read a case's values into a message naming the rows that hold bad ones.

    A stored value no Casefile writes ('yesterday-ish' as a timestamp, broken JSON in a list)
    makes the ORM raise deep inside an export; the person needs the row, not the exception.
    """
    try:
        yield
    except CasefileError:
        raise
    except (ValueError, TypeError, KeyError) as exc:
        problems = stored_value_problems(path)
        if not problems:
            raise
        more = f" (and {len(problems) - 2} more)" if len(problems) > 2 else ""
        shown = " ".join(p.removeprefix("Values: ") for p in problems[:2])
        raise DamagedCaseFile(
            f"'{path.name}' holds values Casefile did not write, so it could not be read whole: {shown}{more}",
            "Nothing was written. Run 'casefile check' to list them all, and use your most recent backup or ask "
            "the sender for a fresh copy.",
        ) from exc
