"""The case's audit trail: record what was done, list it for a record, and verify the hash chain.

append() writes in the caller's session, so an audit row commits or rolls back with the
change it describes: the log never claims a change that did not happen, nor misses one that did.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from casefile.domain.audit import Action, AuditEntry, ChainBreak
from casefile.storage import audit_log
from casefile.storage.audit_log import LOGIN_ACTOR
from casefile.storage.models import LinkRow, table_of

_links = table_of(LinkRow)

__all__ = ["Action", "AuditEntry", "ChainBreak", "append", "entries", "entries_for", "verify_chain"]


def append(
    session: Session,
    action: Action | str,
    record_id: str | None = None,
    kind: str | None = None,
    detail: Mapping[str, Any] | None = None,
    actor: str | None = None,
) -> AuditEntry:
    """Log one event, by `actor` or else by whoever the unit of work is for (CaseFile.actor, None if unknown).

    The case's Analyst field is not used: it names who leads the case, not who made this change.
    """
    who = actor if actor is not None else session.info.get("actor")
    if session.info.get(LOGIN_ACTOR):  # a server case: always the database user, which the server checks
        who = session.info.get("actor")
    return audit_log.append(session, str(action), actor=who, record_id=record_id, kind=kind, detail=detail)


def current_actor(session: Session) -> str | None:
    """Who this unit of work is for, as the audit trail records it (None when unknown)."""
    actor = session.info.get("actor")
    return str(actor) if actor else None


def append_many(
    session: Session, rows: Iterable[tuple[Action | str, str | None, str | None, Mapping[str, Any] | None]]
) -> None:
    """Log several events at once (a bulk delete), by whoever the unit of work is for; same rows as append()."""
    audit_log.append_many(session, ((str(a), r, k, d) for a, r, k, d in rows), actor=session.info.get("actor"))


def entries(session: Session) -> list[AuditEntry]:
    """The whole log, oldest first."""
    return audit_log.entries(session)


def entries_for(session: Session, record_id: str, *, with_links: bool = True) -> list[AuditEntry]:
    """What was done to one record, oldest first; with_links adds the links made to or from it, even deleted ones."""
    ids = [record_id]
    if with_links:
        ids += session.execute(
            select(_links.c.id).where(or_(_links.c.from_id == record_id, _links.c.to_id == record_id))
        ).scalars()
    return audit_log.entries(session, ids)


def verify_chain(session: Session) -> ChainBreak | None:
    """The first row that is not what was written, or None when the whole log is intact."""
    return audit_log.first_break(session)
