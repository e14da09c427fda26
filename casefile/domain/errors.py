"""The exceptions every layer raises; the UI and CLI turn them into messages."""

from __future__ import annotations

from dataclasses import dataclass


class CasefileError(Exception):
    """Base of every error Casefile shows to a person rather than a traceback."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong with one field (or JSON path) of the input."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class ValidationError(CasefileError):
    """The user's input is wrong; each problem names its field so the UI can show it inline."""

    def __init__(self, problems: list[FieldProblem] | FieldProblem, hint: str = "") -> None:
        self.problems = [problems] if isinstance(problems, FieldProblem) else list(problems)
        text = "; ".join(str(p) for p in self.problems)
        super().__init__(text, hint)

    @classmethod
    def single(cls, field: str, message: str) -> ValidationError:
        return cls(FieldProblem(field, message))


class RecordNotFound(CasefileError):
    """An id that names no live record of the case."""


class CaseFileProblem(CasefileError):
    """The case file itself cannot be used (missing, foreign, damaged, newer, locked, full)."""


class CaseFileNotFound(CaseFileProblem):
    pass


class CaseFileExists(CaseFileProblem):
    pass


class NotACaseFile(CaseFileProblem):
    pass


class DamagedCaseFile(CaseFileProblem):
    pass


class NewerCaseFile(CaseFileProblem):
    pass


class StorageFailure(CaseFileProblem):
    """The environment failed us: disk full, read-only media, a lock held elsewhere."""


class CaseFileLocked(StorageFailure):
    """Another Casefile process holds the case open for writing; host and pid say which one."""

    def __init__(self, message: str, hint: str = "", *, host: str = "", pid: int = 0, path: str = "") -> None:
        super().__init__(message, hint)
        self.host = host
        self.pid = pid
        self.path = path  # the case, so the window can offer to open it read-only


class CaseFileLinked(CaseFileLocked):
    """The case has a second name on disk (a hard link): writing is refused, reading is not."""


class AccessRefused(CasefileError):
    """The case's server refused what this database user tried: their role on the case does not allow it."""


class EditConflict(CasefileError):
    """Someone else changed a field between the moment it was read and this save; nothing was written.

    The UI shows whose change it met, when, and both values, and offers to keep either.
    """

    def __init__(
        self, message: str, hint: str = "", *, field: str = "", mine: object = None, theirs: object = None,
        by: str | None = None, at: str | None = None,
    ) -> None:  # fmt: skip
        super().__init__(message, hint)
        self.field = field
        self.mine = mine
        self.theirs = theirs
        self.by = by
        self.at = at
