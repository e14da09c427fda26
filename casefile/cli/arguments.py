"""Argument types and checks shared by the commands."""

from __future__ import annotations

import argparse
from pathlib import Path

from casefile.domain.case_files import EXTENSION
from casefile.domain.errors import CasefileError


class UsageError(CasefileError):
    """The command line itself is wrong: unknown command, missing argument, bad option value."""


def new_case_path(text: str) -> Path:
    """A path for a case file about to be written; it must carry the .casefile extension.

    Refusing other names catches swapped arguments (`import-json out.casefile in.json`)
    before anything is written, and keeps new cases findable by the desktop window.
    """
    path = Path(text)
    if path.suffix.lower() != EXTENSION:
        suggestion = path.with_suffix(EXTENSION) if path.suffix else path.with_name(path.name + EXTENSION)
        raise UsageError(
            f"'{text}' does not end in {EXTENSION}, so it is not a name for a case file.",
            f"Name the new case '{suggestion}'.",
        )
    return path


def positive_int(text: str) -> int:
    """argparse type for counts such as --limit."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is too small; give 1 or more")
    return value
