"""Merging a colleague's evidence files: by record id and content hash, never overwriting, never dropping.

An attachment's bytes are evidence and are never changed, so a merge has no "take theirs" for
them. Theirs that I lack is added with its id. The same file attached on both sides under two
ids (same source, same SHA-256) is one piece of evidence: theirs is skipped. The same id with
other bytes cannot come from Casefile (ids are random and bytes are never rewritten), so it is
shown as a conflict and both are kept: theirs is added beside mine under a new id. An attachment
I removed stays removed (I can restore it), and one they removed stays here: a merge never
deletes. Their bytes were already checked against their recorded SHA-256 when their copy was read.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from casefile.domain.attachment_document import DocumentAttachment
from casefile.domain.audit import Action
from casefile.services import audit
from casefile.services.attachments import AUDIT_KIND
from casefile.storage.models import AttachmentRow, table_of

_table = table_of(AttachmentRow)


@dataclass(frozen=True)
class AttachmentConflict:
    """The same attachment id holds other bytes in their copy: both are kept."""

    id: str
    file_name: str
    mine_sha256: str
    theirs_sha256: str
    theirs_size: int
    new_id: str  # the id their version gets beside mine

    def describe(self) -> str:
        return (
            f"attachment '{self.file_name}' holds other bytes in their copy (yours {self.mine_sha256[:12]}…, "
            f"theirs {self.theirs_sha256[:12]}…, {self.theirs_size:,} bytes): both kept, theirs as a new attachment"
        )


@dataclass(frozen=True)
class AttachmentPlan:
    added: tuple[DocumentAttachment, ...] = ()
    conflicts: tuple[AttachmentConflict, ...] = ()
    skipped: int = 0
    notes: tuple[str, ...] = ()  # what the person should know about attachments left as they were

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.conflicts)


@dataclass(frozen=True)
class _Mine:
    source_id: str
    sha256: str
    file_name: str
    deleted: bool


def plan_attachments(session: Session, theirs: Iterable[DocumentAttachment]) -> AttachmentPlan:
    """Compare their attachments with mine; reads only."""
    mine = {
        row.id: _Mine(row.source_id, row.sha256, row.file_name, row.deleted_at is not None)
        for row in session.execute(select(_table.c.id, _table.c.source_id, _table.c.sha256, _table.c.file_name,
                                          _table.c.deleted_at))
    }  # fmt: skip
    same_file = {(m.source_id, m.sha256) for m in mine.values() if not m.deleted}
    added: list[DocumentAttachment] = []
    conflicts: list[AttachmentConflict] = []
    notes: list[str] = []
    skipped = 0
    for attachment in theirs:
        have = mine.get(attachment.id)
        if have is None and (attachment.source, attachment.sha256) in same_file:
            skipped += 1  # the same file, attached to the same source on both sides
        elif have is None:
            added.append(attachment)
        elif have.sha256 != attachment.sha256:
            conflicts.append(
                AttachmentConflict(attachment.id, have.file_name, have.sha256, attachment.sha256, attachment.size,
                                   str(uuid.uuid4()))
            )  # fmt: skip
        else:
            skipped += 1
            if have.deleted:
                notes.append(
                    f"attachment '{have.file_name}' was removed here and is still in their copy: it stays removed "
                    "(undo the removal from its source if you need it back)"
                )
    return AttachmentPlan(tuple(added), tuple(conflicts), skipped, tuple(notes))


def apply_attachments(session: Session, plan: AttachmentPlan, theirs: Mapping[str, DocumentAttachment]) -> set[str]:
    """Write their new attachments (and their side of each conflict); returns the ids added.

    Their sources are in my case by now: a merge adds, keeps or keeps both of every record, and
    "keep both" leaves the original id in place. Every attachment written is logged in the audit
    trail as merged, with its hash.
    """
    new_ids = {c.id: c.new_id for c in plan.conflicts}
    rows = [*plan.added, *(replace(theirs[c.id], id=c.new_id) for c in plan.conflicts)]
    written: set[str] = set()
    for a in rows:
        derived = new_ids.get(a.derived_from, a.derived_from) if a.derived_from else None
        session.execute(
            insert(_table).values(
                id=a.id, source_id=a.source, derived_from=derived, file_name=a.file_name, media_type=a.media_type,
                size=a.size, sha256=a.sha256, imported_at=a.imported, analyst=a.analyst, note=a.note,
                deleted_at=None, data=a.data,
            )
        )  # fmt: skip
        detail = {"source": a.source, "file_name": a.file_name, "size": a.size, "sha256": a.sha256}
        audit.append(session, Action.MERGE, a.id, AUDIT_KIND, detail)
        written.add(a.id)
    return written
