"""Writing a case as FollowTheMoney entities, one JSON object per line, for Aleph and OpenSanctions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import BinaryIO

from casefile.domain.audit import Action
from casefile.domain.ftm import FtmExport
from casefile.export.atomic import atomic_write
from casefile.jobs import audit_events, redacted_export
from casefile.jobs.json_io import refuse_writing_over_case
from casefile.services import ftm
from casefile.services.redaction import RedactionReport
from casefile.storage import inspection

FORMAT = "followthemoney"


def export_ftm(
    case_path: Path, out_path: Path, *, read_only: bool = False, redact: bool = False
) -> tuple[FtmExport, RedactionReport | None]:
    """Write the case as FollowTheMoney JSON lines; a redacted export goes through a redacted share copy."""
    case_path, out_path = Path(case_path), Path(out_path)
    refuse_writing_over_case(case_path, out_path)
    if not redact:
        return _export(case_path, out_path, read_only), None
    return redacted_export.from_redacted_copy(
        case_path, out_path, FORMAT, lambda copy: _export(copy, out_path, True), read_only=read_only
    )


def _export(case_path: Path, out_path: Path, read_only: bool) -> FtmExport:
    with audit_events.open_to_read(case_path, read_only=read_only) as case_file:
        with inspection.naming_bad_values(case_path), case_file.reading() as session:
            result = ftm.export_entities(session)

        def write(handle: BinaryIO) -> None:
            for entity in result.entities:
                handle.write(json.dumps(entity, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n")

        atomic_write(out_path, write)
        audit_events.record(case_file, Action.EXPORT, {"format": FORMAT, "file": out_path.name})
    return result
