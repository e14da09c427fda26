"""`casefile attachments PATH [--export ID FOLDER]`: list the attached files, or export one under a safe name."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casefile.cli import output
from casefile.domain.attachments import display_name
from casefile.jobs.attachments import export_attachment
from casefile.jobs.reading import reading
from casefile.services import attachments


def add_to(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "attachments",
        help="list the attached files, or export one",
        description="List every attached file with its id, type, size and SHA-256, or export one to a "
        "folder under a safe name. An export re-checks the hash and refuses a changed file.",
    )
    parser.add_argument("path", metavar="PATH", type=Path, help="a case file")
    parser.add_argument(
        "--export", nargs=2, metavar=("ID", "FOLDER"), help="write attachment ID into FOLDER, never replacing a file"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.export:
        attachment_id, folder = args.export
        written = export_attachment(args.path, attachment_id, Path(folder))
        output.say(f"Wrote {output.clean(written)} (SHA-256 checked against the import).")
        return 0
    with reading(args.path) as case:
        found = attachments.list_all(case.session)
    if not found:
        output.say("No attachments.")
        return 0
    rows = [(a.id, a.source_id, a.media_type, a.size, a.sha256, display_name(a.file_name)) for a in found]
    output.print_table(rows, ("ID", "SOURCE", "TYPE", "BYTES", "SHA-256", "NAME"))
    return 0
