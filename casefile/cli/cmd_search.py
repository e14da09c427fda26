"""`casefile search PATH QUERY`: ranked full-text hits with their kind, label and a snippet."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casefile.cli import output
from casefile.cli.arguments import positive_int
from casefile.domain.kinds import spec
from casefile.jobs.reading import reading
from casefile.services.search import search

DEFAULT_LIMIT = 20


def add_to(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "search",
        help="search names, quotes, titles and notes",
        description="Search a case. Every word must match; case, accents and ё/е do not matter.",
    )
    parser.add_argument("path", metavar="PATH", type=Path, help="a case file")
    parser.add_argument("query", metavar="QUERY", help="the words to look for, e.g. путин or khurelsukh")
    parser.add_argument(
        "--limit", type=positive_int, default=DEFAULT_LIMIT, help=f"show at most N hits (default {DEFAULT_LIMIT})"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with reading(args.path, allow_newer=True) as opened:
        hits = search(opened.session, args.query, limit=args.limit)
    if not hits:
        output.say(f"Nothing in the case matches '{output.clean(args.query)}'.")
        return 0
    rows = [(spec(hit.kind).label, hit.label, hit.plain_snippet()) for hit in hits]
    output.print_table(rows, headers=("KIND", "RECORD", "MATCH"))
    return 0
