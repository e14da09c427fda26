"""`casefile sync LOCAL [--prefer mine|theirs]`: exchange a checked-out file's changes with its server case."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casefile.cli import output
from casefile.cli.cmd_merge import EXIT_CONFLICTS
from casefile.domain.merge import Resolution
from casefile.jobs.server_sync import sync


def add_to(subparsers: argparse._SubParsersAction[Any]) -> None:
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
