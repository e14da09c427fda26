"""Compliance findings: whether a visit engaged the host state's duty to arrest and surrender, and why.

The analysis is pure and deterministic. Its input is plain frozen data describing the case
(visits, warrants, the States Parties register with the case's corrections, the Art. 97 / Art. 98
claims and the court decisions the case records); its output is a list of findings, each with
its reasoning as ordered steps that cite the records, reference rows and articles relied on.

The rules, in the words of the product's specification:

1. A warrant was in effect when the visitor was the subject of an ICC warrant issued on or before
   the visit's first day that had not been withdrawn, executed or vacated before that day
   (Art. 58(4): a warrant remains in effect until the Court orders otherwise).
2. The host state was bound when the States Parties register (with the case's corrections) shows
   it a party on the visit's first day.
3. When both hold, the finding "arrest and surrender duty engaged (Arts 59(1), 86, 89(1))" is
   raised; when the visitor was not arrested, a second finding "potential non-compliance
   (Art. 87(7))" follows.
4. Art. 97 consultations and Art. 98 / head-of-state immunity claims are noted, with Art. 27,
   and never clear a finding.
5. A court decision linked to the visit confirms a raised finding, and the finding names it.

A partial date that leaves a condition open makes the finding undetermined, with the reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from casefile.domain.compliance_model import (
    DUTY_ARTICLES,
    REGISTER_SOURCE,
    CaseFacts,
    Citation,
    CitationKind,
    ClaimFacts,
    ClaimKind,
    DecisionFacts,
    Finding,
    FindingCode,
    FindingStatus,
    Outcome,
    Step,
    StepResult,
    VisitFacts,
    WarrantFacts,
    WarrantStatus,
    cite_article,
    cite_record,
    is_icc_issuer,
    on,
)
from casefile.domain.dates import PartialDate, Precision
from casefile.domain.parties import Bound, PartyRegister, StateParty
from casefile.domain.party_status import EventKind, Standing, StatusEvent, noted_events
from casefile.domain.precedents import NON_COMPLIANCE, Precedent, comparable, on_visit


@dataclass(frozen=True)
class _Check:
    """The answer to one condition, the steps that explain it, and the reasons behind a no or an unknown."""

    result: StepResult
    steps: tuple[Step, ...]
    reasons: tuple[str, ...] = ()
    warrant_ids: tuple[str, ...] = ()


def _day(value: date | None) -> str:
    return PartialDate.from_date(value).display() if value else "an unrecorded date"


def assess(facts: CaseFacts) -> list[Finding]:
    """Every finding for every visit, in an order that depends on the records' content alone."""
    findings: list[Finding] = []
    for visit in sorted(facts.visits, key=_visit_key):
        findings += assess_visit(visit, facts)
    return findings


def _visit_key(visit: VisitFacts) -> tuple[PartialDate, PartialDate, str, str, str]:
    return visit.start, visit.end or visit.start, visit.person_name, visit.state_name, visit.id


def assess_visit(visit: VisitFacts, facts: CaseFacts) -> list[Finding]:
    """The duty finding for one visit, followed by the non-compliance finding where it applies."""
    warrants = sorted((w for w in facts.warrants if w.subject_id == visit.person_id), key=lambda w: (w.issued, w.id))
    day, by_day = _deciding_day(visit, warrants, facts.register)
    warrant_check = check_warrants(day, warrants)
    state_check = check_state(day, facts.register)
    claims = tuple(sorted((c for c in facts.claims if _claim_applies(c, visit)), key=_claim_key))
    decisions = tuple(sorted((d for d in facts.decisions if d.visit_id == visit.id), key=_decision_key))
    status = _combine(warrant_check.result, state_check.result)
    last = (visit.end or visit.start).last_day()
    rulings = tuple(
        p for p in facts.precedents if on_visit(p, visit.person_name, visit.iso2, visit.start.first_day(), last)
    )
    similar = comparable(facts.precedents, visit.person_name, visit.iso2, rulings, (c.kind.value for c in claims))
    row = facts.register.row(visit.iso2)
    events = row.events if row else ()
    context = _Context(
        visit, status, warrant_check.warrant_ids, claims, decisions, by_day, day.start, rulings, similar, events
    )
    duty = _duty_finding(context, warrant_check, state_check)
    if visit.outcome != Outcome.NOT_ARRESTED or status == FindingStatus.NOT_RAISED:
        return [duty]
    return [duty, _non_compliance_finding(context, duty)]


# A visit longer than this is assessed on its first day only: day-by-day reasoning is for short stays.
_MAX_DAYS = 366


