"""Whether a state was bound by the Rome Statute on a given day."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from casefile.domain.dates import PartialDate
from casefile.domain.party_status import EventKind, Standing, StatusEvent, declaration_on, withdrawal_on

_WITHDRAWALS = (EventKind.WITHDRAWAL_NOTIFIED, EventKind.WITHDRAWAL_EFFECTIVE, EventKind.WITHDRAWAL_REVOKED)


@dataclass(frozen=True)
class StateParty:
    """One row of the States Parties reference data, with where its dates came from."""

    name: str
    iso2: str
    entry_into_force: date | None
    withdrawal_effective: date | None
    source: str
    correction_note: str = ""  # set when the case corrected the shipped row
    # `verification` is multi_source or single_source (both are facts, not doubts);
    # `citation` is the register's sources in words fit to print, unlike the raw `source` notes.
    verification: str = ""
    citation: str = ""
    events: tuple[StatusEvent, ...] = ()  # after entry into force: withdrawals, declarations
    corrected_by: str = ""  # the analyst who recorded the case's correction, when the log names one

    def bound_on(self, day: date) -> bool:
        return self.standing_on(day).bound is True

    def standing_on(self, day: date) -> Standing:
        """Bound from entry into force up to, not including, the day a withdrawal takes effect, as the events say.

        A case's correction settles the dates, so the shipped events no longer decide (they stay on show).
        """
        if self.entry_into_force is None or day < self.entry_into_force:
            when = f"on {self.entry_into_force.isoformat()}" if self.entry_into_force else "at no recorded date"
            declared = declaration_on(self.events, day)
            return Standing(False, f"the Statute entered into force for it {when}", declared=declared)
        # A withdrawal event the case corrected (or disputed) outranks the register's own withdrawal date.
        events_corrected = not self.correction_note and any(
            e.correction_ids for e in self.events if e.kind in _WITHDRAWALS
        )
        if self.withdrawal_effective is not None and day >= self.withdrawal_effective and not events_corrected:
            return Standing(False, f"its withdrawal took effect on {self.withdrawal_effective.isoformat()}")
        by_events = None if self.correction_note else withdrawal_on(self.events, day)
        if by_events is not None:
            return by_events
        return Standing(True, f"the Statute entered into force for it on {self.entry_into_force.isoformat()}")

    def change_days(self) -> tuple[date, ...]:
        """Every day on which the state's standing may change, for deciding whether a period spans one."""
        days = {self.entry_into_force, self.withdrawal_effective}
        if not self.correction_note:
            days |= {e.effective for e in self.events if e.kind in _WITHDRAWALS}
        return tuple(sorted(d for d in days if d is not None))


@dataclass(frozen=True)
class PartyCorrection:
    """A case's own correction of a reference row; it wins inside that case."""

    iso2: str
    name: str
    entry_into_force: date | None
    withdrawal_effective: date | None
    note: str
    by: str = ""  # the analyst who recorded it, from the audit trail


class Bound(StrEnum):
    YES = "yes"
    NO = "no"
    UNDETERMINED = "undetermined"  # the partial date spans a change of status


class PartyRegister:
    """The States Parties, keyed by ISO code, with a case's corrections applied."""

    def __init__(
        self,
        rows: Iterable[StateParty],
        corrections: Iterable[PartyCorrection] = (),
        events: Iterable[StatusEvent] = (),
    ) -> None:
        self._rows: dict[str, StateParty] = {row.iso2.upper(): row for row in rows}
        by_state: dict[str, list[StatusEvent]] = {}
        for event in events:
            by_state.setdefault(event.iso2.upper(), []).append(event)
        for code, found in by_state.items():
            if code in self._rows:
                self._rows[code] = replace(self._rows[code], events=self._rows[code].events + tuple(found))
        for fix in corrections:
            self._rows[fix.iso2.upper()] = _apply(self._rows.get(fix.iso2.upper()), fix)

    def row(self, iso2: str) -> StateParty | None:
        return self._rows.get(iso2.upper())

    def rows(self) -> Mapping[str, StateParty]:
        return dict(self._rows)

    def is_party(self, iso2: str, on_date: date) -> bool:
        row = self.row(iso2)
        return row is not None and row.bound_on(on_date)

    def bound_during(self, iso2: str, when: PartialDate) -> Bound:
        """Yes or no when the answer holds for every day the partial date could mean."""
        row = self.row(iso2)
        if row is None:
            return Bound.NO
        first, last = row.standing_on(when.first_day()), row.standing_on(when.last_day())
        inside = any(when.first_day() < d <= when.last_day() for d in row.change_days())
        if first.bound is None or last.bound is None or first.bound != last.bound or inside:
            return Bound.UNDETERMINED
        return Bound.YES if first.bound else Bound.NO


def _apply(row: StateParty | None, fix: PartyCorrection) -> StateParty:
    source = f"Correction recorded in this case: {fix.note}"
    if row is None:
        fixed = (fix.entry_into_force, fix.withdrawal_effective)
        return StateParty(fix.name, fix.iso2.upper(), *fixed, source, fix.note, citation=source, corrected_by=fix.by)
    return replace(
        row,
        corrected_by=fix.by,
        entry_into_force=fix.entry_into_force,
        withdrawal_effective=fix.withdrawal_effective,
        source=f"{source} (shipped row: {row.source})",
        correction_note=fix.note,
        citation=f"{source} (shipped register: {row.citation})",
    )
