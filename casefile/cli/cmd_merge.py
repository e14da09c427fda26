"""`casefile merge PATH OTHER [--prefer mine|theirs|both]`: bring a colleague's copy into a case."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casefile.cli import output
from casefile.domain.kinds import spec
from casefile.domain.merge import Resolution
from casefile.jobs.merge import MergeReport, merge_case

EXIT_MERGED, EXIT_CONFLICTS = 0, 1
HEADERS = ("Kind", "Added", "Updated", "Skipped", "In conflict")


def add_to(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "merge",
        help="merge a colleague's copy of the case into this one",
        description="Bring the records of OTHER (a copy of the case) into PATH, matched by id: new records are "
        "added, records changed only in OTHER are updated, the rest are skipped. A record changed in both copies "
        "is a conflict: without --prefer nothing is merged and the conflicts are listed (exit 1). OTHER is "
        "checked like any received file and never changed; PATH is backed up first, and the merge is one "
        "transaction.",
    )
    parser.add_argument("path", metavar="PATH", type=Path, help="your case file, which receives the records")
    parser.add_argument("other", metavar="OTHER", type=Path, help="the copy to merge in; it is only read")
    parser.add_argument(
        "--prefer",
        choices=[r.value for r in Resolution],
        help="settle every conflict the same way: keep mine, take theirs, or keep both (theirs added as a new "
        "record linked 'alternative version of' to mine; for the case details, States and articles, which a case "
        "holds once, both keeps mine)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    prefer = Resolution(args.prefer) if args.prefer else None
    report = merge_case(args.path, args.other, prefer)
    print_report(report)
    if not report.applied:
        output.say(
            f"{report.conflicts} record(s) were changed in both copies, so nothing was merged. Run again with "
            "--prefer mine, --prefer theirs or --prefer both, or use File › Merge Case… in the window to choose "
            "record by record."
        )
        return EXIT_CONFLICTS
    return EXIT_MERGED


def print_report(report: MergeReport) -> None:
    rows = [
        (spec(kind).plural, c.added, c.updated, c.skipped, c.conflicts) for kind, c in report.counts.items() if c.total
    ]
    output.say(f"Merging {output.clean(report.other)} into {output.clean(report.path)}:")
    output.print_table(rows, HEADERS)
    for line in report.attachment_lines():
        output.say(output.clean(line))
    for line in report.unresolved:
        output.say(f"  in conflict: {output.clean(line)}")
    settled: dict[Resolution, int] = {}
    for counts in report.counts.values():
        for resolution, n in counts.resolved.items():
            settled[resolution] = settled.get(resolution, 0) + n
    if settled:
        output.say("Conflicts settled: " + ", ".join(f"{n} kept {r.value}" for r, n in settled.items()) + ".")
    if report.backup is not None:
        output.say(f"Your case as it was before the merge: {output.clean(report.backup)}")
    elif report.applied:
        output.say("Nothing to merge: the copy holds nothing new.")