def _deciding_day(
    visit: VisitFacts, warrants: list[WarrantFacts], register: PartyRegister
) -> tuple[VisitFacts, tuple[str, ...]]:
    """The day the finding rests on, and words saying on which days the duty was engaged when they differ.

    A visit recorded to the day over several days is assessed day by day: a warrant issued, or a withdrawal
    taking effect, in the middle of it engages the duty on the days when both conditions hold.
    """
    end = visit.end
    if end is None or visit.start.precision != Precision.DAY or end.precision != Precision.DAY:
        return visit, ()
    count = (end.first_day() - visit.start.first_day()).days + 1
    if count <= 1 or count > _MAX_DAYS:
        return visit, ()
    days = [visit.start.first_day() + timedelta(days=n) for n in range(count)]
    on_day = {d: replace(visit, start=PartialDate.from_date(d)) for d in days}
    status = {
        d: _combine(check_warrants(v, warrants).result, check_state(v, register).result) for d, v in on_day.items()
    }
    if len(set(status.values())) == 1:
        return visit, ()
    for wanted in (FindingStatus.RAISED, FindingStatus.UNDETERMINED):
        chosen = [d for d in days if status[d] == wanted]
        if chosen:
            break
    words = tuple(
        f"{_spans([d for d in days if status[d] == s])}: {_STATUS_WORDS[s]}" for s in _ORDER if s in status.values()
    )
    return on_day[chosen[0]], words


_ORDER = (FindingStatus.RAISED, FindingStatus.UNDETERMINED, FindingStatus.NOT_RAISED)
_STATUS_WORDS = {
    FindingStatus.RAISED: "duty engaged",
    FindingStatus.UNDETERMINED: "undetermined",
    FindingStatus.NOT_RAISED: "duty not engaged",
}


def _spans(days: list[date]) -> str:
    """Consecutive days as ranges: '3 April 2025 to 5 April 2025, 7 April 2025'."""
    runs: list[list[date]] = []
    for d in days:
        if runs and (d - runs[-1][-1]).days == 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    return ", ".join(_day(r[0]) if len(r) == 1 else f"{_day(r[0])} to {_day(r[-1])}" for r in runs)


@dataclass(frozen=True)
class _Context:
    visit: VisitFacts
    status: FindingStatus
    warrant_ids: tuple[str, ...]
    claims: tuple[ClaimFacts, ...]
    decisions: tuple[DecisionFacts, ...]
    by_day: tuple[str, ...] = ()  # the visit's days and the finding on each, when they differ
    decided_on: PartialDate | None = None  # the day the conditions were assessed on
    rulings: tuple[Precedent, ...] = ()  # the Court's decisions on this very visit
    precedents: tuple[Precedent, ...] = ()  # comparable decisions on other visits
    status_events: tuple[StatusEvent, ...] = ()  # the host state's party-status events


def _combine(*results: StepResult) -> FindingStatus:
    if StepResult.FAILS in results:
        return FindingStatus.NOT_RAISED
    if StepResult.UNDETERMINED in results:
        return FindingStatus.UNDETERMINED
    return FindingStatus.RAISED


def _fold(results: Iterable[StepResult]) -> StepResult:
    """All conditions of one warrant together: one failure decides, then any doubt."""
    listed = list(results)
    if StepResult.FAILS in listed:
        return StepResult.FAILS
    return StepResult.UNDETERMINED if StepResult.UNDETERMINED in listed else StepResult.HOLDS


# --- Condition 1: a warrant in effect ---------------------------------------------------------


def check_warrants(visit: VisitFacts, warrants: list[WarrantFacts]) -> _Check:
    """Any one warrant in effect on the visit's first day is enough; each is explained."""
    if not warrants:
        text = f"The case records no warrant for {visit.person_name}."
        step = Step(text, StepResult.FAILS, (cite_record(visit.person_id, visit.person_name),))
        return _Check(StepResult.FAILS, (step,), (f"no warrant for {visit.person_name} is recorded in this case",))
    checks = [check_warrant(visit, w) for w in warrants]
    steps = tuple(s for c in checks for s in c.steps)
    in_effect = tuple(w.id for w, c in zip(warrants, checks, strict=True) if c.result == StepResult.HOLDS)
    if in_effect:
        return _Check(StepResult.HOLDS, steps, (), in_effect)
    # Any one warrant may do: a doubt about one outweighs a clear no about another.
    doubtful = any(c.result == StepResult.UNDETERMINED for c in checks)
    result = StepResult.UNDETERMINED if doubtful else StepResult.FAILS
    reasons = tuple(r for c in checks if c.result == result for r in c.reasons)
    return _Check(result, steps, reasons)


