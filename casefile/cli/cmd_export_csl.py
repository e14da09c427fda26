"""`casefile export-csl PATH CSL`: write the case's sources as CSL-JSON, for Zotero."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casefile.cli import output, redaction_report
from casefile.jobs.csl_io import export_csl


def add_to(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "export-csl",
        help="write the sources as CSL-JSON (Zotero)",
        description="Write every source of the case as CSL-JSON, which Zotero and most reference "
        "managers import (Zotero: File › Import…). The Admiralty grade has no place in CSL and is "
        "not written; see docs/csl.md.",
    )
    parser.add_argument("path", metavar="PATH", type=Path, help="a case file")
    parser.add_argument("csl_path", metavar="CSL", type=Path, help="the CSL-JSON file to write")
    redaction_report.add_redact_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    redaction_report.check(args, args.csl_path, args.path)
    count, report = export_csl(args.path, args.csl_path, redact=args.redact)
    redacted = " (redacted)" if args.redact else ""
    noun = "source" if count == 1 else "sources"
    output.say(f"Wrote {count} {noun}{redacted} to {output.clean(args.csl_path)}.")
    redaction_report.emit(args, report)
    return 0
