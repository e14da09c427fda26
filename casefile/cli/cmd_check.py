"""`casefile check PATH`: schema revision, SQLite integrity, foreign keys, attachment hashes; exit 1 on problems."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casefile.cli import output
from casefile.jobs.anchors import check_against
from casefile.jobs.reading import check_file

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
    parser.add_argument(
        "--against",
        metavar="EXPORT",
        type=Path,
        help="also prove the case still holds, unchanged, the audit history that an earlier export of it "
        "recorded (a PDF dossier, a share copy or a JSON export), and check that record's signature",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    report = check_file(args.path)
    # Only a file that passed inspection is opened to read its trail.
    readable = report.schema_revision is not None
    anchored = check_against(args.path, args.against) if args.against is not None and readable else None
    name = output.clean(report.path)
    revision = "unknown" if report.schema_revision is None else str(report.schema_revision)
    output.say(f"Schema revision: {revision}")
    for note in report.notes:
        output.say(output.clean(note))
    if anchored is not None:
        for line in anchored.lines():
            output.say(output.clean(line))
    if report.clean and (anchored is None or anchored.holds):
        output.say(f"{name}: no problems found.")
        return EXIT_CLEAN
    for problem in report.problems:
        output.say(f"  {output.clean(problem)}")
    count = len(report.problems) + (0 if anchored is None or anchored.holds else 1)
    output.say(f"{name}: {count} problem(s) found. Use your most recent backup, or ask the sender for a fresh copy.")
    return EXIT_PROBLEMS
