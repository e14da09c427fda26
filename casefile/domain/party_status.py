"""A state's relation to the Rome Statute as it changes through events, and what that means on a given day.

The events are those of party_status_events.csv: withdrawals notified, taking effect, revoked or only
announced, and Art. 12(3) and Art. 124 declarations. Only a row whose verification is "unverified" is a
doubt; every other verification value is a fact the analysis relies on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

UNVERIFIED = "unverified"


class EventKind(StrEnum):
    WITHDRAWAL_NOTIFIED = "withdrawal_notified"
    WITHDRAWAL_EFFECTIVE = "withdrawal_effective"
    WITHDRAWAL_REVOKED = "withdrawal_revoked"
    WITHDRAWAL_ANNOUNCED = "withdrawal_announced_not_deposited"
    ARTICLE_12_3 = "article_12_3_declaration"
    ARTICLE_124 = "article_124_declaration"


_WORDS = {
    EventKind.WITHDRAWAL_NOTIFIED: "withdrawal notified to the UN Secretary-General",
    EventKind.WITHDRAWAL_EFFECTIVE: "withdrawal took effect",
    EventKind.WITHDRAWAL_REVOKED: "withdrawal revoked before taking effect",
    EventKind.WITHDRAWAL_ANNOUNCED: "withdrawal announced but no notification deposited",
    EventKind.ARTICLE_12_3: "declaration accepting the Court's jurisdiction (Art. 12(3))",
    EventKind.ARTICLE_124: "declaration under Art. 124",
}


@dataclass(frozen=True)
class StatusEvent:
    """One event in a state's relation to the Statute, with its source and how far it was checked."""

    iso2: str
    state: str
    kind: EventKind
    date: date | None  # notified, revoked, announced or lodged
    effective: date | None  # see the README: first day not bound, revocation's effect, period's first day
    source: str
    verification: str
    note: str = ""

    @property
    def unverified(self) -> bool:
        return self.verification == UNVERIFIED

    def describe(self) -> str:
        when = f" on {self.date.isoformat()}" if self.date else " (undated)"
        effect = f", effective {self.effective.isoformat()}" if self.effective else ""
        doubt = "; UNVERIFIED in the reference data" if self.unverified else ""
        return f"{self.state}: {_WORDS[self.kind]}{when}{effect}{doubt}"


@dataclass(frozen=True)
class Standing:
    """What the events say about one day: bound, not bound or undetermined, and on which events."""

    bound: bool | None  # None: undetermined
    basis: str  # plain words: why
    events: tuple[StatusEvent, ...] = ()
    declared: StatusEvent | None = None  # a non-party's Art. 12(3) declaration in force that day


def _first(events: Iterable[StatusEvent], kind: EventKind) -> StatusEvent | None:
    found = [e for e in events if e.kind == kind]
    return min(found, key=lambda e: (e.date or date.max, e.effective or date.max)) if found else None


def withdrawal_on(events: tuple[StatusEvent, ...], day: date) -> Standing | None:
    """How the withdrawal events bear on a day when the state had entered into force; None when they do not.

    A withdrawal takes effect on its effective date (the first day not bound) unless revoked before.
    An unverified revocation, or an unverified effect, leaves the days from the scheduled date undetermined.
    """
    notified = _first(events, EventKind.WITHDRAWAL_NOTIFIED)
    effective = _first(events, EventKind.WITHDRAWAL_EFFECTIVE)
    revoked = _first(events, EventKind.WITHDRAWAL_REVOKED)
    takes_effect = (effective.effective or effective.date) if effective else (notified.effective if notified else None)
    if takes_effect is None or day < takes_effect:
        return None
    used = tuple(e for e in (notified, effective, revoked) if e is not None)
    doubtful = [e for e in used if e.unverified]
    # An undated revocation that is not in doubt counts as made in time.
    revoked_in_time = revoked is not None and (revoked.effective or revoked.date or takes_effect) <= takes_effect
    if doubtful:
        words = "; ".join(e.describe() for e in doubtful)
        basis = (
            f"its withdrawal was scheduled to take effect on {takes_effect.isoformat()}, and whether it did is "
            f"unverified ({words}); confirm against the UN Treaty Collection (chapter XVIII-10) and record it"
        )
        return Standing(None, basis, used)
    if revoked is not None and revoked_in_time:
        basis = f"its withdrawal was revoked ({revoked.describe()}), so it remained a party"
        return Standing(True, basis, used)
    return Standing(False, f"its withdrawal took effect on {takes_effect.isoformat()}", used)


def declaration_on(events: tuple[StatusEvent, ...], day: date) -> StatusEvent | None:
    """The latest Art. 12(3) declaration lodged by the day: it obliges the state to cooperate under Part 9
    for the crimes it covers, which may reach back before it was lodged (Armenia, Ukraine)."""
    lodged = [e for e in events if e.kind == EventKind.ARTICLE_12_3 and e.date is not None and e.date <= day]
    return max(lodged, key=lambda e: e.date or date.min) if lodged else None


def noted_events(events: tuple[StatusEvent, ...], first: date, last: date) -> tuple[StatusEvent, ...]:
    """Events that did not change the status but a reader should see: announcements and Art. 124 declarations."""
    kinds = (EventKind.WITHDRAWAL_ANNOUNCED, EventKind.ARTICLE_124)
    return tuple(e for e in events if e.kind in kinds and (e.date is None or e.date <= last))
