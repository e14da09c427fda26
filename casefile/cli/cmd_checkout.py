"""`casefile checkout URL CASE LOCAL` and `casefile sync LOCAL`: a server case in a file, to work offline."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casefile.cli import output
from casefile.cli.arguments import new_case_path
from casefile.cli.cmd_merge import EXIT_CONFLICTS
from casefile.domain.merge import Resolution
from casefile.jobs.server_sync import sync
from casefile.storage.server_checkout import checkout


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
    synced = subparsers.add_parser(
        "sync",
        help="send a checked-out file's changes to its server case and bring the others' back",
        description="Merge a checked-out file with its server case by record id, both ways. A record changed on "
        "both sides since the last sync is a conflict: nothing is written unless --prefer settles it.",
    )
    synced.add_argument("path", metavar="LOCAL", type=Path)
    synced.add_argument(
        "--prefer",
        choices=[Resolution.MINE.value, Resolution.THEIRS.value],
        help="settle every conflict the same way: the file's version (mine) or the server's",
    )
    synced.set_defaults(run=run_sync)


def run_checkout(args: argparse.Namespace) -> int:
    counts = checkout(args.url, args.case, args.path)
    output.say(f"Checked out '{output.clean(args.case)}' to {output.clean(args.path)}: {counts['records']} records.")
    return 0


def run_sync(args: argparse.Namespace) -> int:
    report = sync(args.path, Resolution(args.prefer) if args.prefer else None)
    if not report.applied:
        for line in report.conflicts:
            output.say(f"  in conflict: {output.clean(line)}")
        output.say(f"{len(report.conflicts)} record(s) were changed here and on the server, so nothing was synced. "
                   "Run again with --prefer mine or --prefer theirs.")  # fmt: skip
        return EXIT_CONFLICTS
    output.say(f"Synced with '{output.clean(report.case)}': sent {report.sent} record(s), received {report.received}.")
    return 0