def check_warrant(visit: VisitFacts, warrant: WarrantFacts) -> _Check:
    """Issued by the ICC, issued by the visit's first day, and not ended before it; stops at the first no."""
    steps: list[Step] = []
    reasons: list[str] = []
    for condition in (_issuer_step, _issued_step, _in_effect_step):
        step, reason = condition(visit, warrant)
        steps.append(step)
        if step.result == StepResult.FAILS:
            return _Check(StepResult.FAILS, tuple(steps), (reason,))
        if reason:
            reasons.append(reason)
    if warrant.sealed:
        steps.append(_sealed_step(visit, warrant))
    return _Check(_fold(s.result for s in steps), tuple(steps), tuple(reasons))


def _warrant_citations(warrant: WarrantFacts, *articles: str) -> tuple[Citation, ...]:
    return (cite_record(warrant.id, warrant.label), *(cite_article(a) for a in articles))


def _issuer_step(visit: VisitFacts, warrant: WarrantFacts) -> tuple[Step, str]:
    label = warrant.label
    if warrant.issuer_id is None or not warrant.issuer_name:
        text = (
            f"{_cap(label)} does not record the body that issued it, so it cannot be told whether it is a warrant "
            "of the International Criminal Court. Record the issuer to settle this."
        )
        return Step(
            text, StepResult.UNDETERMINED, _warrant_citations(warrant)
        ), f"the issuer of {label} is not recorded"
    cites = (*_warrant_citations(warrant), cite_record(warrant.issuer_id, warrant.issuer_name))
    if not warrant.issuer_is_icc:
        text = (
            f"{_cap(label)} was issued by {warrant.issuer_name}, not by the International Criminal Court; the duties "
            "to arrest and surrender under Part 9 of the Rome Statute attach to the Court's requests only. (An "
            "organisation counts as the Court when its record is marked 'ICC organ'.)"
        )
        return Step(text, StepResult.FAILS, cites), f"{label} was not issued by the International Criminal Court"
    why = "its record is marked 'ICC organ'" if warrant.issuer_icc_organ else "its name refers to the Court"
    text = f"{_cap(label)} was issued by {warrant.issuer_name}, an organ of the International Criminal Court: {why}."
    return Step(text, StepResult.HOLDS, cites), ""


def _issued_step(visit: VisitFacts, warrant: WarrantFacts) -> tuple[Step, str]:
    issued, start = warrant.issued, visit.start
    cites = _warrant_citations(warrant, "58(1)")
    if issued.last_day() <= start.first_day():
        text = f"It was issued {on(issued)}, on or before the visit's first day ({start.display()})."
        return Step(text, StepResult.HOLDS, cites), ""
    if issued.first_day() > start.last_day():
        text = (
            f"It was issued {on(issued)}, after the visit began {on(start)}; it did not exist on the visit's first day."
        )
        return Step(text, StepResult.FAILS, cites), f"{warrant.label} was issued after the visit began {on(start)}"
    text = (
        f"It was issued {on(issued)} and the visit began {on(start)}; the dates recorded do not show which came "
        "first. Record both to the day to settle this."
    )
    reason = f"it cannot be told whether {warrant.label} was issued before the visit began {on(start)}"
    return Step(text, StepResult.UNDETERMINED, cites), reason


def _in_effect_step(visit: VisitFacts, warrant: WarrantFacts) -> tuple[Step, str]:
    """Art. 58(4): in effect until the Court orders otherwise, i.e. unless it ended before the visit."""
    cites = _warrant_citations(warrant, "58(4)")
    rule = "Under Art. 58(4) a warrant remains in effect until the Court orders otherwise."
    status, when, start = warrant.status, warrant.status_date, visit.start
    if status == WarrantStatus.OUTSTANDING:
        as_of = f" as of {when.display()}" if when else ""
        text = f"{rule} It is recorded as outstanding{as_of}, so it was in effect on the visit's first day."
        return Step(text, StepResult.HOLDS, cites), ""
    if status == WarrantStatus.OTHER:
        text = (
            f"{rule} Its status is recorded as 'other', so it cannot be told whether the Court ended it before the "
            "visit. Record it as outstanding, executed, withdrawn or vacated, with the date."
        )
        return Step(text, StepResult.UNDETERMINED, cites), f"the status of {warrant.label} is recorded as 'other'"
    return _ended_step(rule, warrant, start, cites)


