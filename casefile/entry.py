"""The `casefile` command's entry: the desktop window, or a command line.

`casefile` with no command, `casefile PATH`, `casefile postgresql://…#case` or `casefile --demo`
starts the window; anything else is a command, run by `casefile.cli`. This is the one module that
knows both: the command line never imports the window (tests/test_layers.py), and the window is
imported only when it starts, so the commands work on machines with no display libraries.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    if not words:  # the window alone: it paints before the command line's modules would have loaded
        try:
            return run_gui(None)
        except Exception as exc:  # e.g. no display libraries: one line, as the command line says it
            from casefile.cli.main import report_failure

            return report_failure(exc)
    from casefile.cli.main import main as command_line

    return command_line(words, window=run_gui)


def run_gui(path: Path | str | None, *, demo: bool = False) -> int:
    """Open the main window, on a case if one is named (a path, or a server case's address); returns the app's
    exit code."""
    if isinstance(path, Path) and not path.exists():
        from casefile.domain.errors import CaseFileNotFound

        raise CaseFileNotFound(f"There is no file at '{path}'.", "Check the name and the folder.")
    from casefile.ui.app import run

    return run(path, demo=demo)
