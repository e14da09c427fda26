"""What names a case file: its suffix, which the command line, the window and storage all check."""

from __future__ import annotations

EXTENSION = ".casefile"