def _ended_step(rule: str, warrant: WarrantFacts, start: PartialDate, cites: tuple[Citation, ...]) -> tuple[Step, str]:
    status, when = warrant.status.value, warrant.status_date
    if when is None:
        text = f"{rule} It is recorded as {status}, without a date; record the date to settle whether it was in effect."
        return Step(text, StepResult.UNDETERMINED, cites), f"{warrant.label} is {status} on an unrecorded date"
    if when.last_day() < start.first_day():
        text = (
            f"{rule} It is recorded as {status} {on(when)}, before the visit began {on(start)}, so it was no longer "
            "in effect."
        )
        return Step(text, StepResult.FAILS, cites), f"{warrant.label} was {status} {on(when)}, before the visit"
    if when.first_day() > start.last_day():
        text = f"{rule} It was {status} only {on(when)}, after the visit's first day, so it was still in effect then."
        return Step(text, StepResult.HOLDS, cites), ""
    text = (
        f"{rule} It was {status} {on(when)} and the visit began {on(start)}; the dates recorded do not show whether "
        "it was still in effect when the visit began."
    )
    return Step(
        text, StepResult.UNDETERMINED, cites
    ), f"{warrant.label} was {status} {on(when)}, around the visit's start"


def _sealed_step(visit: VisitFacts, warrant: WarrantFacts) -> Step:
    text = (
        f"{_cap(warrant.label)} is recorded as sealed, so {visit.state_name} may not have been notified of it. "
        "Art. 59(1) speaks of a State Party that has received a request for arrest and surrender; check whether "
        "and when the request reached it."
    )
    return Step(text, StepResult.NOTE, _warrant_citations(warrant, "59(1)"))


# --- Condition 2: the host state bound ---------------------------------------------------------


def check_state(visit: VisitFacts, register: PartyRegister, when: PartialDate | None = None) -> _Check:
    """Whether the register (with the case's corrections and the status events) shows the host state bound.

    When the answer rests on an event the case corrected, the first step and the reasons say so.
    """
    row = register.row(visit.iso2)
    if row is None:
        return _not_in_register(visit)
    start = when or visit.start
    check = _check_row(visit, register, row, start)
    standing = row.standing_on(start.first_day())
    # Announcements and Art. 124 declarations are only noted (their own steps name a correction); they decide nothing.
    used = (*standing.events, *((standing.declared,) if standing.declared else ()))
    return _with_corrections(check, used)


def _with_corrections(check: _Check, events: Iterable[StatusEvent]) -> _Check:
    words = list(dict.fromkeys(e.correction for e in events if e.correction))
    if not words or not check.steps:
        return check
    said = "; ".join(words)
    first = check.steps[0]
    if said not in first.text:
        first = replace(first, text=f"{first.text} This rests on a {said}.")
    reasons = tuple(r if said in r else f"{r} ({said})" for r in check.reasons)
    return replace(check, steps=(first, *check.steps[1:]), reasons=reasons)


def _check_row(visit: VisitFacts, register: PartyRegister, row: StateParty, start: PartialDate) -> _Check:
    bound = register.bound_during(visit.iso2, start)
    standing = row.standing_on(start.first_day())
    cites = (cite_record(visit.state_id, visit.state_name), _cite_row(row), *map(cite_event, standing.events))
    name = visit.state_name
    if bound == Bound.YES:
        text = (
            f"{name} was bound by the Rome Statute {on(start)}: it entered into force for {name} on "
            f"{_day(row.entry_into_force)}{_withdrawal_clause(row, standing)}{_corrected(row)}."
        )
        return _Check(StepResult.HOLDS, (Step(text, StepResult.HOLDS, cites), *_noted(row, start)))
    if bound == Bound.UNDETERMINED and standing.bound is None:
        text = f"It cannot be told whether {name} was bound by the Rome Statute {on(start)}: {standing.basis}."
        reason = f"whether {name} was bound {on(start)} is undetermined: {standing.basis}"
        return _Check(StepResult.UNDETERMINED, (Step(text, StepResult.UNDETERMINED, cites),), (reason,))
    if bound == Bound.UNDETERMINED:
        text = (
            f"The visit began {on(start)}, and {name}'s status under the Rome Statute changed within that period "
            f"({_dates_of(row)}{_withdrawal_events(row)}). Record the visit's first day to settle whether it was "
            "bound."
        )
        reason = f"it cannot be told whether {name} was a party when the visit began {on(start)}"
        return _Check(StepResult.UNDETERMINED, (Step(text, StepResult.UNDETERMINED, cites),), (reason,))
    return _not_bound(visit, row, cites, start, standing)


def cite_event(event: StatusEvent) -> Citation:
    """A status event as a reference row, with its source and verification."""
    label = f"ICC party status event: {event.describe()}"
    source = f"{event.source} (verification: {event.verification})"
    return Citation(CitationKind.REFERENCE, label, None, source, verification=event.verification, event=event)


def _corrected(row: StateParty) -> str:
    if not row.correction_note:
        return ""
    by = f" by {row.corrected_by}" if row.corrected_by else ""
    return f" (case correction{by}, source: {row.correction_note})"


