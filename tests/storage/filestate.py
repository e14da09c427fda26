"""Snapshots of a file and its folder, to prove that refusing a file left it untouched."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FileState:
    """Everything about a file that opening it must not change, plus what lies beside it."""

    sha256: str | None
    size: int
    mtime_ns: int
    neighbours: frozenset[str]

    @classmethod
    def of(cls, path: Path) -> FileState:
        stat = path.stat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
        return cls(digest, stat.st_size, stat.st_mtime_ns, frozenset(p.name for p in path.parent.iterdir()))


def sqlite_sidecars(path: Path) -> list[Path]:
    """The journal, WAL and shared-memory files SQLite may leave beside a database."""
    return [p for p in (path.with_name(path.name + s) for s in ("-journal", "-wal", "-shm")) if p.exists()]
