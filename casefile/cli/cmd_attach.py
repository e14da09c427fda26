"""`casefile attach PATH SOURCE_ID FILE`: store an evidence file inside the case, under a source."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casefile.cli import output
from casefile.domain.attachments import display_name
from casefile.jobs.attachments import attach_file


def add_to(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "attach",
        help="store a file (PDF, image, saved web page) under a source",
        description="Store a file inside the case, attached to a source. Its SHA-256, size and type "
        "(sniffed from the content) are recorded; the stored bytes are never changed afterwards.",
    )
    parser.add_argument("path", metavar="PATH", type=Path, help="a case file")
    parser.add_argument("source_id", metavar="SOURCE_ID", help="the id of the source the file supports")
    parser.add_argument("file", metavar="FILE", type=Path, help="the file to attach")
    parser.add_argument("--note", help="a note kept with the attachment")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    info = attach_file(args.path, args.source_id, args.file, note=args.note)
    output.say(f"Attached {output.clean(display_name(info.file_name))} as {info.id}")
    output.say(f"  {info.media_type}, {info.size:,} bytes, SHA-256 {info.sha256}")
    return 0
