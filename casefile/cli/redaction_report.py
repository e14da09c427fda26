"""`--report [PATH]` on the redacting commands: the analyst's redaction report, on stdout or in a file of its own."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import BinaryIO

from casefile.cli import output
from casefile.domain.errors import CasefileError, ValidationError
from casefile.export.atomic import atomic_write
from casefile.services.redaction import RedactionReport

STDOUT = "-"


def add_redact_arguments(parser: argparse.ArgumentParser) -> None:
    """--redact and --report, for the exports that write one file of the case's records."""
    parser.add_argument(
        "--redact", action="store_true", help="protected persons as pseudonyms (Witness A, ...), as in share --redact"
    )
    add_argument(parser)


def add_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--report",
        nargs="?",
        const=STDOUT,
        metavar="PATH",
        help="with --redact: print where each protected name was replaced, and near matches to check "
        "(to stdout, or to the file PATH; never into the redacted file)",
    )


def check(args: argparse.Namespace, *outputs: Path) -> None:
    """Refuse --report without --redact, or a report path that would overwrite the export itself."""
    if args.report is None:
        return
    if not args.redact:
        raise ValidationError.single("--report", "the redaction report needs --redact")
    if args.report != STDOUT and any(Path(args.report).resolve() == Path(p).resolve() for p in outputs):
        raise CasefileError("The report cannot be written over the export.", "Give --report another file name.")


def emit(args: argparse.Namespace, report: RedactionReport | None) -> None:
    if args.report is None or report is None:
        return
    if args.report == STDOUT:
        for line in report.lines():
            output.say(output.clean(line))
        return

    def write(handle: BinaryIO) -> None:
        handle.write(report.text().encode("utf-8"))

    atomic_write(Path(args.report), write)
    output.say(f"Wrote the redaction report to {output.clean(args.report)}.")
