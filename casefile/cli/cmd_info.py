"""`casefile info PATH`: the case's title, schema revision and how many records of each kind it holds."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casefile.cli import output
from casefile.domain.kinds import spec
from casefile.jobs.reading import SCHEMA_REVISION, reading
from casefile.services import case


def add_to(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "info",
        help="show the title, schema revision and records per kind",
        description="Show a case's title, schema revision and the number of records of each kind.",
    )
    parser.add_argument("path", metavar="PATH", type=Path, help="a case file")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with reading(args.path, allow_newer=True) as opened:
        summary = case.summary(opened.session)
        revision, warnings = opened.schema_revision, opened.warnings
    values = summary.case.values
    shown = str(revision)
    if revision < SCHEMA_REVISION:
        shown += (
            f" (older than this Casefile's {SCHEMA_REVISION}: it is upgraded, after a backup, when opened for writing)"
        )
    elif revision > SCHEMA_REVISION:
        shown += f" (newer than this Casefile's {SCHEMA_REVISION}: shown read-only)"
    cover = [
        ("Title", values.get("title")),
        ("Classification", values.get("classification") or "(none)"),
        ("Analyst", values.get("analyst") or "(none)"),
        ("Schema revision", shown),
        ("Written by", summary.written_by),
    ]
    output.print_table([(f"{label}:", value) for label, value in cover])
    output.say()
    output.print_table([(spec(kind).plural, n) for kind, n in summary.counts.items()])
    for warning in warnings:
        output.say(output.clean(warning))
    return 0
