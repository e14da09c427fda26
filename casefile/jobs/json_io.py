"""Exporting a case file to a casefile/1 JSON document, and creating a case file from one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path

from casefile.domain.audit import Action
from casefile.domain.audit_anchor import AuditAnchor
from casefile.domain.case_document import validate_document
from casefile.domain.errors import CaseFileExists, CaseFileNotFound, StorageFailure, ValidationError
from casefile.export.json_file import read_document, write_document
from casefile.fileops import place_new
from casefile.jobs import anchors, audit_events
from casefile.jobs.share import share_copy
from casefile.reference import iso_codes
from casefile.scratch import scratch_folder
from casefile.services import audit, interchange
from casefile.services.redaction import RedactionReport
from casefile.storage import inspection
from casefile.storage.casefile import CaseFile
from casefile.storage.open_case import OpenCase


def export_json(
    case: Path | OpenCase, json_path: Path, *, read_only: bool = False, redact: bool = False
) -> RedactionReport | None:
    """Write the whole live case as JSON, replacing json_path only once the new file is complete.

    `case` is a case file's path, or the window's open case (a server case: it has no path).

    The export is logged in the case's audit trail, unless the caller has the case open read-only.
    A redacted export is made from a redacted share copy in a private temporary folder, so it goes
    through the same redaction step as the shared copy and the PDF; its report is returned.
    """
    json_path = Path(json_path)
    if isinstance(case, OpenCase):
        if redact:  # redaction goes through a share copy, which is made from a file
            raise ValidationError.single("redact", "a redacted JSON is made from a case file: check the case out first")
        _export(case, json_path, read_only)
        return None
    case_path = Path(case)
    refuse_writing_over_case(case_path, json_path)
    if redact:
        return _export_redacted(case_path, json_path, read_only)
    _export(case_path, json_path, read_only)
    return None


def _export_redacted(case_path: Path, json_path: Path, read_only: bool) -> RedactionReport:
    # The anchor is the original's: the redacted copy carries no history of its own.
    with CaseFile.open(case_path, read_only=True, allow_newer=True) as case_file, case_file.reading() as session:
        anchor = anchors.current_anchor(session)
    with scratch_folder("json") as work:
        copy = share_copy(case_path, work / "redacted.casefile", redact=True, read_only=True)
        _export(copy.path, json_path, read_only=True, anchor=anchor)
    if not read_only:
        with audit_events.open_to_read(case_path, read_only=False) as case_file:
            audit_events.record(case_file, Action.EXPORT, {"format": "json", "file": json_path.name, "redacted": True})
    return copy.redaction or RedactionReport()


def _export(case: Path | OpenCase, json_path: Path, read_only: bool, anchor: AuditAnchor | None = None) -> None:
    path = None if isinstance(case, OpenCase) else Path(case)
    named: AbstractContextManager[object] = inspection.naming_bad_values(path) if path else nullcontext()
    with audit_events.given_or_opened(case, read_only=read_only) as case_file:
        with named, case_file.reading() as session:
            document = interchange.to_document(session)
            document[anchors.JSON_KEY] = (anchor or anchors.current_anchor(session)).to_json()
        write_document(json_path, document)
        audit_events.record(case_file, Action.EXPORT, {"format": "json", "file": json_path.name})


def import_json(json_path: Path, case_path: Path) -> Path:
    """Create a new case file from a JSON document; on any problem no case file is left behind.

    The whole document is checked before anything is written. The case is built under a
    temporary name in the target folder and only moved into place once it is complete.
    """
    json_path, case_path = Path(json_path), Path(case_path)
    _check_new_path(case_path)
    document = validate_document(read_document(json_path), iso_codes=iso_codes())
    with _work_folder(case_path) as folder:
        temp = Path(folder) / case_path.name
        with CaseFile.create(temp, document.case.values["title"]) as case_file, case_file.unit_of_work() as session:
            interchange.load_document(session, document)
            audit.append(session, Action.IMPORT, detail={"format": "json", "file": json_path.name})
        _place(temp, case_path)
    return case_path


def refuse_writing_over_case(case_path: Path, json_path: Path) -> None:
    if json_path.exists() and case_path.exists() and os.path.samefile(case_path, json_path):
        raise ValidationError.single(
            "", f"'{json_path}' is the case file itself; writing there would destroy the case."
        )


def _check_new_path(path: Path) -> None:
    if path.exists():
        raise CaseFileExists(f"'{path}' already exists.", "Choose another name; Casefile never overwrites a case.")
    if not path.parent.is_dir():
        raise CaseFileNotFound(f"The folder '{path.parent}' does not exist.", "Choose an existing folder.")


@contextmanager
def _work_folder(case_path: Path) -> Iterator[Path]:
    # In the target folder, so the finished file moves into place without a copy across disks;
    # a scratch folder, so an import killed midway leaves nothing behind after the next start.
    try:
        with scratch_folder("import", beside=case_path) as folder:
            yield folder
    except OSError as exc:
        raise StorageFailure(
            f"Could not write in '{case_path.parent}': {exc.strerror or exc}.", "Choose a folder you can write to."
        ) from exc


def _place(temp: Path, path: Path) -> None:
    try:
        place_new(temp, path)
    except FileExistsError:
        raise CaseFileExists(f"'{path}' already exists.", "Choose another name; nothing was imported.") from None
