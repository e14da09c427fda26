"""`casefile add-source-file PATH FILE`: a new source filled from a saved web page or PDF, the file kept."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casefile.cli import output
from casefile.domain.kinds import Kind, spec
from casefile.jobs.source_files import add_source_file


def add_to(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "add-source-file",
        help="add a source from a saved web page or PDF, keeping the file",
        description="Read a saved web page (.html, .mhtml) or a PDF, fill a new source from what it says "
        "about itself (title, outlet, author, canonical URL, published date; accessed is today), and store "
        "the file unchanged under it with its SHA-256. Nothing in the file is run or fetched. Use "
        "--dry-run to see the fields first, and --title and the like to correct them.",
    )
    parser.add_argument("path", metavar="PATH", type=Path, help="a case file")
    parser.add_argument("file_path", metavar="FILE", type=Path, help="the saved page or PDF")
    parser.add_argument("--title", help="the source's title, instead of the file's")
    parser.add_argument("--outlet", help="the outlet's name, instead of the file's")
    parser.add_argument("--author", help="the author, instead of the file's")
    parser.add_argument("--published", help="the published date, instead of the file's")
    parser.add_argument("--dry-run", action="store_true", help="show what would be stored; write nothing")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    changes = {k: v for k, v in (("title", args.title), ("author", args.author), ("published", args.published),
                                 ("outlet_name", args.outlet)) if v}  # fmt: skip
    result = add_source_file(args.path, args.file_path, changes=changes, dry_run=args.dry_run)
    fields = spec(Kind.SOURCE)
    for name, value in result.values.items():
        label = "Outlet" if name == "outlet_name" else fields.field(name).label
        output.say(f"{label}: {output.clean(value)}")
    for note in result.facts.notes:
        output.say(f"Note: {output.clean(note)}")
    if result.added is None:
        output.say(f"Dry run: nothing was written. The text has {len(result.facts.passages)} passages.")
        return 0
    if result.added.outlet_created:
        output.say(f"Created the outlet '{output.clean(result.added.outlet_created)}'.")
    output.say(f"Added source {result.added.source_id} with the file attached ({result.added.attachment_id}).")
    return 0
