"""Replacing a file all at once, so a crash or error never leaves it half written."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from casefile.domain.errors import StorageFailure
from casefile.fileops import fsync_dir


def atomic_write(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Let write() fill a temporary file beside path, then put it in path's place in one step.

    Until the final rename the old file is untouched; on any failure, Ctrl+C included, the
    temporary file is removed and the old file stays as it was. A file that already exists keeps
    its permissions; a new one is readable by its owner only, since case data is confidential.
    """
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise StorageFailure(f"The folder '{folder}' does not exist.", "Choose an existing folder.")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise _failure(path, exc) from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        _keep_mode(path, temp)
        os.replace(temp, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        if isinstance(exc, OSError):
            raise _failure(path, exc) from exc
        raise
    fsync_dir(folder)


def _keep_mode(path: Path, temp: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.chmod(temp, path.stat().st_mode & 0o7777)


def _failure(path: Path, exc: OSError) -> StorageFailure:
    reason = exc.strerror or str(exc)
    return StorageFailure(
        f"Could not write '{path}': {reason}.", "The previous file, if any, is unchanged; check the disk and folder."
    )
