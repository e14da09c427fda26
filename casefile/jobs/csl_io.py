"""Sources to and from CSL-JSON files (Zotero and most reference managers), as whole-file jobs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from casefile.domain import csl
from casefile.domain.audit import Action
from casefile.export.json_file import read_document, write_document
from casefile.jobs import audit_events, redacted_export
from casefile.jobs.json_io import refuse_writing_over_case
from casefile.services import csl as csl_service
from casefile.services.redaction import RedactionReport
from casefile.storage import inspection
from casefile.storage.casefile import CaseFile

_HINT = "Correct the file, or export it again from your reference manager (Zotero: Export… › CSL JSON)."


def read_items(csl_path: Path) -> list[csl.CslSource]:
    """Read and check a whole CSL-JSON file; any problem is raised with its item number."""
    return csl.from_items(read_document(Path(csl_path), _HINT))


def export_csl(
    case_path: Path, out_path: Path, *, read_only: bool = False, redact: bool = False
) -> tuple[int, RedactionReport | None]:
    """Write every source as CSL-JSON; returns how many, and the redaction report when redacted.

    A redacted export is made from a redacted share copy, so it goes through the same redaction
    step as the shared copy, the PDF and the JSON.
    """
    case_path, out_path = Path(case_path), Path(out_path)
    refuse_writing_over_case(case_path, out_path)
    if not redact:
        return _export(case_path, out_path, read_only), None
    return redacted_export.from_redacted_copy(
        case_path, out_path, "csl-json", lambda copy: _export(copy, out_path, True), read_only=read_only
    )


def _export(case_path: Path, out_path: Path, read_only: bool) -> int:
    with audit_events.open_to_read(case_path, read_only=read_only) as case_file:
        with inspection.naming_bad_values(case_path), case_file.reading() as session:
            items = csl_service.export_items(session)
        write_document(out_path, items)
        audit_events.record(case_file, Action.EXPORT, {"format": "csl-json", "file": out_path.name})
    return len(items)


@dataclass(frozen=True)
class CslImport:
    plan: csl_service.CslPlan
    created: tuple[str, ...]  # empty on a dry run


def import_csl(case_path: Path, csl_path: Path, *, dry_run: bool = False) -> CslImport:
    """Add the file's sources to a case, in one unit of work; a dry run only plans.

    The whole file is read and checked, and the plan made, before anything is written; with any
    problem in the plan nothing is written at all.
    """
    items = read_items(csl_path)
    with CaseFile.open(Path(case_path), read_only=dry_run) as case_file:
        if dry_run:
            with case_file.reading() as session:
                return CslImport(csl_service.plan_import(session, items), ())
        with case_file.unit_of_work() as session:
            plan = csl_service.plan_import(session, items)
            created = csl_service.apply_import(session, plan, Path(csl_path).name)
    return CslImport(plan, tuple(created))
