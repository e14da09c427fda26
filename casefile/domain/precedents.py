"""The ICC's decisions on States that did not arrest a visiting person under warrant (icc_precedents.csv).

A precedent is used two ways. When it concerns the very visit a finding assesses (same person, same host
state, overlapping dates) it is the Court's own decision on that visit, and a non-compliance outcome
confirms the finding. Otherwise it is listed as comparable: the reference data does not say which claims
(immunity, Art. 97 consultations, Art. 98) each decision dealt with, so comparability rests on what the
data does say: the same person or the same host state first, then every other decision on a visit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class PrecedentOutcome(StrEnum):
    REFERRED = "non_compliance_referred"
    NOT_REFERRED = "non_compliance_not_referred"
    REVERSED = "referral_reversed_on_appeal"
    INFORMED = "informed_only"
    OTHER = "other"


OUTCOME_WORDS = {
    PrecedentOutcome.REFERRED: "non-compliance found and referred",
    PrecedentOutcome.NOT_REFERRED: "non-compliance found, no referral",
    PrecedentOutcome.REVERSED: "non-compliance upheld, referral reversed on appeal",
    PrecedentOutcome.INFORMED: "Security Council and Assembly informed, no finding of non-compliance",
    PrecedentOutcome.OTHER: "other outcome (see the summary)",
}
# The outcomes in which the Court found that the state failed to comply.
NON_COMPLIANCE = frozenset({PrecedentOutcome.REFERRED, PrecedentOutcome.NOT_REFERRED, PrecedentOutcome.REVERSED})


@dataclass(frozen=True)
class Precedent:
    person: str
    host_state: str
    iso2: str
    visit_start: date | None
    visit_end: date | None
    decision_date: date | None
    chamber: str
    reference: str  # ICC document number, when seen in the decision text
    outcome: PrecedentOutcome
    summary: str
    source: str
    verification: str
    notes: str = ""
    claim: str = ""  # immunity, consultation or other; the shipped data does not say, a case precedent may
    record_id: str | None = None  # a precedent the analyst added to this case: its record
    recorded_by: str = ""

    def describe(self) -> str:
        """'Pre-Trial Chamber II, 6 July 2017, ICC-02/05-01/09-302 (Al-Bashir in South Africa): ...'."""
        when = _day(self.decision_date) if self.decision_date else "decision date not found"
        ref = f", {self.reference}" if self.reference else ""
        added = f"; case precedent added by {self.recorded_by}" if self.recorded_by else ""
        added = added or ("; case precedent" if self.record_id else "")
        return f"{self.chamber}, {when}{ref} ({self.whose()}): {OUTCOME_WORDS[self.outcome]}{added}"

    def whose(self) -> str:
        """'Al-Bashir in South Africa'."""
        return f"{_surname(self.person)} in {self.host_state}"


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _surname(person: str) -> str:
    return person.split()[-1] if person.split() else person


def same_person(precedent: Precedent, name: str) -> bool:
    """The precedent's surname ('Al-Bashir', 'Putin') appears as a word in the case's name for the person."""
    words = {w.casefold() for w in name.replace(",", " ").split()}
    return _surname(precedent.person).casefold() in words


def on_visit(precedent: Precedent, person: str, iso2: str, first: date, last: date) -> bool:
    """The Court's decision on this very visit: same person and host state, and the visit dates overlap."""
    if precedent.iso2.upper() != iso2.upper() or not same_person(precedent, person) or precedent.visit_start is None:
        return False
    return precedent.visit_start <= last and (precedent.visit_end or precedent.visit_start) >= first


def comparable(
    precedents: Iterable[Precedent],
    person: str,
    iso2: str,
    exclude: Iterable[Precedent] = (),
    claims: Iterable[str] = (),
) -> tuple[Precedent, ...]:
    """Every other decision: those on the same kind of claim as the visit's first (when a precedent says which),
    then the same person's and the same host state's, then by decision date."""
    skip = set(exclude)
    kinds = set(claims)

    def key(p: Precedent) -> tuple[bool, bool, bool, date, str]:
        other_claim = not (p.claim and p.claim in kinds)
        place = p.iso2.upper() != iso2.upper()
        return other_claim, not same_person(p, person), place, p.decision_date or date.max, p.host_state

    return tuple(sorted((p for p in precedents if p not in skip), key=key))
