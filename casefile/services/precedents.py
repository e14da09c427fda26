"""The precedents a case uses: the shipped ICC decisions and those the analyst added to the case.

case_and_bundled_precedents() is the one list the findings engine, the Precedents panel and the dossier read,
so a case precedent is used exactly like a shipped one.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from casefile.domain.dates import PartialDate
from casefile.domain.kinds import Kind
from casefile.domain.precedents import Precedent, PrecedentOutcome
from casefile.reference import precedents as bundled
from casefile.services import records
from casefile.services.labels import labels
from casefile.services.results import RecordData

# How a precedent the analyst added is verified: by the case's own source, named in its `source`.
CASE_RECORD = "case record"


def case_and_bundled_precedents(session: Session) -> tuple[Precedent, ...]:
    """The shipped precedents, then the case's own, oldest recorded first."""
    return (*bundled(), *case_precedents(session))


def case_precedents(session: Session) -> tuple[Precedent, ...]:
    rows = records.list_records(session, Kind.PRECEDENT)
    ids = [r[f] for r in rows for f in ("person", "state", "source") if r[f]]
    names = {rid: label.text for rid, label in labels(session, ids).items()}
    states = {r["state"]: records.get(session, r["state"]) for r in rows}
    return tuple(_precedent(r, names, states[r["state"]]) for r in rows)


def _precedent(row: RecordData, names: dict[str, str], state: RecordData) -> Precedent:
    source = names.get(row["source"] or "", "") or row["citation"] or ""
    return Precedent(
        person=names.get(row["person"], ""),
        host_state=state["name"],
        iso2=state["iso2"],
        visit_start=_day(row["visit_start"], first=True),
        visit_end=_day(row["visit_end"], first=False),
        decision_date=_day(row["decided"], first=True),
        chamber=row["chamber"],
        reference=row["reference"] or "",
        outcome=PrecedentOutcome(row["outcome"]),
        summary=row["summary"] or "",
        source=source,
        verification=CASE_RECORD,
        claim=row["claim"] or "",
        record_id=row.id,
        recorded_by=row["recorded_by"] or "",
    )


def _day(text: str | None, *, first: bool) -> date | None:
    if not text:
        return None
    parsed = PartialDate.parse(text)
    return parsed.first_day() if first else parsed.last_day()