def _noted(row: StateParty, start: PartialDate) -> tuple[Step, ...]:
    """Announcements and Art. 124 declarations: shown, because a reader may think they changed the status."""
    steps = []
    for event in noted_events(row.events, start.first_day(), start.last_day()):
        if event.kind == EventKind.WITHDRAWAL_ANNOUNCED:
            text = (
                f"Noted: {event.describe()}. Only a written notification to the UN Secretary-General withdraws a "
                "state, one year after it is received (Art. 127(1)); an announcement does not change its status."
            )
            steps.append(Step(text, StepResult.NOTE, (cite_event(event), cite_article("127(1)"))))
        else:
            text = (
                f"Noted: {event.describe()}. Art. 124 limits the Court's jurisdiction over war crimes for seven "
                "years; it does not touch the duty to cooperate."
            )
            steps.append(Step(text, StepResult.NOTE, (cite_event(event), cite_article("124"))))
    return tuple(steps)


def _not_in_register(visit: VisitFacts) -> _Check:
    register = Citation(
        CitationKind.REFERENCE, f"ICC States Parties register: no row for {visit.iso2}", None, REGISTER_SOURCE
    )
    text = (
        f"{visit.state_name} ({visit.iso2}) does not appear in the ICC States Parties register, so it was not bound "
        f"by the Rome Statute {on(visit.start)}. Duties a non-party may have (under a Security Council referral or "
        "an Art. 12(3) declaration) are outside this assessment."
    )
    step = Step(text, StepResult.FAILS, (cite_record(visit.state_id, visit.state_name), register))
    return _Check(StepResult.FAILS, (step,), (f"{visit.state_name} is not a party to the Rome Statute",))


def _not_bound(
    visit: VisitFacts, row: StateParty, cites: tuple[Citation, ...], start: PartialDate, standing: Standing
) -> _Check:
    name = visit.state_name
    withdrawal = _withdrawal_day(row, standing)
    if withdrawal is not None and start.first_day() >= withdrawal:
        when = _day(withdrawal) + _corrected(row)
        text = f"{name} was not bound by the Rome Statute {on(start)}: its withdrawal took effect on {when}."
        note = Step(
            "Under Art. 127(2), a withdrawal does not discharge obligations that arose while the state was a party, "
            "including cooperation in proceedings begun before the withdrawal took effect; check whether that "
            "applies to this warrant.",
            StepResult.NOTE,
            (cite_article("127(2)"),),
        )
        reason = f"{name}'s withdrawal from the Rome Statute took effect on {when}, before the visit"
        return _Check(StepResult.FAILS, (Step(text, StepResult.FAILS, cites), note), (reason,))
    if row.entry_into_force is None:
        text = f"{name} was not bound by the Rome Statute {on(start)}: the register records no entry into force for it."
        return _Check(StepResult.FAILS, (Step(text, StepResult.FAILS, cites),), (f"{name} was not a party",))
    when = _day(row.entry_into_force)
    text = f"{name} was not yet bound by the Rome Statute {on(start)}: it entered into force for {name} on {when}."
    reason = f"the Rome Statute entered into force for {name} only on {when}, after the visit"
    steps = (Step(text, StepResult.FAILS, cites), *_declaration_steps(standing))
    return _Check(StepResult.FAILS, steps, (reason,))


def _declaration_steps(standing: Standing) -> tuple[Step, ...]:
    """A non-party's Art. 12(3) declaration obliges it to cooperate under Part 9, for the crimes it covers only."""
    event = standing.declared
    if event is None:
        return ()
    period = f", accepting the Court's jurisdiction from {_day(event.effective)}" if event.effective else ""
    text = (
        f"Noted: {event.state} lodged a declaration under Art. 12(3) on {_day(event.date)}{period}. By it, the "
        "state shall cooperate with the Court without delay or exception in accordance with Part 9, for the "
        "crimes the declaration covers. This assessment does not treat a declarant as a State Party: check "
        "whether this warrant concerns crimes within the declaration; if it does, the duty may be engaged."
    )
    return (Step(text, StepResult.NOTE, (cite_event(event), cite_article("12(3)"))),)


def _cite_row(row: StateParty) -> Citation:
    corrected = " (corrected in this case)" if row.correction_note else ""
    label = f"ICC States Parties register: {row.name} ({row.iso2}), {_dates_of(row)}{corrected}"
    # The register's citation is fit to print; its raw provenance notes (`source`) are for the analyst.
    return Citation(CitationKind.REFERENCE, label, None, row.citation or row.source, verification=row.verification)


def _withdrawal_events(row: StateParty) -> str:
    """The shipped withdrawal events, which decide when no case correction settles the state."""
    kinds = (EventKind.WITHDRAWAL_NOTIFIED, EventKind.WITHDRAWAL_EFFECTIVE, EventKind.WITHDRAWAL_REVOKED)
    found = [e.describe() for e in row.events if e.kind in kinds] if not row.correction_note else []
    return "; " + "; ".join(found) if found else ""


