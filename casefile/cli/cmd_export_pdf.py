"""`casefile export-pdf PATH OUT.pdf`: write the case as a formatted, sourced PDF dossier."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from casefile.cli import output, redaction_report
from casefile.domain.dossier import Paper, PdfOptions, Section, parse_sections
from casefile.domain.errors import ValidationError
from casefile.jobs.pdf import export_pdf

BAR_WIDTH = 30


def add_to(subparsers: argparse._SubParsersAction[Any]) -> None:
    names = ",".join(s.value for s in Section)
    parser = subparsers.add_parser(
        "export-pdf",
        help="write the case as a PDF dossier",
        description="Write the case as a PDF dossier: cover, contents, key facts, chronology, persons, warrants, "
        "visits, expert commentary, statute appendix, sources and link chart. An existing PDF is replaced only "
        "once the new one is complete.",
    )
    parser.add_argument("path", metavar="PATH", type=Path, help="a case file")
    parser.add_argument("out", metavar="OUT.pdf", type=Path, help="the PDF file to write")
    parser.add_argument(
        "--redact", action="store_true", help="show persons marked protected as pseudonyms (Witness A, ...)"
    )
    parser.add_argument(
        "--sections",
        type=_sections,
        default=frozenset(Section),
        metavar="LIST",
        help=f"comma-separated sections to include (default all): {names}",
    )
    parser.add_argument("--paper", choices=[p.value for p in Paper], default=Paper.A4.value, help="page size")
    redaction_report.add_argument(parser)
    parser.set_defaults(run=run)


def _sections(text: str) -> frozenset[Section]:
    try:
        return parse_sections(text)
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(exc.problems[0].message) from None


def run(args: argparse.Namespace) -> int:
    redaction_report.check(args, args.out, args.path)
    options = PdfOptions(sections=args.sections, redact=args.redact, paper=Paper(args.paper))
    bar = ProgressBar(sys.stderr)
    try:
        report = export_pdf(args.path, args.out, options, progress=bar.update if bar.enabled else None)
    finally:
        bar.close()
    redacted = " (redacted)" if report.redacted else ""
    pages = f"{report.pages:,} page" + ("" if report.pages == 1 else "s")
    output.say(f"Wrote the dossier{redacted}, {pages}, to {output.clean(report.path)}.")
    if report.uncovered:
        output.say(
            f"Note: the font cannot draw {len(report.uncovered)} character(s); the PDF shows each as its code: "
            f"{output.clean(report.uncovered_text())}."
        )
    redaction_report.emit(args, report.redaction)
    return 0


class ProgressBar:
    """A one-line bar on a terminal; silent when stderr is a pipe or a file."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.enabled = stream.isatty()
        self._shown = -1

    def update(self, done: int, total: int) -> None:
        percent = 100 * done // max(total, 1)
        if percent == self._shown:
            return
        self._shown = percent
        filled = BAR_WIDTH * percent // 100
        self._stream.write(f"\rExporting [{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {percent:3d}%")
        self._stream.flush()

    def close(self) -> None:
        if self.enabled and self._shown >= 0:
            self._stream.write("\n")
            self._stream.flush()
