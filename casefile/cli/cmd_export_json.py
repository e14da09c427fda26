"""`casefile export-json PATH JSON`: write the whole case as one casefile/1 JSON document."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casefile.cli import output
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
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    export_json(args.path, args.json_path)
    output.say(f"Wrote {output.clean(args.path)} as JSON to {output.clean(args.json_path)}.")
    return 0
