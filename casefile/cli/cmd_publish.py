"""`casefile publish PATH URL [--name CASE]`: make a server case from a case file, keeping every row as it is."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from casefile.cli import output
from casefile.cli.arguments import UsageError
from casefile.jobs.team_server import publish, server


def add_to(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "publish",
        help="create a server case from a case file",
        description="Create a case on a PostgreSQL server (prepared by 'casefile server init') from a case file: "
        "every record, link, attachment and the whole audit trail, with their ids and times, in one transaction. "
        "The file is not changed.",
    )
    parser.add_argument("path", metavar="PATH", type=Path, help="a case file")
    parser.add_argument(
        "url", metavar="URL", help="the server's database, e.g. postgresql://anna@db.example.org/casefile"
    )
    parser.add_argument("--name", help="the case's name on the server (default: from the file's name)")
    parser.set_defaults(run=run)


def default_name(path: Path) -> str:
    """The file's name as a server case name: lower case, other characters as _, starting with a letter."""
    name = re.sub(r"[^a-z0-9_]+", "_", path.stem.lower()).strip("_")[:40]
    if not name or not name[0].isalpha():
        raise UsageError(
            f"'{path.name}' gives no usable server case name.", "Name the case with --name, e.g. --name mongolia."
        )
    return name


def run(args: argparse.Namespace) -> int:
    name = args.name or default_name(args.path)
    counts = publish(args.path, args.url, name)
    where = output.clean(server.describe_url(args.url))
    output.say(f"Published {output.clean(args.path)} as the case '{name}' on {where}: {counts['records']} records, "
               f"{counts['attachments']} attachment(s), {counts['audit_log']} audit rows.")  # fmt: skip
    return 0
