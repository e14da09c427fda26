"""Writing the demo case to a new file."""

from __future__ import annotations

from pathlib import Path

from casefile.services import demo
from casefile.storage.casefile import CaseFile


def write_demo(path: Path) -> Path:
    """Create a new case file at path holding the demo case; refuses to overwrite."""
    with CaseFile.create(path, demo.TITLE) as case_file, case_file.unit_of_work() as session:
        demo.build_demo(session)
    return path
