"""The open case as the window sees it: units of work in, change notifications out."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session

from casefile.domain.errors import CasefileError
from casefile.services.results import Changes
from casefile.storage.casefile import CaseFile
from casefile.storage.inspection import naming_bad_values
from casefile.storage.open_case import OpenCase

T = TypeVar("T")


class CaseDocument(QObject):
    """Owns the open case of the window (a file or a server case). Widgets ask it to read or write; none keep
    a Session."""

    changed = Signal(object)  # a services.results.Changes
    failed = Signal(object)  # an exception an undo/redo hit after the fact

    def __init__(self, case_file: OpenCase, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._case_file = case_file
        # False while a received file's full check runs: it can be read, but not edited yet.
        self.verified = True

    @property
    def path(self) -> str:
        """The case file's path. Whatever needs it is disabled on a server case (ui/server_case.py); should
        one be missed, the analyst reads why instead of a traceback."""
        if not isinstance(self._case_file, CaseFile):
            raise CasefileError(
                f"This works on a case file; {self.location} is a server case.",
                "Make a file copy first: casefile checkout URL CASE FILE.casefile",
            )
        return str(self._case_file.path)

    @property
    def file_path(self) -> Path | None:
        """The case file's path, or None for a server case."""
        return self._case_file.path if isinstance(self._case_file, CaseFile) else None

    @property
    def short_name(self) -> str:
        """The case's name for suggested file names: the file's stem, or the server case's name."""
        path = self.file_path
        return path.stem if path is not None else str(getattr(self._case_file, "name", "case"))

    @property
    def location(self) -> str:
        """Where the case lives, in words: a file's path, or a server case's name and server."""
        return self._case_file.location

    @property
    def read_only(self) -> bool:
        return self._case_file.read_only

    @property
    def editable(self) -> bool:
        return self.verified and not self._case_file.read_only

    @property
    def case_file(self) -> OpenCase:
        return self._case_file

    def read(self, work: Callable[[Session], T]) -> T:
        # A value no Casefile writes fails deep in a read: name the rows instead (the case is
        # already read-only, its background check having listed them).
        path = self.file_path
        checked: AbstractContextManager[object] = naming_bad_values(path) if path is not None else nullcontext()
        with checked, self._case_file.reading() as session:
            return work(session)

    def write(self, work: Callable[[Session], T], changes: Callable[[T], Changes], initiator: object = None) -> T:
        """Run one edit in its own committed transaction, then tell every view what changed, once.

        `initiator` is the part of the window that asked (the Details form, the table): it rides on
        the Changes so that view can tell its own edit from another's, as Anki's `OpChanges` do.
        """
        with self._case_file.unit_of_work() as session:
            result = work(session)
        self.changed.emit(changes(result).from_(initiator))
        return result

    def close(self) -> None:
        self._case_file.close()
