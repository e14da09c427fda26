"""The States Parties register as seen inside one case, with the case's own corrections."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from casefile.domain.audit import Action
from casefile.domain.dates import PartialDate
from casefile.domain.errors import ValidationError
from casefile.domain.parties import PartyCorrection, PartyRegister
from casefile.reference import iso_codes, iso_countries, states_parties
from casefile.services import audit, status_corrections
from casefile.storage.models import PartyCorrectionRow, table_of
from casefile.storage.types import utc_now

_table = table_of(PartyCorrectionRow)
# The audit log's kind for a state's correction: the case's own word on the shipped register and its events.
AUDIT_KIND = "party_correction"


def _day(text: str | None, field: str) -> date | None:
    if not text:
        return None
    parsed = PartialDate.parse(text, field)
    if parsed.precision < 3:
        raise ValidationError.single(field, "give the full date (YYYY-MM-DD); entry into force is a single day")
    return parsed.first_day()


def correct_party(
    session: Session, iso2: str, *, entry_into_force: str | None, withdrawal_effective: str | None, note: str
) -> PartyCorrection:
    """Record the case's own dates for a state, replacing any earlier correction of it."""
    code = iso2.strip().upper()
    if code not in iso_codes():
        raise ValidationError.single("iso2", f"'{iso2}' is not an ISO 3166 country code")
    if not note.strip():
        raise ValidationError.single("note", "say why the shipped data is corrected, and on what source")
    start = _day(entry_into_force, "entry_into_force")
    end = _day(withdrawal_effective, "withdrawal_effective")
    if start and end and end <= start:
        raise ValidationError.single("withdrawal_effective", "the withdrawal takes effect before entry into force")
    name = iso_countries()[code]
    session.execute(delete(_table).where(_table.c.iso2 == code))
    session.execute(
        insert(_table).values(
            iso2=code,
            name=name,
            entry_into_force=start.isoformat() if start else None,
            withdrawal_effective=end.isoformat() if end else None,
            note=note.strip(),
            recorded_at=utc_now(),
        )
    )
    detail = {"entry_into_force": _iso(start), "withdrawal_effective": _iso(end), "note": note.strip()}
    entry = audit.append(session, Action.EDIT, audit_id(code), AUDIT_KIND, detail)
    return PartyCorrection(code, name, start, end, note.strip(), entry.actor or "")


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def audit_id(iso2: str) -> str:
    """The audit trail's record id for a state's correction; corrections are not records, so they get their own."""
    return f"party:{iso2.upper()}"


def _recorders(session: Session) -> dict[str, str]:
    """Who recorded each state's latest correction, from the audit trail."""
    found: dict[str, str] = {}
    for entry in audit.entries(session):
        if entry.kind == AUDIT_KIND and entry.record_id and entry.actor:
            found[entry.record_id] = entry.actor
    return found


def corrections(session: Session) -> list[PartyCorrection]:
    rows = session.execute(select(_table).order_by(_table.c.iso2))
    by = _recorders(session)
    return [
        PartyCorrection(
            r.iso2,
            r.name,
            date.fromisoformat(r.entry_into_force) if r.entry_into_force else None,
            date.fromisoformat(r.withdrawal_effective) if r.withdrawal_effective else None,
            r.note,
            by.get(audit_id(r.iso2), ""),
        )
        for r in rows
    ]


def remove_correction(session: Session, iso2: str) -> None:
    session.execute(delete(_table).where(_table.c.iso2 == iso2.upper()))
    audit.append(session, Action.DELETE, audit_id(iso2), AUDIT_KIND, {})


def register(session: Session) -> PartyRegister:
    """The shipped States Parties and their status events, with this case's corrections of both applied."""
    return PartyRegister(states_parties(), corrections(session), status_corrections.events(session))
