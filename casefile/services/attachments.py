"""Evidence files attached to sources: store them with their hash, derive new ones, list, verify, delete, restore.

An attachment's bytes are written once, at import, and never updated: a crop or a redaction is
a new attachment whose derived_from names the original.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, insert, select, type_coerce, update
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from casefile.domain.attachments import (
    SNIFF_BYTES,
    TOO_BIG_HINT,
    AttachmentDamaged,
    AttachmentRefused,
    Mismatch,
    check_blob,
    sha256_hex,
    sniff_media_type,
    stored_file_name,
    too_big,
)
from casefile.domain.audit import Action
from casefile.domain.errors import RecordNotFound, ValidationError
from casefile.domain.kinds import Kind
from casefile.services import audit, records
from casefile.storage.models import AttachmentRow, table_of
from casefile.storage.types import utc_now

_table = table_of(AttachmentRow)
_INFO_COLUMNS = [c for c in _table.c if c.name != "data"]
# The stored value as SQLite returns it: a hostile file may hold TEXT or NULL where bytes belong,
# and LargeBinary's own conversion would raise on those instead of letting verify report them.
_RAW_DATA = type_coerce(_table.c.data, NullType()).label("data")

# The audit log's kind for attachment rows; attachments are not records, so no Kind names them.
AUDIT_KIND = "attachment"
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class AttachmentInfo:
    """Everything about an attachment except its bytes."""

    id: str
    source_id: str
    derived_from: str | None
    file_name: str  # the name on the analyst's disk, for display only
    media_type: str
    size: int
    sha256: str
    imported_at: datetime
    analyst: str | None
    note: str | None
    deleted_at: datetime | None


def attach(
    session: Session, source_id: str, file_name: str, data: bytes, analyst: str | None = None, note: str | None = None
) -> AttachmentInfo:
    """Store a file's bytes under a live source; the analyst defaults to the person attaching it (the actor)."""
    _check_source(session, source_id)
    return _insert(session, source_id, None, file_name, data, analyst, note)


def derive(
    session: Session, original_id: str, file_name: str, data: bytes, note: str | None = None,
    analyst: str | None = None,
) -> AttachmentInfo:  # fmt: skip
    """Store a file made from an attachment (a crop, a redaction) as a new one; the original is untouched."""
    original = get(session, original_id)
    _check_source(session, original.source_id)
    return _insert(session, original.source_id, original.id, file_name, data, analyst, note)


def get(session: Session, attachment_id: str, *, include_deleted: bool = False) -> AttachmentInfo:
    row = session.execute(select(*_INFO_COLUMNS).where(_table.c.id == attachment_id)).first()
    if row is None or (row.deleted_at is not None and not include_deleted):
        raise RecordNotFound(
            f"No attachment with id {attachment_id} in this case.",
            "List the attachments of the source to see their ids.",
        )
    return AttachmentInfo(**row._asdict())


def list_for(session: Session, source_id: str, *, include_deleted: bool = False) -> list[AttachmentInfo]:
    """A source's attachments in the order they were imported."""
    query = select(*_INFO_COLUMNS).where(_table.c.source_id == source_id)
    if not include_deleted:
        query = query.where(_table.c.deleted_at.is_(None))
    rows = session.execute(query.order_by(_table.c.imported_at, _table.c.id))
    return [AttachmentInfo(**row._asdict()) for row in rows]


def list_all(session: Session, *, include_deleted: bool = False) -> list[AttachmentInfo]:
    query = select(*_INFO_COLUMNS)
    if not include_deleted:
        query = query.where(_table.c.deleted_at.is_(None))
    return [AttachmentInfo(**row._asdict()) for row in session.execute(query.order_by(_table.c.imported_at))]


def read_verified(session: Session, attachment_id: str) -> tuple[AttachmentInfo, bytes]:
    """An attachment and its bytes, after checking them against the recorded hash; refuses a mismatch."""
    info = get(session, attachment_id)
    data = session.execute(select(_RAW_DATA).where(_table.c.id == attachment_id)).scalar_one()
    mismatch = check_blob(info.id, info.file_name, info.sha256, info.size, data)
    if mismatch is not None:
        raise AttachmentDamaged(
            mismatch.describe(),
            "Nothing was written. The case file was changed or damaged since the import; use a backup copy.",
        )
    assert isinstance(data, bytes)  # check_blob returns a mismatch for anything else
    return info, data