def _dates_of(row: StateParty) -> str:
    parts = [f"in force {row.entry_into_force.isoformat()}" if row.entry_into_force else "no entry into force"]
    if row.withdrawal_effective:
        parts.append(f"withdrawal effective {row.withdrawal_effective.isoformat()}")
    return ", ".join(parts)


def _withdrawal_day(row: StateParty, standing: Standing) -> date | None:
    """The day a withdrawal took effect, from the register's row or else from the status events."""
    if row.withdrawal_effective is not None:
        return row.withdrawal_effective
    days = [day for day in (e.effective for e in standing.events) if day is not None]
    return min(days) if days and standing.bound is False else None


def _withdrawal_clause(row: StateParty, standing: Standing) -> str:
    if row.withdrawal_effective is not None:
        return f", and its withdrawal took effect only on {_day(row.withdrawal_effective)}"
    if standing.events:
        return f"; {standing.basis}"
    withdrawals = [e for e in row.events if e.kind == EventKind.WITHDRAWAL_NOTIFIED and not row.correction_note]
    if withdrawals:
        return f", and its notified withdrawal ({withdrawals[0].describe()}) had not yet taken effect"
    return ", and no withdrawal is recorded"


# --- Claims and decisions ----------------------------------------------------------------------


def _claim_applies(claim: ClaimFacts, visit: VisitFacts) -> bool:
    if claim.holder_id == visit.id:
        return True
    return claim.holder_id == visit.state_id and claim.person_id in (None, visit.person_id)


def _claim_key(claim: ClaimFacts) -> tuple[str, str, bool, PartialDate, str]:
    return claim.kind.value, claim.article, claim.date is None, claim.date or PartialDate(1), claim.id


def _decision_key(decision: DecisionFacts) -> tuple[bool, PartialDate, str, str]:
    return decision.date is None, decision.date or PartialDate(1), decision.source_id, decision.link_id


def claim_step(claim: ClaimFacts) -> Step:
    """A claim is noted with Art. 27 and never clears the finding: whether it succeeds is for the Court."""
    # "(… unconfirmed.)." would end twice: the note's own full stop goes inside the sentence's.
    note = f" ({claim.note.strip().rstrip('.')})" if claim.note.strip() else ""
    if claim.kind == ClaimKind.CONSULTATION:
        text = (
            f"Noted: the case records a request for consultations under Art. 97: {claim.text}{note}. Consultations "
            "serve to resolve problems with executing a request; they do not suspend the duty, and under Art. 27 "
            "official capacity is no bar before the Court. The finding stands."
        )
        articles = ("97", "27")
    else:
        text = (
            f"Noted: the case records an immunity claim: {claim.text}{note}. Under Art. 27(2), immunities attaching "
            "to a person's official capacity do not bar the Court from exercising its jurisdiction; whether Art. 98 "
            "applies is for the Court to decide. The claim does not clear the finding."
        )
        articles = ("98", "27(2)")
    return Step(text, StepResult.NOTE, (cite_record(claim.id, claim.text), *(cite_article(a) for a in articles)))


def describe_decision(decision: DecisionFacts) -> str:
    date_text = decision.date.display() if decision.date else ""
    details = ", ".join(p for p in (decision.body, date_text, decision.reference) if p)
    return f"{decision.title} ({details})" if details else decision.title


def decision_step(decision: DecisionFacts, status: FindingStatus) -> Step:
    note = f" Note: {decision.note}" if decision.note else ""
    link = cite_record(decision.link_id, f"the link '{decision.link_kind}' to this visit")
    cites = (cite_record(decision.source_id, decision.title), link)
    if status == FindingStatus.RAISED:
        text = f"Confirmed by {describe_decision(decision)}, linked to this visit as '{decision.link_kind}'.{note}"
        return Step(text, StepResult.HOLDS, cites)
    text = (
        f"The case links a court decision to this visit: {describe_decision(decision)}, as "
        f"'{decision.link_kind}'. It may settle what the records here leave open.{note}"
    )
    return Step(text, StepResult.NOTE, cites)


def _tail(context: _Context) -> tuple[Step, ...]:
    """Claims and decisions, which follow the conditions on any finding that is not dismissed."""
    if context.status == FindingStatus.NOT_RAISED:
        return ()
    claims = tuple(claim_step(c) for c in context.claims)
    decisions = tuple(decision_step(d, context.status) for d in context.decisions)
    rulings = tuple(ruling_step(p, context.status) for p in context.rulings)
    return claims + decisions + rulings + _precedents_step(context)


