"""`casefile export-table PATH OUT --kind KIND`: every record of one kind as CSV or XLSX."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casefile.cli import output, redaction_report
from casefile.domain.kinds import RECORD_KINDS, Kind, spec
from casefile.jobs.tables_io import export_table


def add_to(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "export-table",
        help="write one kind of record as CSV or XLSX",
        description="Write every record of one kind as a spreadsheet (.csv or .xlsx, by OUT's name): an ID "
        "column, then every field. Dates keep their precision, references are written as names, and a "
        "cell that begins like a formula (= + - @) is written so spreadsheet programs keep it as text. "
        "The sheet imports back with import-table.",
    )
    parser.add_argument("path", metavar="PATH", type=Path, help="a case file")
    parser.add_argument("out_path", metavar="OUT", type=Path, help="the .csv or .xlsx file to write")
    kinds = [k.value for k in RECORD_KINDS]
    parser.add_argument("--kind", required=True, choices=kinds, metavar="KIND", help=f"one of: {', '.join(kinds)}")
    redaction_report.add_redact_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    redaction_report.check(args, args.out_path, args.path)
    kind = Kind(args.kind)
    count, report = export_table(args.path, args.out_path, kind, redact=args.redact)
    redacted = " (redacted)" if args.redact else ""
    noun = spec(kind).label.lower() if count == 1 else spec(kind).plural.lower()
    output.say(f"Wrote {count} {noun}{redacted} to {output.clean(args.out_path)}.")
    redaction_report.emit(args, report)
    return 0
