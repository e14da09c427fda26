"""Attaching a file from disk, exporting an attachment to a folder, and verifying every attachment of a case.

Each function takes either a path (it opens the case itself, as the command line does) or an
already-open case, a file or a server case (the window's, used from a worker thread through its own session).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from casefile.domain.attachments import (
    MAX_ATTACHMENT_BYTES,
    TOO_BIG_HINT,
    AttachmentRefused,
    Mismatch,
    candidate_names,
    too_big,
)
from casefile.domain.attachments import safe_file_name as _safe_file_name
from casefile.domain.audit import Action
from casefile.domain.errors import StorageFailure
from casefile.export.atomic import atomic_write
from casefile.fileops import require_regular_file
from casefile.jobs import audit_events
from casefile.services import attachments
from casefile.services.attachments import AttachmentInfo
from casefile.storage.casefile import CaseFile
from casefile.storage.open_case import OpenCase

CaseRef = OpenCase | Path
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class VerifyReport:
    """The outcome of re-hashing a case's attachments."""

    checked: int
    total: int
    mismatches: tuple[Mismatch, ...]

    @property
    def complete(self) -> bool:
        return self.checked == self.total

    @property
    def clean(self) -> bool:
        return self.complete and not self.mismatches

    def summary(self) -> str:
        if self.mismatches:
            return f"{len(self.mismatches)} of {self.total} attachments no longer match the SHA-256 recorded at import."
        if not self.complete:
            return f"Stopped after {self.checked} of {self.total} attachments; no mismatch among those."
        return f"All {self.total} attachments match the SHA-256 recorded when they were imported."


@contextmanager
def _opened(case: CaseRef, *, to_write: bool) -> Iterator[OpenCase]:
    """The case as given when it is already open; otherwise opened here and closed again.

    A job that only reads still opens a case writable when it can, so that it can log itself.
    """
    if isinstance(case, OpenCase):
        yield case
        return
    path = Path(case)
    with CaseFile.open(path) if to_write else audit_events.open_to_read(path, read_only=False) as case_file:
        yield case_file


def attach_file(
    case: CaseRef, source_id: str, file_path: Path, *, note: str | None = None, analyst: str | None = None
) -> AttachmentInfo:
    """Read file_path whole and store it under the source, with its hash, size and sniffed type."""
    data = read_file(Path(file_path))
    with _opened(case, to_write=True) as case_file, case_file.unit_of_work() as session:
        return attachments.attach(session, source_id, Path(file_path).name, data, analyst=analyst, note=note)


def read_file(path: Path) -> bytes:
    if path.exists() and not path.is_dir():
        require_regular_file(path, "the file to attach")  # a named pipe would block for ever
    if not path.is_file():
        what = "a folder" if path.is_dir() else "not an existing file"
        raise AttachmentRefused(f"'{path}' is {what}.", "Choose the file to attach.")
    try:
        message = too_big(path.stat().st_size, f"'{path.name}'")
        if message is not None:
            raise AttachmentRefused(message, TOO_BIG_HINT)
        with path.open("rb") as handle:
            # One byte over the limit is enough to know a file that grew since stat() is too big.
            return handle.read(MAX_ATTACHMENT_BYTES + 1)
    except OSError as exc:
        raise StorageFailure(
            f"Could not read '{path}': {exc.strerror or exc}.", "Check the file and try again."
        ) from exc


def export_attachment(case: CaseRef, attachment_id: str, folder: Path) -> Path:
    """Write an attachment into folder under a safe name no other file has; returns the path written.

    The bytes are re-hashed first and a mismatch is refused, so what lands on disk is always what
    was imported. The name comes from safe_file_name, and an existing file is never replaced.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise StorageFailure(f"The folder '{folder}' does not exist.", "Choose an existing folder.")
    with _opened(case, to_write=False) as case_file:
        with case_file.reading() as session:
            info, data = attachments.read_verified(session, attachment_id)
        target = _reserve(folder, safe_file_name(info))
        _write(target, data)
        audit_events.record(
            case_file, Action.EXPORT, {"attachment": info.id, "sha256": info.sha256, "path": str(target)}
        )
    return target


def _write(target: Path, data: bytes) -> None:
    def write(handle: BinaryIO) -> None:
        handle.write(data)

    try:
        atomic_write(target, write)
    except BaseException:
        with suppress(FileNotFoundError):
            target.unlink()  # the empty file _reserve made to hold the name
        raise


def safe_file_name(info: AttachmentInfo) -> str:
    return _safe_file_name(info.file_name, info.media_type)


def _reserve(folder: Path, name: str) -> Path:
    """Create an empty file under the first free variant of name, holding it; O_EXCL never takes an existing file."""
    root = folder.resolve()
    for candidate in candidate_names(name):
        target = root / candidate
        if candidate in {"", ".", ".."} or target.parent != root:  # safe_file_name rules it out; a bug must not
            raise AssertionError(f"{candidate!r} would not be a file inside {root}")
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        except OSError as exc:
            raise StorageFailure(
                f"Could not write into '{folder}': {exc.strerror or exc}.", "Check the folder and try again."
            ) from exc
        os.close(fd)
        return target
    raise StorageFailure(f"'{folder}' already holds too many files named like '{name}'.", "Choose another folder.")


def verify_attachments(
    case: CaseRef, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> VerifyReport:
    """Re-hash every stored attachment in one read transaction; cancelled() stops it between files."""
    checked = 0

    def counting(done: int, total: int) -> None:
        nonlocal checked
        checked = done
        if progress is not None:
            progress(done, total)

    with _opened(case, to_write=False) as case_file:
        with case_file.reading() as session:
            total = attachments.count(session)
            mismatches = attachments.verify(session, counting, cancelled)
        report = VerifyReport(checked, total, tuple(mismatches))
        if report.complete:
            detail = {"attachments": total, "mismatches": [m.attachment_id for m in mismatches]}
            audit_events.record(case_file, Action.CHECK, detail)
    return report