def count(session: Session) -> int:
    """How many attachments the file stores, deleted ones included: verify() checks them all."""
    return int(session.execute(select(func.count()).select_from(_table)).scalar_one())


def verify(session: Session, progress: Progress | None = None, cancelled: Cancelled | None = None) -> list[Mismatch]:
    """Re-hash every stored attachment, deleted ones too, one blob at a time; return each mismatch.

    Stops early, with what it found so far, once cancelled() says so.
    """
    headers = session.execute(
        select(_table.c.id, _table.c.file_name, _table.c.sha256, _table.c.size).order_by(_table.c.imported_at)
    ).all()
    mismatches: list[Mismatch] = []
    for done, (attachment_id, file_name, sha256, size) in enumerate(headers):
        if cancelled is not None and cancelled():
            break
        data = session.execute(select(_RAW_DATA).where(_table.c.id == attachment_id)).scalar_one()
        found = check_blob(attachment_id, file_name, sha256, size, data)
        if found is not None:
            mismatches.append(found)
        if progress is not None:
            progress(done + 1, len(headers))
    return mismatches


def delete(session: Session, attachment_id: str) -> datetime:
    """Hide an attachment; its bytes stay in the file so restore() brings back the same one."""
    info = get(session, attachment_id)
    now = utc_now()
    session.execute(update(_table).where(_table.c.id == attachment_id).values(deleted_at=now))
    audit.append(session, Action.DELETE, info.id, AUDIT_KIND, {"source": info.source_id, "sha256": info.sha256})
    return now


def restore(session: Session, attachment_id: str) -> None:
    info = get(session, attachment_id, include_deleted=True)
    session.execute(update(_table).where(_table.c.id == attachment_id).values(deleted_at=None))
    audit.append(session, Action.RESTORE, info.id, AUDIT_KIND, {"source": info.source_id, "sha256": info.sha256})


def _check_source(session: Session, source_id: str) -> None:
    try:
        record = records.get(session, source_id)
    except RecordNotFound:
        raise ValidationError.single(
            "source", f"no live source with id {source_id}; attach files to an existing source"
        ) from None
    if record.kind != Kind.SOURCE:
        raise ValidationError.single(
            "source", f"{source_id} is a {record.kind.value}, not a source; attach files to a source"
        )


def _check_data(data: bytes) -> None:
    if not isinstance(data, bytes):
        raise TypeError(f"attachment data must be bytes, not {type(data).__name__}")
    if not data:
        raise AttachmentRefused("The file is empty, so there is nothing to attach.", "Choose the file itself.")
    message = too_big(len(data))
    if message is not None:
        raise AttachmentRefused(message, TOO_BIG_HINT)


def _insert(
    session: Session, source_id: str, derived_from: str | None, file_name: str, data: bytes,
    analyst: str | None, note: str | None,
) -> AttachmentInfo:  # fmt: skip
    _check_data(data)
    if analyst is None:
        analyst = session.info.get("actor")
    info = AttachmentInfo(
        id=str(uuid.uuid4()),
        source_id=source_id,
        derived_from=derived_from,
        file_name=stored_file_name(file_name),
        media_type=sniff_media_type(data[:SNIFF_BYTES]),
        size=len(data),
        sha256=sha256_hex(data),
        imported_at=utc_now(),
        analyst=analyst,
        note=note or None,
        deleted_at=None,
    )
    session.execute(insert(_table).values(**info.__dict__, data=data))
    _log_import(session, info)
    return info


def _log_import(session: Session, info: AttachmentInfo) -> None:
    # Logged against the attachment's own id so its history, like a record's, starts with its creation.
    detail = {
        "source": info.source_id, "derived_from": info.derived_from, "file_name": info.file_name,
        "media_type": info.media_type, "size": info.size, "sha256": info.sha256,
    }  # fmt: skip
    audit.append(session, Action.IMPORT, info.id, AUDIT_KIND, detail, actor=info.analyst)
