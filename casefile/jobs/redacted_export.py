"""Any export made redacted: from a redacted share copy in a private scratch folder.

So every redacted format goes through the one redaction step the shared copy and the PDF use,
and the export is logged in the original case (not in the copy, which nobody keeps).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from casefile.domain.audit import Action
from casefile.jobs import audit_events
from casefile.jobs.share import share_copy
from casefile.scratch import scratch_folder
from casefile.services.redaction import RedactionReport

T = TypeVar("T")


def from_redacted_copy(
    case_path: Path, out_path: Path, file_format: str, export: Callable[[Path], T], *, read_only: bool
) -> tuple[T, RedactionReport]:
    """Run export(copy_path) on a redacted copy of the case; returns its result and the redaction report."""
    with scratch_folder(file_format) as work:
        copy = share_copy(case_path, work / "redacted.casefile", redact=True, read_only=True)
        result = export(copy.path)
    if not read_only:
        with audit_events.open_to_read(case_path, read_only=False) as case_file:
            detail = {"format": file_format, "file": out_path.name, "redacted": True}
            audit_events.record(case_file, Action.EXPORT, detail)
    return result, copy.redaction or RedactionReport()
