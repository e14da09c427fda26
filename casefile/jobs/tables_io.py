"""Spreadsheets (CSV, XLSX) in and out of a case, one kind of record at a time."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from casefile.domain import table_import
from casefile.domain.audit import Action
from casefile.domain.errors import ValidationError
from casefile.domain.kinds import Kind, spec
from casefile.export import sheets
from casefile.jobs import audit_events, redacted_export
from casefile.jobs.json_io import refuse_writing_over_case
from casefile.services import table_export
from casefile.services import table_import as service
from casefile.services.redaction import RedactionReport
from casefile.storage import inspection
from casefile.storage.casefile import CaseFile

FORMATS = (".csv", ".xlsx")


@dataclass(frozen=True)
class TableImport:
    sheet: sheets.Sheet
    mapping: dict[int, str]
    plan: service.TablePlan
    created: tuple[str, ...]  # empty on a dry run


def column_mapping(
    kind: Kind, headers: tuple[str, ...], overrides: Mapping[str, str | None] | None = None
) -> dict[int, str]:
    """The suggested match of columns to fields, with the analyst's changes by header name.

    An override maps a header to a field name, or to None to leave that column out.
    """
    mapping = table_import.suggest_mapping(kind, headers)
    for header, name in (overrides or {}).items():
        where = [i for i, h in enumerate(headers) if table_import.header_key(h) == table_import.header_key(header)]
        if not where:
            names = ", ".join(f"'{h}'" for h in headers)
            raise ValidationError.single("mapping", f"the sheet has no column '{header}'; its columns are {names}")
        for index in where:
            mapping.pop(index, None)
            if name:
                mapping = {i: n for i, n in mapping.items() if n != name}
                mapping[index] = name
    return dict(sorted(mapping.items()))


def import_table(
    case_path: Path,
    table_path: Path,
    kind: Kind,
    *,
    overrides: Mapping[str, str | None] | None = None,
    sheet_name: str | None = None,
    duplicates: service.Duplicates = service.Duplicates.ASK,
    dry_run: bool = False,
) -> TableImport:
    """Read the whole sheet, plan, and (unless a dry run) write it in one unit of work.

    With any problem, or rows that look like records the case has and no choice about them,
    nothing is written: the plan says why.
    """
    sheet = sheets.read_sheet(Path(table_path), sheet_name)
    mapping = column_mapping(kind, sheet.headers, overrides)
    with CaseFile.open(Path(case_path), read_only=dry_run) as case_file:
        if dry_run:
            with case_file.reading() as session:
                plan = service.plan(session, kind, sheet.rows, mapping, sheet.headers, duplicates)
            return TableImport(sheet, mapping, plan, ())
        with case_file.unit_of_work() as session:
            plan = service.plan(session, kind, sheet.rows, mapping, sheet.headers, duplicates)
            created = service.apply(session, plan, Path(table_path).name)
    return TableImport(sheet, mapping, plan, tuple(created))


def export_table(
    case_path: Path, out_path: Path, kind: Kind, *, read_only: bool = False, redact: bool = False
) -> tuple[int, RedactionReport | None]:
    """Write every live record of a kind as CSV or XLSX (by the file's suffix); returns how many."""
    case_path, out_path = Path(case_path), Path(out_path)
    suffix = out_path.suffix.lower()
    if suffix not in FORMATS:
        raise ValidationError.single("", f"'{out_path.name}' should end in .csv or .xlsx, to say which to write")
    refuse_writing_over_case(case_path, out_path)
    if not redact:
        return _export(case_path, out_path, kind, read_only), None
    return redacted_export.from_redacted_copy(
        case_path, out_path, suffix[1:], lambda copy: _export(copy, out_path, kind, True), read_only=read_only
    )


def _export(case_path: Path, out_path: Path, kind: Kind, read_only: bool) -> int:
    with audit_events.open_to_read(case_path, read_only=read_only) as case_file:
        with inspection.naming_bad_values(case_path), case_file.reading() as session:
            rows = table_export.rows(session, kind)
        write_rows(out_path, table_export.headers(kind), rows, spec(kind).plural)
        audit_events.record(
            case_file, Action.EXPORT, {"format": out_path.suffix.lower()[1:], "file": out_path.name, "kind": kind.value}
        )
    return len(rows)


def write_rows(out_path: Path, headers: list[str], rows: list[list[str]], title: str) -> None:
    """CSV or XLSX by the file's suffix; the window's "export the table as shown" comes here too."""
    if Path(out_path).suffix.lower() == ".xlsx":
        sheets.write_xlsx(out_path, headers, rows, title)
    else:
        sheets.write_csv(out_path, headers, rows)
