"""Exporting a case file as a PDF dossier: read it, build the Dossier, render it, replace the file at once."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from casefile.domain.audit import Action
from casefile.domain.dossier import Dossier, ExportCancelled, PdfOptions, Section
from casefile.domain.errors import CasefileError
from casefile.export.atomic import atomic_write
from casefile.jobs import anchors, audit_events
from casefile.services.dossier import build_dossier_and_report
from casefile.services.redaction import RedactionReport
from casefile.storage import inspection
from casefile.storage.open_case import OpenCase

if TYPE_CHECKING:
    from casefile.export.pdf.render import RenderResult

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class PdfReport:
    """What an export produced, for the dialog or the command line to tell the user."""

    path: Path
    pages: int
    sections: tuple[Section, ...]
    redacted: bool
    uncovered: tuple[str, ...]  # characters the font cannot draw; the PDF shows each as its code point, e.g. [U+4E2D]
    seconds: float
    redaction: RedactionReport | None = None  # for the analyst; never written into the PDF

    def uncovered_text(self) -> str:
        """'U+4E2D 中, U+6587 文' for a message; empty when every character could be drawn."""
        return ", ".join(f"U+{ord(c):04X} {c}" for c in self.uncovered)


def export_pdf(
    case: Path | OpenCase,
    out_path: Path,
    options: PdfOptions,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    *,
    read_only: bool = False,
) -> PdfReport:
    """Write the case at a path (or the window's open case, a file or a server case) as a PDF dossier at out_path.

    The case is only read; the export is then logged in its audit trail, unless the caller has
    it open read-only. The PDF is written beside out_path and moved over it only when complete,
    so a failed or cancelled export leaves any earlier file as it was.
    """
    started = time.monotonic()
    case_path = None if isinstance(case, OpenCase) else Path(case)
    out_path = Path(out_path)
    _check_target(case_path, out_path)
    named: AbstractContextManager[object] = inspection.naming_bad_values(case_path) if case_path else nullcontext()
    with audit_events.given_or_opened(case, read_only=read_only) as case_file:
        with named, case_file.reading() as session:
            dossier, redaction = build_dossier_and_report(session, options)
            dossier = replace(dossier, audit_anchor=anchors.current_anchor(session).text())
        if cancelled is not None and cancelled():
            raise ExportCancelled("The export was cancelled.", "Nothing was written.")
        result = _write(dossier, out_path, progress, cancelled)
        detail = {"format": "pdf", "file": out_path.name, "redacted": options.redact}
        audit_events.record(case_file, Action.EXPORT, detail)
    return PdfReport(
        out_path, result.pages, tuple(s.section for s in dossier.sections), options.redact, result.uncovered,
        time.monotonic() - started, redaction if options.redact else None,
    )  # fmt: skip


def _write(dossier: Dossier, out_path: Path, progress: Progress | None, cancelled: Cancelled | None) -> RenderResult:
    from casefile.export.pdf.render import render  # ReportLab loads only when a PDF is made

    results: list[RenderResult] = []

    def write(handle: BinaryIO) -> None:
        results.append(render(dossier, handle, progress, cancelled))

    atomic_write(out_path, write)
    return results[0]


def _check_target(case_path: Path | None, out_path: Path) -> None:
    if out_path.is_dir():
        raise CasefileError(f"'{out_path}' is a folder.", "Give the name of the PDF file to write.")
    if case_path and out_path.exists() and case_path.exists() and out_path.resolve() == case_path.resolve():
        raise CasefileError(
            f"'{out_path}' is the case file itself.", "Choose another name for the PDF; the case was not touched."
        )
