"""`casefile export-ftm PATH OUT.jsonl`: the case as FollowTheMoney entities, for Aleph and OpenSanctions."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casefile.cli import output, redaction_report
from casefile.jobs.ftm_io import export_ftm


def add_to(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "export-ftm",
        help="write the case as FollowTheMoney entities (Aleph)",
        description="Write the case as FollowTheMoney entities, one JSON object per line, which Aleph "
        "and OpenSanctions' tools read (Aleph: alephclient write-entities). States, warrants and visits "
        "have no FollowTheMoney schema of their own and go out as the closest; statute articles are "
        "not carried. See docs/ftm.md.",
    )
    parser.add_argument("path", metavar="PATH", type=Path, help="a case file")
    parser.add_argument("out_path", metavar="OUT", type=Path, help="the JSON-lines file to write (.jsonl)")
    redaction_report.add_redact_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    redaction_report.check(args, args.out_path, args.path)
    result, report = export_ftm(args.path, args.out_path, redact=args.redact)
    redacted = " (redacted)" if args.redact else ""
    output.say(f"Wrote {len(result.entities)} entities{redacted} to {output.clean(args.out_path)}.")
    if result.left_out:
        left = ", ".join(f"{count} {what}" for what, count in sorted(result.left_out.items()))
        output.say(f"Not carried (FollowTheMoney has no place for them): {left}.")
    redaction_report.emit(args, report)
    return 0
