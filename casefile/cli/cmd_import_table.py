"""`casefile import-table PATH FILE --kind KIND`: add or update records from a CSV or XLSX sheet."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from casefile.cli import output
from casefile.domain.errors import ValidationError
from casefile.domain.kinds import RECORD_KINDS, Kind, spec
from casefile.jobs.tables_io import import_table
from casefile.services.table_import import Duplicates


def add_to(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "import-table",
        help="add records of one kind from a CSV or XLSX sheet",
        description="Add (or, by an id column, update) records of one kind from a spreadsheet. The first "
        "row names the columns; they are matched to fields by name (see --dry-run for the match). "
        "References are written as names ('Vladimir Putin') or ids. The whole sheet is checked first; "
        "with any problem nothing is written, and each problem is named with its row.",
    )
    parser.add_argument("path", metavar="PATH", type=Path, help="a case file")
    parser.add_argument("table_path", metavar="FILE", type=Path, help="a .csv or .xlsx file")
    kinds = [k.value for k in RECORD_KINDS]
    parser.add_argument("--kind", required=True, choices=kinds, metavar="KIND", help=f"one of: {', '.join(kinds)}")
    parser.add_argument(
        "--mapping",
        metavar="JSON",
        help='change the match of columns to fields, by column name: \'{"Surname": "name", "Comment": null}\'',
    )
    parser.add_argument("--sheet", metavar="NAME", help="the sheet of a workbook to read (default: the first)")
    parser.add_argument(
        "--duplicates",
        choices=[d.value for d in Duplicates if d != Duplicates.ASK],
        help="rows naming a record the case already has: skip them, or add them anyway (default: stop and list them)",
    )
    parser.add_argument("--dry-run", action="store_true", help="show the match and what would change; write nothing")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    kind = Kind(args.kind)
    result = import_table(
        args.path,
        args.table_path,
        kind,
        overrides=_overrides(args.mapping),
        sheet_name=args.sheet,
        duplicates=Duplicates(args.duplicates) if args.duplicates else Duplicates.ASK,
        dry_run=args.dry_run,
    )
    output.say(f"Read {output.clean(args.table_path)} ({result.sheet.described}), {len(result.sheet.rows)} rows.")
    fields = spec(kind)
    for index, header in enumerate(result.sheet.headers):
        name = result.mapping.get(index)
        if args.dry_run or not name:  # the whole match before an import; after it, only what was left out
            target = "id" if name == "id" else (fields.field(name).label if name else "(not imported)")
            output.say(f"  column {output.clean(header)} → {target}")
    if args.dry_run and result.plan.blocked:
        output.say("These rows need attention before an import:")
        for line in result.plan.blocked:
            output.say(f"  {output.clean(line)}")
    for line in result.plan.summary():
        output.say(output.clean(line))
    output.say("Dry run: nothing was written." if args.dry_run else f"Imported into {output.clean(args.path)}.")
    return 0


def _overrides(text: str | None) -> dict[str, str | None] | None:
    if not text:
        return None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError.single("--mapping", f"is not JSON: {exc.msg}") from None
    if not isinstance(value, dict) or not all(isinstance(v, str | None) for v in value.values()):
        raise ValidationError.single("--mapping", "should be a JSON object of column name to field name or null")
    return value
