"""Adding a source from a saved web page or PDF on disk: read, propose, then store source and file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from casefile.domain.web_page import DocumentFacts
from casefile.export.evidence_files import read_facts
from casefile.jobs.attachments import read_file
from casefile.services import source_files
from casefile.storage.casefile import CaseFile


@dataclass(frozen=True)
class SourceFromFile:
    facts: DocumentFacts
    values: dict[str, Any]  # what was (or, on a dry run, would be) stored
    added: source_files.AddedSource | None  # None on a dry run


def read_evidence(path: Path) -> tuple[bytes, DocumentFacts]:
    """The file's bytes and what they say, checked before anything is written."""
    data = read_file(Path(path))  # refuses folders, pipes and files over the attachment limit
    return data, read_facts(Path(path).name, data)


def add_source_file(
    case_path: Path, path: Path, *, changes: Mapping[str, Any] | None = None, dry_run: bool = False
) -> SourceFromFile:
    data, facts = read_evidence(path)
    values = {**source_files.proposed_values(facts, date.today()), **(changes or {})}
    outlet = values.pop("outlet_name", None) or facts.outlet
    if dry_run:
        return SourceFromFile(facts, {**values, "outlet_name": outlet}, None)
    with CaseFile.open(Path(case_path)) as case_file, case_file.unit_of_work() as session:
        added = source_files.add(session, values, outlet, Path(path).name, data)
    return SourceFromFile(facts, {**values, "outlet_name": outlet}, added)
