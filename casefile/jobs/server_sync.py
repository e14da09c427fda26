"""Sync a checked-out file with its server case, through the merge by UUID, in both directions.

First the file's changes go to the server, then the server's (everyone else's) come back to the file.
Both merges take as their base the moment the file last synced, so a record changed on both sides
since then is a conflict: without a preference nothing is written on either side and the conflicts
are reported. With one, it settles every conflict the same way in both directions ("mine" is the
file's version); the window settles each on its own (`choices`, from the review of sync_preview's plan).
The file is backed up before anything is written to it; each side is one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from casefile.domain.errors import NotACaseFile, ValidationError
from casefile.domain.merge import Resolution
from casefile.jobs.merge import backup_path
from casefile.services import interchange
from casefile.services.merge import MergePlan, apply_merge, plan_merge
from casefile.services.merge_audit import their_authors
from casefile.storage.casefile import CaseFile
from casefile.storage.migrate import backup_to
from casefile.storage.server import ServerCase
from casefile.storage.server_checkout import origin, set_synced
from casefile.storage.types import utc_now


@dataclass(frozen=True)
class SyncReport:
    case: str
    sent: int  # records the server took from the file
    received: int  # records the file took from the server
    conflicts: tuple[str, ...]  # unsettled: nothing was written
    backup: Path | None = None

    @property
    def applied(self) -> bool:
        return not self.conflicts


def _written(plan: MergePlan, choices: dict[str, Resolution]) -> int:
    taken = [c for c in plan.conflicts if choices.get(c.id) == Resolution.THEIRS]
    return sum(1 for item in plan.items if item.outcome.value in ("added", "updated")) + len(taken)


def checked_out_from(session: Session) -> dict[str, Any] | None:
    """Where a case file was checked out from (url, case, synced_at), or None for a file never checked out."""
    try:
        return origin(session.connection())
    except NotACaseFile:
        return None


def sync_preview(path: Path) -> MergePlan:
    """What a sync would bring into the file, seen from the file ("mine" is the file's version); writes nothing.

    Its conflicts are the records changed in the file and on the server since the last sync, for a person to
    settle one by one before sync(path, choices=...).
    """
    with CaseFile.open(path) as local:
        with local.reading() as session:
            found = origin(session.connection())
        with ServerCase.open(found["url"], found["case"]) as server, server.reading() as session:
            theirs, authors = interchange.to_document(session), their_authors(session)
        with local.reading() as session:
            return plan_merge(session, theirs, authors, since=datetime.fromisoformat(found["synced_at"]))


def sync(path: Path, prefer: Resolution | None = None, choices: Mapping[str, Resolution] | None = None) -> SyncReport:
    """`choices` settles each conflict by record id (MINE keeps the file's version); `prefer` settles all."""
    if prefer == Resolution.BOTH or Resolution.BOTH in (choices or {}).values():
        raise ValidationError.single("prefer", "a sync settles conflicts with mine or theirs, not both")

    def keep_file(record_id: str) -> bool:
        return (choices or {}).get(record_id, prefer) == Resolution.MINE

    def settled(record_id: str) -> bool:
        return prefer is not None or record_id in (choices or {})

    with CaseFile.open(path) as local:
        with local.reading() as session:
            found = origin(session.connection())
            since = datetime.fromisoformat(found["synced_at"])
            mine, authors = interchange.to_document(session), their_authors(session)
        with ServerCase.open(found["url"], found["case"]) as server:
            with server.unit_of_work() as session:
                plan = plan_merge(session, mine, dict.fromkeys(authors, server.actor), since=since)
                open_conflicts = [c for c in plan.conflicts if not settled(c.id)]
                if open_conflicts:
                    unsettled = tuple(f"{c.kind.value} '{c.label}' ({c.id})" for c in open_conflicts)
                    return SyncReport(found["case"], 0, 0, unsettled)
                # On the server every row names the database user who synced, as every server write does.
                push = {c.id: Resolution.THEIRS if keep_file(c.id) else Resolution.MINE for c in plan.conflicts}
                apply_merge(session, plan, push)
            sent = _written(plan, push)
            with server.reading() as session:
                theirs, server_authors = interchange.to_document(session), their_authors(session)
            moment = utc_now().isoformat()
        backup = backup_to(path, backup_path(path))
        with local.unit_of_work() as session:
            plan = plan_merge(session, theirs, server_authors, since=since)
            pull = {c.id: Resolution.MINE if keep_file(c.id) else Resolution.THEIRS for c in plan.conflicts}
            apply_merge(session, plan, pull)
            set_synced(session.connection(), found, moment)
    return SyncReport(found["case"], sent, _written(plan, pull), (), backup)
