"""A state's relation to the Rome Statute as it changes through events, and what that means on a given day.

The events are those of party_status_events.csv: withdrawals notified, taking effect, revoked or only
announced, and Art. 12(3) and Art. 124 declarations. Only a row whose verification is "unverified" is a
doubt; every other verification value is a fact the analysis relies on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

Day = date  # for fields named `date`, under which the type's own name is hidden
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
    date: Day | None  # notified, revoked, announced or lodged
    effective: Day | None  # see the README: first day not bound, revocation's effect, period's first day
    source: str
    verification: str
    note: str = ""
    # Set when the case corrected this event: "case correction by <actor>, source <...>", and which record did.
    correction: str = ""
    correction_ids: tuple[str, ...] = ()
    disputed: bool = False  # the case disputes the event: what rests on it is undetermined

    @property
    def unverified(self) -> bool:
        """In doubt: unverified in the reference data (and not confirmed by the case), or disputed by the case."""
        return self.verification == UNVERIFIED or self.disputed

    @property
    def key(self) -> str:
        """Names a shipped event for a case correction: 'HU:withdrawal_revoked:' (ISO code, event, date)."""
        return event_key(self.iso2, self.kind, self.date)

    def describe(self) -> str:
        when = f" on {self.date.isoformat()}" if self.date else " (undated)"
        effect = f", effective {self.effective.isoformat()}" if self.effective else ""
        doubt = "; UNVERIFIED in the reference data" if self.verification == UNVERIFIED else ""
        doubt = "; DISPUTED in this case" if self.disputed else doubt
        fixed = f" ({self.correction})" if self.correction else ""
        return f"{self.state}: {_WORDS[self.kind]}{when}{effect}{doubt}{fixed}"


def event_key(iso2: str, kind: EventKind | str, day: date | None) -> str:
    return f"{iso2.upper()}:{EventKind(kind).value}:{day.isoformat() if day else ''}"


def event_words(kind: EventKind | str) -> str:
    return _WORDS[EventKind(kind)]


class CorrectionAction(StrEnum):
    ADD = "add"  # a new event the shipped data lacks
    REPLACE = "replace"  # the shipped event's kind or dates are wrong
    DISPUTE = "dispute"  # the case doubts the shipped event
    CONFIRM = "confirm"  # the case verified the shipped event


# The verification a corrected event carries: the case's own word, never "unverified".
CASE_VERIFIED = "case_correction"


@dataclass(frozen=True)
class EventCorrection:
    """The case's correction of one party-status event, with who recorded it and on what source."""

    id: str
    iso2: str
    state: str
    action: CorrectionAction
    event: str  # the shipped event's key, for replace, dispute and confirm
    kind: EventKind | None
    date: Day | None
    effective: Day | None
    source: str  # the Source record's title, or the citation as written
    note: str
    by: str

    def words(self) -> str:
        by = f" by {self.by}" if self.by else ""
        return f"case correction{by}, source {self.source or 'not given'}"


def apply_corrections(
    events: Iterable[StatusEvent], corrections: Iterable[EventCorrection]
) -> tuple[tuple[StatusEvent, ...], tuple[EventCorrection, ...]]:
    """The shipped events with the case's corrections applied, in order, and the corrections that found no event.

    A correction names the shipped event by its key; the key stays the shipped one after a replace, so a later
    dispute or confirmation of the same event still finds it.
    """
    by_key = {e.key: e for e in events}
    added: list[StatusEvent] = []
    orphans: list[EventCorrection] = []
    for fix in corrections:
        if fix.action == CorrectionAction.ADD:
            if fix.kind is not None:
                added.append(_added(fix))
            continue
        target = by_key.get(fix.event)
        if target is None:
            orphans.append(fix)
            continue
        by_key[fix.event] = _corrected(target, fix)
    return (*by_key.values(), *added), tuple(orphans)


def _added(fix: EventCorrection) -> StatusEvent:
    return StatusEvent(
        fix.iso2.upper(), fix.state, fix.kind or EventKind.WITHDRAWAL_NOTIFIED, fix.date, fix.effective,
        fix.source, CASE_VERIFIED, fix.note, fix.words(), (fix.id,),
    )  # fmt: skip


def _corrected(event: StatusEvent, fix: EventCorrection) -> StatusEvent:
    ids = (*event.correction_ids, fix.id)
    words = "; ".join(w for w in (event.correction, fix.words()) if w)
    if fix.action == CorrectionAction.DISPUTE:
        return replace(event, disputed=True, correction=words, correction_ids=ids)
    if fix.action == CorrectionAction.CONFIRM:
        return replace(event, disputed=False, verification=CASE_VERIFIED, correction=words, correction_ids=ids)
    return replace(
        event,
        kind=fix.kind or event.kind,
        date=fix.date or event.date,
        effective=fix.effective or event.effective,
        source=f"{fix.source} (shipped: {event.source})",
        verification=CASE_VERIFIED,
        disputed=False,
        correction=words,
        correction_ids=ids,
    )


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
        doubt = "disputed in this case" if any(e.disputed for e in doubtful) else "unverified"
        basis = (
            f"its withdrawal was scheduled to take effect on {takes_effect.isoformat()}, and whether it did is "
            f"{doubt} ({words}); confirm against the UN Treaty Collection (chapter XVIII-10) and record it"
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


def correction_problem(values: Mapping[str, object], events: Iterable[StatusEvent]) -> str | None:
    """What is wrong with a correction that names a shipped event its state does not have, in words."""
    iso2 = str(values.get("iso2") or "").upper()
    if values.get("action") == CorrectionAction.ADD or not iso2:
        return None
    keys = sorted(e.key for e in events if e.iso2.upper() == iso2)
    event = str(values.get("event") or "")
    if event in keys:
        return None
    known = ", ".join(keys) or "none"
    return f"'{event}' is not a shipped event of {iso2} (its events: {known}); use Add for an event it lacks"
