"""The case's corrections of ICC party-status events, applied to the shipped events the findings rest on.

A correction is a record of the case (kind "status_correction", schema revision 4): it adds an event the
shipped data lacks, replaces a shipped event's kind or dates, disputes it (what rests on it becomes
undetermined) or confirms it for this case. It names who recorded it and its source: a Source record of the
case or a citation as written. Creating, editing and deleting go through services/records.py like any record,
so each is audited and undoable; this module reads them and applies them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from casefile.domain.kinds import Kind
from casefile.domain.party_status import (
    CorrectionAction,
    EventCorrection,
    EventKind,
    StatusEvent,
    apply_corrections,
)
from casefile.reference import iso_countries, party_status_events
from casefile.services import records
from casefile.services.labels import labels


def corrections(session: Session) -> list[EventCorrection]:
    """Every live correction of the case, oldest first (the order they apply in)."""
    rows = records.list_records(session, Kind.STATUS_CORRECTION)
    sources = labels(session, [r["source"] for r in rows if r["source"]])
    names = iso_countries()
    return [_correction(r.id, r.values, names, {k: v.text for k, v in sources.items()}) for r in rows]


def _correction(
    record_id: str, values: dict[str, Any], names: dict[str, str], sources: dict[str, str]
) -> EventCorrection:
    source = sources.get(values["source"] or "", "") or values["citation"] or ""
    iso2 = values["iso2"].upper()
    kind = EventKind(values["event_kind"]) if values["event_kind"] else None
    return EventCorrection(
        record_id,
        iso2,
        names.get(iso2, iso2),
        CorrectionAction(values["action"]),
        values["event"] or "",
        kind,
        _day(values["date"]),
        _day(values["effective"]),
        source,
        values["note"] or "",
        values["recorded_by"] or "",
    )


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text and len(text) == 10 else None


def events(session: Session) -> tuple[StatusEvent, ...]:
    """The shipped party-status events with this case's corrections applied."""
    corrected, _ = apply_corrections(party_status_events(), corrections(session))
    return corrected


@dataclass(frozen=True)
class TimelineEntry:
    """One event on a state's ICC-status timeline, as the state's Details show it."""

    key: str  # the shipped event's key, for Correct and Dispute; empty for an event the case added
    date: date | None
    text: str
    source: str
    verification: str
    correction_ids: tuple[str, ...] = ()
    shipped: bool = True


def timeline(session: Session, iso2: str) -> list[TimelineEntry]:
    """A state's events, shipped and corrected, by date; a correction whose event is gone is listed too."""
    code = iso2.upper()
    shipped = [e for e in party_status_events() if e.iso2.upper() == code]
    fixes = [c for c in corrections(session) if c.iso2 == code]
    corrected, orphans = apply_corrections(shipped, fixes)
    keys = [e.key for e in shipped]
    entries = [
        TimelineEntry(
            keys[i] if i < len(keys) else "",
            e.date or e.effective,
            e.describe().removeprefix(f"{e.state}: "),
            e.source,
            "disputed in this case" if e.disputed else e.verification,
            e.correction_ids,
            i < len(keys),
        )
        for i, e in enumerate(corrected)
    ]
    entries += [
        TimelineEntry(
            "",
            None,
            f"Correction of an event not in the shipped data ({c.event}): {c.note}",
            c.source,
            "not applied",
            (c.id,),
            False,
        )
        for c in orphans
    ]
    return sorted(entries, key=lambda t: (t.date or date.max, t.text))
