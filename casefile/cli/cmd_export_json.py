"""`casefile export-json PATH JSON`: write the whole case as one casefile/1 JSON document."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casefile.cli import output, redaction_report
from casefile.jobs.json_io import export_json


def add_to(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "export-json",
        help="write the whole case as JSON",
        description="Write the whole case as one casefile/1 JSON document (see docs/case-format.md). "
        "An existing JSON file is replaced only once the new one is complete.",
    )
    parser.add_argument("path", metavar="PATH", type=Path, help="a case file")
    parser.add_argument("json_path", metavar="JSON", type=Path, help="the JSON file to write")
    parser.add_argument(
        "--redact",
        action="store_true",
        help="write the redacted case: protected persons as pseudonyms (Witness A, ...), as in share --redact",
    )
    redaction_report.add_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    redaction_report.check(args, args.json_path, args.path)
    report = export_json(args.path, args.json_path, redact=args.redact)
    redacted = " (redacted)" if args.redact else ""
    output.say(f"Wrote {output.clean(args.path)} as JSON{redacted} to {output.clean(args.json_path)}.")
    redaction_report.emit(args, report)
    return 0
