"""No lost update: a save that would overwrite someone else's newer change to the same field is refused."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from casefile.domain.audit import Action
from casefile.domain.errors import EditConflict
from casefile.domain.kinds import spec
from casefile.identity import shown
from casefile.services import audit
from casefile.services.results import RecordData


def refuse_lost_update(
    session: Session, current: RecordData, values: Mapping[str, Any], expected: Mapping[str, Any]
) -> None:
    """Raise EditConflict for the first field changed by someone else since `expected` was read.

    A field whose stored value already equals the new one is no conflict: both people wanted the same.
    """
    for name, mine in values.items():
        if name not in expected:
            continue
        theirs = current.values.get(name)
        if theirs != expected[name] and theirs != mine:
            by, at = _last_change(session, current.id, name)
            label = _label(current, name)
            who = shown(by) if by else "Someone"
            when = f" at {at}" if at else ""
            raise EditConflict(
                f"{who} changed {label}{when} to “{_text(theirs)}” after you began; your “{_text(mine)}” was not "
                "saved.",
                "Keep yours to save it over theirs, or keep theirs.",
                field=name, mine=mine, theirs=theirs, by=by, at=at,
            )  # fmt: skip


def _last_change(session: Session, record_id: str, name: str) -> tuple[str | None, str | None]:
    """Who last changed this field, and when (UTC, to the second), from the audit trail."""
    for entry in reversed(audit.entries_for(session, record_id, with_links=False)):
        details = entry.details()
        changes = details.get("changes") if isinstance(details, dict) else None
        if entry.action == Action.EDIT and isinstance(changes, dict) and name in changes:
            return entry.actor, entry.at[:19].replace("T", " ") + " UTC"
    return None, None


def _label(record: RecordData, name: str) -> str:
    for field in spec(record.kind).fields:
        if field.name == name:
            return field.label
    return name


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)
