"""A case file on disk: creating it, opening it after checks, and units of work on it."""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Callable
from contextlib import closing, suppress
from pathlib import Path

from sqlalchemy import Connection, Engine, insert

from casefile import __version__, identity
from casefile.domain.errors import CaseFileExists, CaseFileLinked, CaseFileNotFound, CaseFileProblem, StorageFailure
from casefile.fileops import fsync_file, place_new
from casefile.storage import audit_log, inspection, locking, migrate, search_index
from casefile.storage.engine import make_engine
from casefile.storage.failures import file_access, translated
from casefile.storage.models import CaseRow, FileMetaRow, Record
from casefile.storage.open_case import OpenCase
from casefile.storage.schema import APPLICATION_ID, SCHEMA_REVISION
from casefile.storage.types import utc_now

# SQLite keeps its rollback journal beside the file under the file's name plus this.
JOURNAL_SUFFIX = "-journal"


class CaseFile(OpenCase):
    """An open case file. Sessions come from unit_of_work(); nothing here holds one open."""

    def __init__(
        self,
        path: Path,
        engine: Engine,
        *,
        read_only: bool = False,
        lock: locking.CaseLock | None = None,
        actor: str | None = None,
    ) -> None:
        super().__init__(engine, read_only=read_only, actor=actor)
        self.path = path
        self._lock = lock
        # What the user should know although the file opened (a restored save, a newer file read-only).
        self.warnings: tuple[str, ...] = ()
        self.schema_revision = SCHEMA_REVISION

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        read_only: bool = False,
        lock: bool = True,
        verify: bool = False,
        allow_newer: bool = False,
        actor: str | None = None,
    ) -> CaseFile:
        """Check the file, migrate it if it is older, then open it; refuse anything else.

        Opening for writing takes the case's lock first (see storage.locking), so no second process
        writes or migrates it meanwhile; CaseFileLocked names the holder. When the case's folder
        cannot be written (read-only media) the case opens read-only instead. A read-only open takes
        no lock.

        `verify` also runs the full integrity check (seconds on a big file): use it for files received
        from elsewhere. `allow_newer` with read_only opens a file from a newer Casefile instead of
        refusing it, when its known tables are unchanged; `warnings` then names its version.
        `actor` names who the audit rows record; by default the person using Casefile (casefile.identity).
        """
        path = Path(path)
        held = None
        with file_access(path):
            if not read_only and path.is_file():
                _refuse_hard_links(path)
            if not read_only and lock and path.is_file():
                held = locking.acquire(path)
                read_only = held is None
            try:
                restored = None if read_only else inspection.finish_interrupted_save(path)
                report = inspection.inspect(
                    path, allow_newer=allow_newer and read_only, verify=verify, notes=(restored,) if restored else ()
                )
                if report.needs_migration and not read_only:
                    migrate.migrate_with_backup(path, report, actor or identity.current())
                engine = make_engine(path, read_only=read_only)
            except BaseException:
                if held is not None:
                    held.release()
                raise
        case_file = cls(path, engine, read_only=read_only, lock=held, actor=actor)
        case_file.warnings = report.warnings
        # The file's own revision: an older file opened read-only is not upgraded.
        case_file.schema_revision = (
            SCHEMA_REVISION if report.needs_migration and not read_only else report.schema_revision
        )
        return case_file

    @classmethod
    def create(cls, path: Path | str, title: str, *, actor: str | None = None, **case_fields: str | None) -> CaseFile:
        """Write a new, empty case at schema head. Never overwrites an existing file."""
        who = actor or identity.current()
        write_file(Path(path), lambda conn: write_new_case(conn, title, dict(case_fields), who))
        return cls.open(path, actor=actor)

    @property
    def location(self) -> str:
        return str(self.path)

    def close(self) -> None:
        super().close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> CaseFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _check_new_path(path: Path) -> None:
    if path.exists():
        raise CaseFileExists(f"'{path}' already exists.", "Choose another name; Casefile never overwrites a case.")
    if len(os.fsencode(path.name + JOURNAL_SUFFIX)) > _name_max(path.parent):
        raise StorageFailure(
            f"The name '{path.name}' is too long for this folder: SQLite needs room to add '{JOURNAL_SUFFIX}' to it.",
            "Choose a shorter name.",
        )
    if path.parent.exists() and not path.parent.is_dir():
        raise CaseFileNotFound(f"'{path.parent}' is a file, not a folder.", "Choose an existing folder.")
    if not path.parent.is_dir():
        raise CaseFileNotFound(f"The folder '{path.parent}' does not exist.", "Choose an existing folder.")


