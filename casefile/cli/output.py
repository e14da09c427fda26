"""Printing for the command line: safe streams, one-line errors and plain-text tables."""

from __future__ import annotations

import codecs
import io
import sys
from collections.abc import Sequence
from typing import TextIO

from casefile.domain.errors import CasefileError
from casefile.domain.text import strip_control

PROG = "casefile"


def use_safe_streams() -> None:
    """Make stdout and stderr print Cyrillic whatever the locale says.

    A pipe on Windows or a Latin-1 locale would raise UnicodeEncodeError on the first
    Cyrillic name; UTF-8 output is what a redirect to a file wants, and errors="replace"
    keeps a lone surrogate from killing the command halfway through its output.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and not _is_utf(stream.encoding):
            stream.reconfigure(encoding="utf-8", errors="replace")


def _is_utf(encoding: str | None) -> bool:
    if not encoding:
        return False
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def clean(value: object) -> str:
    """One line of text from user data: no control characters, so a hostile title cannot drive the terminal."""
    text = "" if value is None else str(value)
    return strip_control(text.replace("\r\n", " ").replace("\n", " ").replace("\t", " "))


def say(text: str = "", stream: TextIO | None = None) -> None:
    print(text, file=stream or sys.stdout)


def error_line(error: CasefileError | str) -> str:
    """The single stderr line for an error: 'casefile: error: <message> <hint>'."""
    return f"{PROG}: error: {clean(error)}"


def print_error(error: CasefileError | str) -> None:
    print(error_line(error), file=sys.stderr)


def table(rows: Sequence[Sequence[object]], headers: Sequence[str] = ()) -> list[str]:
    """Left-aligned columns two spaces apart; the last column is not padded."""
    cells = [[clean(c) for c in row] for row in ([list(headers)] if headers else []) + [list(r) for r in rows]]
    if not cells:
        return []
    widths = [max(len(row[i]) for row in cells if i < len(row)) for i in range(max(len(r) for r in cells))]
    lines = []
    for row in cells:
        padded = [cell.ljust(widths[i]) if i < len(row) - 1 else cell for i, cell in enumerate(row)]
        lines.append("  ".join(padded).rstrip())
    return lines


def print_table(rows: Sequence[Sequence[object]], headers: Sequence[str] = ()) -> None:
    for line in table(rows, headers):
        say(line)
