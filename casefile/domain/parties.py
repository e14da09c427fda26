"""Whether a state was bound by the Rome Statute on a given day."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from casefile.domain.dates import PartialDate


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

    def bound_on(self, day: date) -> bool:
        # Bound from entry into force up to, not including, the day a withdrawal takes effect.
        if self.entry_into_force is None or day < self.entry_into_force:
            return False
        return self.withdrawal_effective is None or day < self.withdrawal_effective


@dataclass(frozen=True)
class PartyCorrection:
    """A case's own correction of a reference row; it wins inside that case."""

    iso2: str
    name: str
    entry_into_force: date | None
    withdrawal_effective: date | None
    note: str


class Bound(StrEnum):
    YES = "yes"
    NO = "no"
    UNDETERMINED = "undetermined"  # the partial date spans a change of status


class PartyRegister:
    """The States Parties, keyed by ISO code, with a case's corrections applied."""

    def __init__(self, rows: Iterable[StateParty], corrections: Iterable[PartyCorrection] = ()) -> None:
        self._rows: dict[str, StateParty] = {row.iso2.upper(): row for row in rows}
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
        first = self.is_party(iso2, when.first_day())
        last = self.is_party(iso2, when.last_day())
        row = self.row(iso2)
        changes = [] if row is None else [d for d in (row.entry_into_force, row.withdrawal_effective) if d]
        inside = any(when.first_day() < d <= when.last_day() for d in changes)
        if first == last and not inside:
            return Bound.YES if first else Bound.NO
        return Bound.UNDETERMINED


def _apply(row: StateParty | None, fix: PartyCorrection) -> StateParty:
    source = f"Correction recorded in this case: {fix.note}"
    if row is None:
        fixed = (fix.entry_into_force, fix.withdrawal_effective)
        return StateParty(fix.name, fix.iso2.upper(), *fixed, source, fix.note, citation=source)
    return replace(
        row,
        entry_into_force=fix.entry_into_force,
        withdrawal_effective=fix.withdrawal_effective,
        source=f"{source} (shipped row: {row.source})",
        correction_note=fix.note,
        citation=f"{source} (shipped register: {row.citation})",
    )
