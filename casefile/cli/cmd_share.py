"""`casefile share PATH OUT [--redact]`: write a clean snapshot of a case to email or carry."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casefile.cli import output, redaction_report
from casefile.cli.arguments import new_case_path
from casefile.domain.errors import CaseFileExists
from casefile.jobs.share import ShareReport, share_copy


def add_to(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "share",
        help="write a clean copy of the case to share",
        description="Write a clean snapshot of a case file to share: records you deleted, their links and any "
        "deleted attachments are left out, the audit history stays in your own file, and nothing of them "
        "remains in the copy's bytes. The case itself is not changed.",
    )
    parser.add_argument("path", metavar="PATH", type=Path, help="a case file")
    parser.add_argument("out", metavar="OUT", type=new_case_path, help="the copy to write (ends in .casefile)")
    parser.add_argument(
        "--redact",
        action="store_true",
        help="rename persons marked protected to pseudonyms (Witness A, ...), remove their other details and "
        "every mention of their names, and leave out all attachments",
    )
    parser.add_argument("--replace", action="store_true", help="replace OUT if it already exists")
    redaction_report.add_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    out: Path = args.out
    redaction_report.check(args, out, args.path)
    if out.exists() and not args.replace:
        raise CaseFileExists(f"'{out}' already exists.", "Choose another name, or add --replace to replace it.")
    report = share_copy(args.path, out, redact=args.redact)
    for line in summary(report):
        output.say(line)
    redaction_report.emit(args, report.redaction)
    return 0


def summary(report: ShareReport) -> list[str]:
    kind = "a redacted copy" if report.redacted else "a clean copy"
    lines = [f"Wrote {kind} ({report.size:,} bytes) to {output.clean(report.path)}."]
    if report.records_left_out:
        lines.append(f"Left out {report.records_left_out} deleted record(s) and link(s).")
    if report.attachments_left_out:
        lines.append(f"Left out {report.attachments_left_out} attachment(s).")
    if report.redacted:
        names = ", ".join(report.pseudonyms) if report.pseudonyms else "none: no person is marked protected"
        lines.append(f"Protected persons now appear as: {names}.")
    return lines
