"""The live case as FollowTheMoney entities (Aleph, OpenSanctions); the mapping is in domain/ftm.py."""

from __future__ import annotations

import hashlib

from sqlalchemy.orm import Session

from casefile.domain import ftm
from casefile.domain.kinds import RECORD_KINDS
from casefile.services import attachments, records


def export_entities(session: Session) -> ftm.FtmExport:
    items = [ftm.Item(r.id, r.kind, r.values) for kind in RECORD_KINDS for r in records.list_records(session, kind)]
    live = {i.id for i in items}
    files = []
    for info in attachments.list_all(session):
        if info.source_id not in live:
            continue  # its source was deleted: the file goes with it, as in every export
        # Read back and checked against the recorded SHA-256 first: a damaged file is refused, not exported.
        _, data = attachments.read_verified(session, info.id)
        sha1 = hashlib.sha1(data, usedforsecurity=False).hexdigest()
        files.append(ftm.AttachedFile(info.id, info.source_id, info.file_name, info.media_type, info.size,
                                      info.sha256, sha1))  # fmt: skip
    return ftm.entities(items, files)
