"""`casefile checkout URL CASE LOCAL`: a server case in a file, to work offline (`casefile sync` later)."""

from __future__ import annotations

import argparse
from typing import Any

from casefile.cli import output
from casefile.cli.arguments import new_case_path
from casefile.jobs.team_server import checkout


def add_to(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "checkout",
        help="copy a server case to a file to work offline",
        description="Write a server case, as stored, to a new case file that remembers where it came from "
        "(never a password); 'casefile sync' later exchanges changes with the server.",
    )
    parser.add_argument("url", metavar="URL")
    parser.add_argument("case", metavar="CASE")
    parser.add_argument("path", metavar="LOCAL", type=new_case_path, help="the new file (ends in .casefile)")
    parser.set_defaults(run=run_checkout)


def run_checkout(args: argparse.Namespace) -> int:
    counts = checkout(args.url, args.case, args.path)
    output.say(f"Checked out '{output.clean(args.case)}' to {output.clean(args.path)}: {counts['records']} records.")
    return 0
