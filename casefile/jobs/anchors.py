"""Anchoring a case's audit trail in its exports, and checking a case against an earlier export.

Every export (PDF dossier, share copy, JSON) records the head of the case's audit chain, signed
with the analyst's key (casefile.signing). `casefile check CASE --against EXPORT` then proves the
case still holds that history unchanged: the rows up to the recorded one chain from the start to
exactly the recorded hash. Rows added after the export are counted, not vouched for.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile import identity
from casefile.domain import audit_anchor
from casefile.domain.audit_anchor import AnchorCheck, AnchorError, AuditAnchor
from casefile.domain.errors import CasefileError
from casefile.fileops import require_regular_file
from casefile.signing import SignatureCheck, check_signature, sign
from casefile.storage import audit_log
from casefile.storage.casefile import CaseFile
from casefile.storage.header import MAGIC
from casefile.storage.models import FileMetaRow, table_of
from casefile.storage.open_case import OpenCase

# The key under which a share copy keeps the anchor of the case it was made from.
SHARE_META_KEY = "audit_anchor"
# The top-level key of a JSON export.
JSON_KEY = "audit_anchor"
# A dossier is a few megabytes; anything far larger is not one of ours.
_MAX_PDF_BYTES = 2_000_000_000


def current_anchor(session: Session) -> AuditAnchor:
    """The head of this case's audit chain, in the name of the analyst exporting it and signed with their key."""
    analyst = session.info.get("actor", identity.current())  # a share copy's bare session has no CaseFile
    return sign(audit_anchor.anchor_of(audit_log.last_entry(session)).named(analyst))


@dataclass(frozen=True)
class AnchorReport:
    export: Path
    result: AnchorCheck
    signature: SignatureCheck

    @property
    def holds(self) -> bool:
        return self.result.holds and (self.signature.valid or not self.signature.signed)

    def lines(self) -> list[str]:
        name, result = self.export.name, self.result
        if result.holds:
            later = f", then {result.later} later entries that no export has recorded yet" if result.later else ""
            first = f"The case holds the audit history '{name}' recorded, unchanged ({result.anchored} entries{later})."
        else:
            first = f"The audit history that '{name}' recorded is no longer in the case: {result.reason}."
        return [first, self.signature.describe()]


def check_against(case: Path | OpenCase, export_path: Path) -> AnchorReport:
    """Compare the case's audit trail with the head an export recorded; reads both, writes neither.

    `case` is a case file's path, or the window's open case (a server case has no path).
    """
    anchor = read_anchor(export_path)
    with nullcontext(case) if isinstance(case, OpenCase) else CaseFile.open(case, read_only=True) as opened:
        with opened.reading() as session:
            result = audit_anchor.check(audit_log.entries(session), anchor)
    return AnchorReport(Path(export_path), result, check_signature(anchor))


def read_anchor(path: Path) -> AuditAnchor:
    """The anchor an export recorded: a PDF dossier, a JSON export or a share copy."""
    path = Path(path)
    require_regular_file(path, "an export of the case")
    with path.open("rb") as handle:
        head = handle.read(16)
    try:
        if head.startswith(b"%PDF-"):
            anchor = _from_pdf(path)
        elif head.startswith(MAGIC):
            anchor = _from_share_copy(path)
        else:
            anchor = _from_json(path)
    except AnchorError as exc:
        raise CasefileError(f"'{path.name}' holds a damaged record of the audit trail: {exc}.", _HINT) from None
    if anchor is None:
        raise CasefileError(f"'{path.name}' holds no record of an audit trail.", _HINT)
    return anchor


_HINT = (
    "Choose a PDF dossier, a share copy or a JSON export made by Casefile from this case (those made before this "
    "version carry no record)."
)


def _from_pdf(path: Path) -> AuditAnchor | None:
    if path.stat().st_size > _MAX_PDF_BYTES:
        raise AnchorError("the file is far larger than any dossier")
    # The anchor sits in the document's Keywords, which ReportLab writes uncompressed.
    return audit_anchor.find_in_text(path.read_bytes().decode("latin-1"))


def _from_share_copy(path: Path) -> AuditAnchor | None:
    meta = table_of(FileMetaRow)
    with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
        text = session.execute(select(meta.c.value).where(meta.c.key == SHARE_META_KEY)).scalar_one_or_none()
    return None if text is None else audit_anchor.find_in_text(str(text))


def _from_json(path: Path) -> AuditAnchor | None:
    from casefile.export.json_file import read_document

    document = read_document(path)
    if not isinstance(document, dict) or JSON_KEY not in document:
        return None
    return audit_anchor.from_json(document[JSON_KEY])
