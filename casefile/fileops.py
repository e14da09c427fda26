"""Making files durable: flushing a file and its folder, and putting a finished file in place without clobbering."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from casefile.domain.errors import CasefileError


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


def require_regular_file(path: Path, what: str) -> None:
    """Refuse anything but an ordinary file before reading it: a named pipe would block for ever,
    and a device or folder is never what the person meant. `what` is the file wanted, with its
    article: "a JSON file"."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise CasefileError(f"There is no file at '{path}'.", "Check the name and the folder.") from None
    except OSError as exc:
        raise CasefileError(
            f"Could not read '{path}': {exc.strerror or exc}.", "Check the file's permissions."
        ) from None
    if stat.S_ISDIR(mode):
        raise CasefileError(f"'{path}' is a folder, not {what}.", f"Choose {what} itself.")
    if not stat.S_ISREG(mode):
        raise CasefileError(
            f"'{path}' is not an ordinary file (it is a pipe, a socket or a device), so Casefile will not read it.",
            f"Choose {what} itself.",
        )