def cite_precedent(precedent: Precedent) -> Citation:
    """A shipped precedent is a reference row; one the analyst added is a record of the case, opened by its id."""
    label = f"ICC precedent: {precedent.describe()}"
    if precedent.record_id:
        return Citation(CitationKind.RECORD, label, precedent.record_id, precedent.source, precedent=precedent)
    source = f"{precedent.source} (verification: {precedent.verification})"
    return Citation(
        CitationKind.PRECEDENT, label, None, source, verification=precedent.verification, precedent=precedent
    )


def ruling_step(precedent: Precedent, status: FindingStatus) -> Step:
    """The Court's own decision on this visit, from the reference data: it confirms a raised finding."""
    found = precedent.outcome in NON_COMPLIANCE
    if status == FindingStatus.RAISED and found:
        text = f"Confirmed by the Court's decision on this visit: {precedent.describe()}. {precedent.summary}"
        return Step(text, StepResult.HOLDS, (cite_precedent(precedent),))
    text = f"The Court decided on this visit: {precedent.describe()}. {precedent.summary}"
    return Step(text, StepResult.NOTE, (cite_precedent(precedent),))


def _precedents_step(context: _Context) -> tuple[Step, ...]:
    """A raised finding lists the comparable decisions, with their outcomes and references."""
    if context.status != FindingStatus.RAISED or not context.precedents:
        return ()
    listed = "; ".join(p.describe() for p in context.precedents)
    text = (
        "Comparable decisions of the Court on States that did not arrest a visiting person under warrant "
        f"(the same person's and the same host state's first): {listed}."
    )
    return (Step(text, StepResult.NOTE, tuple(cite_precedent(p) for p in context.precedents)),)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- The findings ------------------------------------------------------------------------------


def _visit_step(visit: VisitFacts) -> Step:
    text = f"Visit: {visit.label}. The conditions are assessed on the visit's first day ({visit.start.display()})."
    return Step(text, StepResult.NOTE, (cite_record(visit.id, visit.label),))


def _when(context: _Context) -> str:
    return (context.decided_on or context.visit.start).display()


def _by_day_steps(context: _Context) -> tuple[Step, ...]:
    if not context.by_day:
        return ()
    text = (
        "The warrant's or the state's status changed during the visit, so it is assessed day by day: "
        f"{'; '.join(context.by_day)}. The conditions below are those of {_when(context)}, the first "
        "day that decides the finding."
    )
    return (Step(text, StepResult.NOTE, (cite_record(context.visit.id, context.visit.label),)),)


def _duty_headline(status: FindingStatus, outcome: Outcome) -> str:
    articles = "(Arts 59(1), 86, 89(1))"
    if status == FindingStatus.RAISED:
        unknown = "; outcome unknown" if outcome == Outcome.UNKNOWN else ""
        return f"Arrest and surrender duty engaged{unknown} {articles}"
    if status == FindingStatus.UNDETERMINED:
        return f"Arrest and surrender duty {articles}: undetermined"
    return f"Arrest and surrender duty {articles}: not raised"


def _duty_finding(context: _Context, warrants: _Check, state: _Check) -> Finding:
    visit, status = context.visit, context.status
    steps = [_visit_step(visit), *_by_day_steps(context), *warrants.steps, *state.steps]
    if status == FindingStatus.RAISED:
        steps += [_engaged_step(visit), _outcome_step(visit)]
        reason = (
            f"{visit.person_name} was the subject of an ICC warrant in effect, and {visit.state_name} was bound "
            f"by the Rome Statute, {on(context.decided_on or visit.start)}."
        )
    else:
        wanted = StepResult.FAILS if status == FindingStatus.NOT_RAISED else StepResult.UNDETERMINED
        reasons = [r for check in (warrants, state) if check.result == wanted for r in check.reasons]
        reason = _cap("; ".join(reasons)) + "."
    if context.by_day:
        reason += f" Assessed day by day: {'; '.join(context.by_day)}."
    steps += _tail(context)
    return _finding(context, FindingCode.DUTY_ENGAGED, _duty_headline(status, visit.outcome), reason, tuple(steps))


def _engaged_step(visit: VisitFacts) -> Step:
    text = (
        f"Both conditions hold, so {visit.state_name}'s duty to arrest and surrender {visit.person_name} was "
        "engaged: a State Party that has received a request for arrest and surrender shall immediately take steps "
        "to arrest the person (Art. 59(1)), shall cooperate fully with the Court (Art. 86), and shall comply with "
        "requests for arrest and surrender (Art. 89(1))."
    )
    return Step(text, StepResult.HOLDS, tuple(cite_article(a) for a in DUTY_ARTICLES))


