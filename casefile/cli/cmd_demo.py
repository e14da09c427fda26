"""`casefile demo PATH`: write the demo case (Putin's visit to Mongolia)."""

from __future__ import annotations

import argparse
from typing import Any

from casefile.cli import output
from casefile.cli.arguments import new_case_path
from casefile.jobs.demo import write_demo


def add_to(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="write the demo case (Putin's visit to Mongolia)",
        description="Write the demo case, built from published facts about Putin's 2024 visit to Mongolia.",
    )
    parser.add_argument("path", metavar="PATH", help="the new case file, ending in .casefile")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path = write_demo(new_case_path(args.path))
    output.say(f"Wrote the demo case to {output.clean(path)}.")
    return 0
