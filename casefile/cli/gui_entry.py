"""Where `casefile` with no command, `casefile PATH` or `casefile --demo` starts the desktop window."""

from __future__ import annotations

from pathlib import Path

from casefile.domain.errors import CaseFileNotFound


def run_gui(path: Path | None, *, demo: bool = False) -> int:
    """Open the main window, on a case if one is named; returns the app's exit code."""
    if path is not None and not path.exists():
        raise CaseFileNotFound(f"There is no file at '{path}'.", "Check the name and the folder.")
    # Imported only here: the other commands must work on machines with no display libraries.
    from casefile.ui.app import run

    return run(path, demo=demo)
