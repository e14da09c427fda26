"""Reads a rollback journal beside a case, byte by byte, before SQLite may ever see it.

SQLite plays a hot journal back on the first read-write open. If the journal's trailer names a
super-journal (SQLite's record of a transaction across several databases), SQLite deletes that
named file after the playback, and the name can be any path the user may delete. Casefile never
writes multi-database transactions, so such a journal was never ours: it is refused here, from
its raw bytes, before any connection touches the case or a copy of it. The format is the one in
SQLite's file-format documentation, "The Rollback Journal".
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from casefile.domain.errors import DamagedCaseFile

MAGIC = bytes.fromhex("d9d505f920a163d7")
# Magic, record count, nonce, initial page count, sector size, page size.
HEADER = struct.Struct(">8sIIIII")
# Length, checksum and magic: the last 16 bytes of a journal that names a super-journal.
SUPER_TRAILER = 16
# Room for the journal's own headers (one per sector-aligned segment) and slack for a trailer.
_OVERHEAD = 16 * 1024 * 1024
_UNTOUCHED = "Neither the case nor the file beside it has been changed."


@dataclass(frozen=True)
class JournalHeader:
    record_count: int
    initial_pages: int
    sector_size: int
    page_size: int
    size: int


def beside(path: Path, suffix: str) -> list[Path]:
    """The names SQLite may use for a file beside the case: beside the name given and beside the
    file that name resolves to (SQLite follows a symbolic link to the real file)."""
    names = [path.with_name(path.name + suffix)]
    real = path.resolve()
    if real != path.absolute():
        names.append(real.with_name(real.name + suffix))
    return names


def refuse_hostile_journals(case: Path) -> None:
    """Check every journal SQLite could play back for this case; raise for one it must not."""
    for journal in beside(case, "-journal"):
        check_journal(case, journal)


def check_journal(case: Path, journal: Path) -> JournalHeader | None:
    """Refuse a journal SQLite must not play back; None when there is no journal to play."""
    if not journal.exists() and not journal.is_symlink():
        return None
    if journal.is_symlink() or not journal.is_file():
        raise DamagedCaseFile(
            f"'{journal.name}' beside '{case.name}' is not an ordinary file, so Casefile will not let SQLite read it.",
            f"Move '{journal.name}' out of the folder and open the case again. {_UNTOUCHED}",
        )
    stat = journal.stat()
    if stat.st_size == 0:
        return None  # an empty journal is not hot: SQLite ignores it
    with journal.open("rb") as handle:
        raw = handle.read(HEADER.size)
        trailer = _tail(handle, stat.st_size)
    header = _parse(case, journal, raw, stat.st_size)
    if header is None:
        return None  # no valid header: SQLite treats it as a journal with nothing to play back
    if trailer.endswith(MAGIC):
        raise DamagedCaseFile(
            f"'{journal.name}' beside '{case.name}' names another file for SQLite to delete (a super-journal). "
            "Casefile never writes such journals, so this one did not come from Casefile and may be built to "
            "delete one of your files.",
            f"Delete '{journal.name}' (not the case), then open the case again; or ask the sender for a fresh "
            f"copy made with File › Share Copy. {_UNTOUCHED}",
        )
    _check_size(case, journal, header, stat)
    return header


def _tail(handle: BinaryIO, size: int) -> bytes:
    if size < HEADER.size + SUPER_TRAILER:
        return b""
    handle.seek(size - SUPER_TRAILER)
    return handle.read(SUPER_TRAILER)


def _parse(case: Path, journal: Path, raw: bytes, size: int) -> JournalHeader | None:
    if len(raw) < HEADER.size or not raw.startswith(MAGIC):
        return None
    _, records, _, initial_pages, sector, page = HEADER.unpack(raw)
    # SQLite sector sizes run from 32 bytes to 64 KiB, page sizes from 512 bytes to 64 KiB, powers of two.
    if not (_power_of_two(sector) and 32 <= sector <= 65536 and _power_of_two(page) and 512 <= page <= 65536):
        raise DamagedCaseFile(
            f"'{journal.name}' beside '{case.name}' has a damaged header, so Casefile cannot restore the "
            "unfinished save it was meant to undo.",
            f"Ask the sender for a fresh copy, or use your most recent backup. {_UNTOUCHED}",
        )
    return JournalHeader(records, initial_pages, sector, page, size)


def _power_of_two(value: int) -> bool:
    return value > 0 and value & (value - 1) == 0


def _check_size(case: Path, journal: Path, header: JournalHeader, stat: os.stat_result) -> None:
    """Refuse from the header a journal too big to be a save of this case, before anything copies it."""
    case_size = case.stat().st_size if case.is_file() else 0
    # A journal holds at most every page the case had when the save began, each with 8 bytes of
    # bookkeeping; the case cannot have been much smaller than what it restores.
    most = 2 * case_size + _OVERHEAD
    restored = header.initial_pages * header.page_size
    on_disk = getattr(stat, "st_blocks", None)
    sparse = on_disk is not None and on_disk * 512 < stat.st_size // 2 and stat.st_size > _OVERHEAD
    if stat.st_size > most or restored > most or sparse:
        raise DamagedCaseFile(
            f"'{journal.name}' beside '{case.name}' claims {max(stat.st_size, restored):,} bytes, far more than a "
            "save of this case could hold, so Casefile will not play it back.",
            f"Delete '{journal.name}' (not the case), then open the case again; or ask the sender for a fresh "
            f"copy. {_UNTOUCHED}",
        )
