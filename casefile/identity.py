"""Who is using Casefile: the name each audit row records and each export's signature stands for.

One identity per running program. The desktop app sets it from the analyst's name in
Preferences (`ui/settings.py`, asked on first run); the command line, CI and benchmarks take it
from the CASEFILE_ANALYST environment variable. With neither, rows record no name and read
"unknown analyst". The case's own Analyst field is what the case says about itself (who leads
it), not who edits it, so it is never used here: a colleague's edits carry their own name.
"""

from __future__ import annotations

import os

ANALYST_VARIABLE = "CASEFILE_ANALYST"
UNKNOWN = "unknown analyst"

_chosen: str | None = None


def from_environment() -> str | None:
    """The name CASEFILE_ANALYST gives, or None when it is unset or blank."""
    return (os.environ.get(ANALYST_VARIABLE) or "").strip() or None


def use(name: str | None) -> None:
    """Name the person using this program (the desktop app's Preferences); None falls back to the environment."""
    global _chosen
    _chosen = (name or "").strip() or None


def current() -> str | None:
    """The name to record: the one chosen in the app, else CASEFILE_ANALYST, else None (unknown)."""
    return _chosen or from_environment()


def shown(actor: str | None) -> str:
    """An audit row's actor as a person reads it."""
    return actor or UNKNOWN
