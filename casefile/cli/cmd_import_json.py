"""`casefile import-json JSON PATH`: create a new case file from a casefile/1 JSON document."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casefile.cli import output
from casefile.cli.arguments import new_case_path
from casefile.jobs.json_io import import_json
from casefile.jobs.reading import reading
from casefile.services import case


def add_to(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "import-json",
        help="create a case from a JSON document",
        description="Create a new case file from a casefile/1 JSON document (see docs/case-format.md). "
        "Nothing is written unless the whole document is valid.",
    )
    parser.add_argument("json_path", metavar="JSON", type=Path, help="the JSON document to read")
    parser.add_argument("path", metavar="PATH", help="the new case file, ending in .casefile")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    created = import_json(args.json_path, new_case_path(args.path))
    with reading(created) as opened:
        total = sum(case.counts(opened.session).values())
    output.say(f"Created {output.clean(created)} from {output.clean(args.json_path)}: {total} records.")
    return 0
