"""Reads a case file's raw SQLite header before any database code touches the file."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from casefile.domain.errors import CaseFileNotFound, DamagedCaseFile, NotACaseFile
from casefile.storage.schema import APPLICATION_ID

MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


@dataclass(frozen=True)
class Header:
    page_size: int
    page_count: int
    user_version: int
    application_id: int
    file_size: int
    write_version: int
    read_version: int


def read_header(path: Path) -> Header:
    """Return the header fields, or raise an error that says what is wrong with the file."""
    _require_file(path)
    size = path.stat().st_size
    name = path.name
    if size == 0:
        raise NotACaseFile(
            f"'{name}' is empty (0 bytes), so it holds no case.",
            "If a colleague sent it, ask them to send it again.",
        )
    with path.open("rb") as handle:
        raw = handle.read(HEADER_SIZE)
    if not raw.startswith(MAGIC[: min(len(raw), len(MAGIC))]) or len(raw) < len(MAGIC):
        raise NotACaseFile(
            f"'{name}' is not a Casefile case file (it is not an SQLite database).",
            "Choose a file that ends in .casefile.",
        )
    if len(raw) < HEADER_SIZE:
        raise DamagedCaseFile(f"'{name}' is cut short: only {size} bytes survive.", _DAMAGED_HINT)
    header = _parse(raw, size)
    _check_geometry(name, header)
    if header.application_id != APPLICATION_ID:
        raise NotACaseFile(
            f"'{name}' is another program's SQLite database, not a Casefile case file.",
            "Open a file created by Casefile.",
        )
    return header


_DAMAGED_HINT = "Ask the sender for a fresh copy, or use your most recent backup."


def _require_file(path: Path) -> None:
    if not path.exists():
        raise CaseFileNotFound(f"There is no file at '{path}'.", "Check the name and the folder.")
    if path.is_dir():
        raise NotACaseFile(f"'{path}' is a folder, not a case file.", "Choose a file that ends in .casefile.")
    if not path.is_file():
        raise NotACaseFile(
            f"'{path}' is not an ordinary file (it is a pipe, a socket or a device), so Casefile will not read it.",
            "Choose a file that ends in .casefile.",
        )


def _parse(raw: bytes, size: int) -> Header:
    page_size = struct.unpack(">H", raw[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    change_counter, page_count = struct.unpack(">II", raw[24:32])
    valid_for = struct.unpack(">I", raw[92:96])[0]
    if change_counter != valid_for or page_count == 0:
        # Written by an old SQLite that did not keep the in-header size: derive it.
        page_count = size // page_size if page_size else 0
    return Header(
        page_size=page_size,
        page_count=page_count,
        user_version=struct.unpack(">i", raw[60:64])[0],
        application_id=struct.unpack(">I", raw[68:72])[0],
        file_size=size,
        write_version=raw[18],
        read_version=raw[19],
    )


def _check_geometry(name: str, header: Header) -> None:
    if header.page_size < 512 or header.page_size & (header.page_size - 1):
        raise DamagedCaseFile(f"'{name}' has a damaged header (page size {header.page_size}).", _DAMAGED_HINT)
    if header.read_version > 2 or header.write_version > 2:
        raise DamagedCaseFile(
            f"'{name}' uses SQLite file format {header.read_version} (write format {header.write_version}), "
            "newer than the formats 1 and 2 this Casefile can read.",
            "Update Casefile, or ask the sender for a copy made with File › Share Copy. The file has not been changed.",
        )
    if header.read_version == 2 or header.write_version == 2:
        # Casefile never writes WAL mode, and reading one, even read-only, creates files beside it.
        raise DamagedCaseFile(
            f"'{name}' was last saved by another program, in SQLite's WAL mode, which Casefile never uses.",
            "Ask the sender for a copy made with File › Share Copy. The file has not been changed.",
        )
    expected = header.page_count * header.page_size
    if header.file_size < expected or header.file_size % header.page_size:
        raise DamagedCaseFile(
            f"'{name}' is truncated: it has {header.file_size:,} bytes, but its header promises {expected:,}.",
            _DAMAGED_HINT,
        )
