"""Making files durable: flushing a file and its folder, and putting a finished file in place without clobbering."""

from __future__ import annotations

import os
from pathlib import Path


def fsync_file(path: Path) -> None:
    with Path(path).open("rb+") as handle:
        os.fsync(handle.fileno())


def fsync_dir(folder: Path) -> None:
    """Make a rename in the folder durable; Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def place_new(temp: Path, path: Path) -> None:
    """Move a finished file into place; raises FileExistsError rather than replace a file that appeared.

    A hard link refuses to clobber; file systems without hard links (FAT on USB sticks) get a
    rename after the caller's own existence check.
    """
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError:
        os.replace(temp, path)
    fsync_dir(path.parent)