def _name_max(folder: Path) -> int:
    with suppress(AttributeError, OSError, ValueError):
        return os.pathconf(folder, "PC_NAME_MAX")
    return 255  # the limit of nearly every file system; pathconf is POSIX only


def write_file(path: Path, fill: Callable[[Connection], None]) -> None:
    """A new case file at schema head, its rows written by `fill` in one transaction; never overwrites.

    It is built under a temporary name beside the target and put in place only when complete.
    """
    # A random part keeps two creations of the same name apart; the cut keeps the name within NAME_MAX.
    temp = path.with_name(f".{path.stem[:40]}.{uuid.uuid4().hex[:12]}.creating")
    with file_access(path), translated():
        _check_new_path(path)
        try:
            _build_in_folder(temp, fill)
            _place(temp, path)
        finally:
            with suppress(FileNotFoundError):
                temp.unlink()


def _build_in_folder(temp: Path, fill: Callable[[Connection], None]) -> None:
    try:
        _build(temp, fill)
    except sqlite3.OperationalError as exc:
        if "unable to open" not in str(exc):
            raise
        # SQLite's words ("unable to open database file") would send the person looking for a file.
        raise StorageFailure(
            f"Casefile cannot create a case in '{temp.parent}': that folder cannot be written.",
            "Choose a folder you may write to, such as your Documents folder.",
        ) from exc


def _build(temp: Path, fill: Callable[[Connection], None]) -> None:
    with closing(sqlite3.connect(temp)) as raw:
        raw.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        raw.execute("PRAGMA journal_mode = DELETE")
    engine = make_engine(temp, foreign_keys=False)
    try:
        with engine.begin() as conn:
            migrate.upgrade(conn)
        with engine.begin() as conn:
            fill(conn)
    finally:
        engine.dispose()
    fsync_file(temp)


def write_new_case(conn: Connection, title: str, case_fields: dict[str, str | None], actor: str | None) -> None:
    """The rows every new case starts with, in a schema just migrated to head: file or server alike."""
    stamp = f"Casefile {__version__}"
    conn.execute(insert(FileMetaRow), [{"key": "created_by", "value": stamp}, {"key": "written_by", "value": stamp}])
    case_id, now = str(uuid.uuid4()), utc_now()
    conn.execute(insert(Record).values(id=case_id, kind="case", created_at=now, updated_at=now))
    conn.execute(insert(CaseRow).values(id=case_id, title=title, **case_fields))
    audit_log.append(
        conn, "create", actor=actor, record_id=case_id, kind="case", detail={"values": {"title": title, **case_fields}}
    )
    search_index.rebuild(conn)


def _place(temp: Path, path: Path) -> None:
    try:
        place_new(temp, path)
    except FileExistsError:
        raise CaseFileExists(f"'{path}' already exists.", "Choose another name.") from None


__all__ = ["CaseFile", "CaseFileProblem"]


def _refuse_hard_links(path: Path) -> None:
    """Refuse to write a case that has a second name (a hard link).

    The lock and the crash journal belong to a name; a second name for the same file would take
    its own lock, and after a crash would open the half-saved file without its journal. Reading
    is safe, so the case can still be opened read-only, or copied and the copy edited.
    """
    links = path.stat().st_nlink
    if links > 1:
        raise CaseFileLinked(
            f"'{path.name}' is the same file as {links - 1} other name(s) on this disk (a hard link), so Casefile "
            "will not write to it: another name could be opened at the same time, or after a crash without its "
            "journal.",
            "Open it read-only, or make an ordinary copy (File › Save a Copy, or copy the file) and open that.",
            path=str(path),
        )
