"""Who made what a merge brings in: their copy's audit trail names the colleague, and mine keeps the name.

A merge writes their records as they are, so without this the trail of my case would show
nothing of who made them, or would credit me. Each record taken from their copy gets one
"merge" row whose actor is the person who last changed it in their copy (from their own audit
trail); one more row, by me, records the merge itself.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from casefile.domain.audit import Action
from casefile.domain.case_document import DocumentRecord
from casefile.identity import UNKNOWN
from casefile.services import audit


def their_authors(session: Session) -> dict[str, str | None]:
    """Record id -> the actor of the newest row about it in their copy's audit trail."""
    return {entry.record_id: entry.actor for entry in audit.entries(session) if entry.record_id}


def log_merged(
    session: Session,
    their_title: str,
    written: Mapping[str, tuple[str, DocumentRecord]],
    authors: Mapping[str, str | None],
) -> None:
    """One row per record written (my id -> (outcome, their record)), by its author; then the merge, by me."""
    for my_id, (outcome, record) in written.items():
        detail = {"outcome": outcome, "from": their_title}
        if my_id != record.id:
            detail["their_id"] = record.id
        audit.append(session, Action.MERGE, my_id, record.kind.value, detail, actor=authors.get(record.id) or UNKNOWN)
    audit.append(session, Action.MERGE, detail={"from": their_title, "records": len(written)})
