"""`casefile import-csl PATH CSL`: add sources from a CSL-JSON file (Zotero's export) to a case."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casefile.cli import output
from casefile.jobs.csl_io import import_csl


def add_to(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "import-csl",
        help="add sources from a CSL-JSON file (Zotero)",
        description="Add the sources of a CSL-JSON file (from Zotero: Export… › CSL JSON) to a case. "
        "The whole file is checked first; with any problem nothing is written. Sources already in "
        "the case (same id, same URL, or same title and date) are not added again, and a source that "
        "differs from the case's copy never overwrites it. See docs/csl.md.",
    )
    parser.add_argument("path", metavar="PATH", type=Path, help="a case file")
    parser.add_argument("csl_path", metavar="CSL", type=Path, help="the CSL-JSON file to read")
    parser.add_argument("--dry-run", action="store_true", help="say what would be imported, and write nothing")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    result = import_csl(args.path, args.csl_path, dry_run=args.dry_run)
    count = len(result.plan.new)
    noun = "source" if count == 1 else "sources"
    if args.dry_run:
        output.say(f"Would add {count} {noun} to {output.clean(args.path)}; nothing was written (dry run).")
    else:
        output.say(f"Added {count} {noun} to {output.clean(args.path)}.")
    for line in result.plan.summary():
        output.say(line)
    return 0
