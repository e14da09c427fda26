"""`casefile new PATH --title TITLE`: create an empty case file."""

from __future__ import annotations

import argparse
from typing import Any

from casefile.cli import output
from casefile.cli.arguments import new_case_path
from casefile.domain.errors import ValidationError
from casefile.domain.kinds import Kind
from casefile.domain.validation import clean_fields
from casefile.jobs.reading import create_case


def add_to(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser("new", help="create an empty case", description="Create an empty case file.")
    parser.add_argument("path", metavar="PATH", help="the new case file, ending in .casefile")
    parser.add_argument("--title", required=True, help="the case title")
    parser.add_argument("--analyst", help="the analyst's name")
    parser.add_argument("--classification", help='the classification marking, e.g. "CONFIDENTIAL – internal"')
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path = new_case_path(args.path)
    given = {"title": args.title, "analyst": args.analyst, "classification": args.classification}
    try:
        values = clean_fields(Kind.CASE, {k: v for k, v in given.items() if v is not None}, iso_codes=(), complete=True)
    except ValidationError as exc:
        raise ValidationError(
            exc.problems, 'Give the case a title with --title, e.g. --title "Putin in Mongolia".'
        ) from None
    title = values.pop("title")
    create_case(path, title, **values)
    output.say(f"Created the case '{output.clean(title)}' in {output.clean(path)}.")
    return 0
