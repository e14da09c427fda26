"""`casefile check PATH`: schema revision, SQLite integrity, foreign keys, attachment hashes; exit 1 on problems."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casefile.cli import output
from casefile.storage.checks import check_file

EXIT_CLEAN, EXIT_PROBLEMS = 0, 1


def add_to(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check the file for damage",
        description="Check a case file without changing it: schema revision, PRAGMA integrity_check, "
        "PRAGMA foreign_key_check, the search index, the SHA-256 of every attachment and the audit "
        "trail's hash chain (naming its first broken row). "
        "Exits 0 when clean, 1 when not.",
    )
    parser.add_argument("path", metavar="PATH", type=Path, help="a case file")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    report = check_file(args.path)
    name = output.clean(report.path)
    revision = "unknown" if report.schema_revision is None else str(report.schema_revision)
    output.say(f"Schema revision: {revision}")
    for note in report.notes:
        output.say(output.clean(note))
    if report.clean:
        output.say(f"{name}: no problems found.")
        return EXIT_CLEAN
    for problem in report.problems:
        output.say(f"  {output.clean(problem)}")
    output.say(
        f"{name}: {len(report.problems)} problem(s) found. Use your most recent backup, or ask the sender "
        "for a fresh copy."
    )
    return EXIT_PROBLEMS
