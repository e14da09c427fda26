"""Where `casefile` with no command, or with a case file alone, starts the desktop window."""

from __future__ import annotations

import shlex
from pathlib import Path

from casefile.cli import output
from casefile.domain.errors import CaseFileNotFound


def run_gui(path: Path | None) -> int:
    """Start the desktop window on path (or on no case); this build has none, so say so."""
    # Imported here because main imports this module to dispatch to it.
    from casefile.cli.main import build_parser

    if path is not None and not path.exists():
        raise CaseFileNotFound(f"There is no file at '{path}'.", "Check the name and the folder.")
    output.say("The desktop window is not available in this build of Casefile; use one of the commands below.")
    if path is not None:
        output.say(f"To see this case, run: casefile info {shlex.quote(output.clean(path))}")
    output.say()
    output.say(build_parser().format_help().rstrip())
    return 0