def _outcome_step(visit: VisitFacts) -> Step:
    cites = (cite_record(visit.id, visit.label),)
    if visit.outcome == Outcome.ARRESTED:
        return Step(f"The visit records that {visit.person_name} was arrested.", StepResult.NOTE, cites)
    if visit.outcome == Outcome.NOT_ARRESTED:
        text = f"The visit records that {visit.person_name} was not arrested; see the finding under Art. 87(7)."
        return Step(text, StepResult.NOTE, cites)
    text = f"The visit records no outcome: whether {visit.person_name} was arrested is unknown."
    return Step(text, StepResult.UNDETERMINED, cites)


def _confirmations(context: _Context) -> str:
    """The decisions that confirm non-compliance: those the case links, then the Court's rulings on the visit."""
    found = [describe_decision(d) for d in context.decisions]
    found += [p.describe() for p in context.rulings if p.outcome in NON_COMPLIANCE]
    return "; ".join(found)


def _art_87_7_step(context: _Context) -> Step:
    """Art. 87(7), element by element, and the decision that confirms it when the case links one."""
    visit = context.visit
    text = (
        "Art. 87(7) has these elements: (1) a State Party (2) failed to comply with a request by the Court to "
        "cooperate, here the request for the arrest and surrender of "
        f"{visit.person_name}, (3) contrary to the provisions of the Statute, (4) thereby preventing the Court from "
        "exercising its functions and powers under the Statute. The Court may then make a finding to that effect "
        "and refer the matter to the Assembly of States Parties, or to the Security Council where it referred the "
        "situation."
    )
    if context.status == FindingStatus.RAISED and _confirmations(context):
        text += f" The Court's finding: {_confirmations(context)}."
    else:
        text += " Whether there was such a failure is for the Court to decide; this is a potential non-compliance."
    return Step(text, StepResult.NOTE, (cite_article("87(7)"),))


def _non_compliance_finding(context: _Context, duty: Finding) -> Finding:
    visit = context.visit
    if context.status == FindingStatus.RAISED:
        headline = "Potential non-compliance (Art. 87(7))"
        reason = f"The duty was engaged and {visit.person_name} was not arrested."
        if context.by_day:  # the days on which the state failed to arrest are those on which the duty held
            reason += f" Assessed day by day: {'; '.join(context.by_day)}."
        if _confirmations(context):
            reason += f" Confirmed by {_confirmations(context)}."
    else:
        headline = "Potential non-compliance (Art. 87(7)): undetermined"
        reason = f"{visit.person_name} was not arrested, but whether the duty was engaged is undetermined."
    return _finding(context, FindingCode.NON_COMPLIANCE, headline, reason, _non_compliance_steps(context, duty))


def _non_compliance_steps(context: _Context, duty: Finding) -> tuple[Step, ...]:
    visit, raised = context.visit, context.status == FindingStatus.RAISED
    on_visit = cite_record(visit.id, visit.label)
    # The duty finding names a case correction it rests on; this one rests on the duty, so it names it too.
    fixes = [
        e.correction for e in context.status_events if e.correction and any(e.correction in t.text for t in duty.steps)
    ]
    rests = f" It rests on a {'; '.join(dict.fromkeys(fixes))}." if fixes else ""
    duty_step = Step(
        f"The arrest and surrender duty was engaged (see the finding above).{rests}"
        if raised
        else f"Whether the arrest and surrender duty was engaged is undetermined: {duty.reason}",
        StepResult.HOLDS if raised else StepResult.UNDETERMINED,
        (on_visit, *(cite_article(a) for a in DUTY_ARTICLES)),
    )
    outcome = Step(f"The visit records that {visit.person_name} was not arrested.", StepResult.HOLDS, (on_visit,))
    return (duty_step, outcome, _art_87_7_step(context), *_tail(context))


def _finding(context: _Context, code: FindingCode, headline: str, reason: str, steps: tuple[Step, ...]) -> Finding:
    visit = context.visit
    raised = context.status == FindingStatus.RAISED
    return Finding(
        code, context.status, headline, visit.id, visit.label, reason, steps,
        context.warrant_ids, context.claims, context.decisions, context.rulings,
        context.precedents if raised else (), context.status_events,
    )  # fmt: skip


__all__ = [
    "DUTY_ARTICLES",
    "REGISTER_SOURCE",
    "CaseFacts",
    "Citation",
    "CitationKind",
    "ClaimFacts",
    "ClaimKind",
    "DecisionFacts",
    "Finding",
    "FindingCode",
    "FindingStatus",
    "Outcome",
    "Step",
    "StepResult",
    "VisitFacts",
    "WarrantFacts",
    "WarrantStatus",
    "assess",
    "assess_visit",
    "check_state",
    "check_warrant",
    "check_warrants",
    "cite_article",
    "cite_record",
    "claim_step",
    "decision_step",
    "describe_decision",
    "is_icc_issuer",
    "on",
]
