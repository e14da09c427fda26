"""The dossier's Precedents annex, and the short mentions that point into it from the findings.

The annex lists each precedent a finding of this dossier cites (court, date, reference, person, state,
claim kind, outcome, verification, sources), numbered P1, P2, … in the order the findings first cite
them. In the body a precedent is then named briefly with its number ("see Precedents annex, P3")
instead of in full with its summary. Every string goes through the dossier's redaction (`ctx.text`).
The precedents come from the findings, which get them through `services.findings.precedents_for_case`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from casefile.domain.compliance import Finding
from casefile.domain.compliance_model import cited_precedents
from casefile.domain.dates import PartialDate
from casefile.domain.dossier import Entry, Group, Item, Ref, Section, SectionContent
from casefile.domain.precedents import OUTCOME_WORDS, Precedent
from casefile.services.dossier_context import DossierContext, labelled

# The reference data does not say which claims (immunity, Art. 97 consultations, Art. 98) a decision dealt with.
CLAIM_KIND_UNKNOWN = "not recorded in the reference data (see the summary)"


def precedent_anchor(number: int) -> str:
    return f"precedent-{number}"


def numbered(findings: Sequence[Finding]) -> dict[Precedent, int]:
    """Each cited precedent and its number in the annex: P1 is the first one a finding cites."""
    return {p: n for n, p in enumerate(cited_precedents(findings), 1)}


def annex_ref(number: int) -> Ref:
    return Ref(f"Precedents annex, P{number}", precedent_anchor(number), Section.PRECEDENTS)


def short_mention(precedent: Precedent, number: int) -> str:
    """'Pre-Trial Chamber II, 6 July 2017, ICC-02/05-01/09-302 (Al-Bashir in South Africa; see Precedents annex,
    P1)': the outcome, summary and sources are left to the annex; the reference stays, so a confirmed finding
    still names it."""
    parts = [precedent.chamber, _day(precedent.decision_date), precedent.reference]
    return f"{', '.join(p for p in parts if p)} ({precedent.whose()}; see Precedents annex, P{number})"


def _day(value: date | None) -> str:
    return PartialDate.from_date(value).display() if value else ""


def shorten(text: str, numbers: dict[Precedent, int]) -> str:
    """A finding's words with each precedent named briefly, its summary left to the annex."""
    for precedent, number in numbers.items():
        if precedent.summary:
            text = text.replace(f". {precedent.summary}", ".")
        text = text.replace(precedent.describe(), short_mention(precedent, number))
    return text


def precedents_annex(ctx: DossierContext, findings: Sequence[Finding]) -> SectionContent:
    numbers = numbered(findings)
    if not numbers:
        return SectionContent(Section.PRECEDENTS, "No finding of this dossier cites a precedent.")
    entries = tuple(_entry(ctx, p, n, _citing(findings, p)) for p, n in numbers.items())
    intro = (
        "The decisions of the Court that the findings cite: its decisions on the visits assessed, and comparable "
        "decisions on States that did not arrest a visiting person under warrant. From the precedents shipped "
        "with Casefile; each row keeps its sources and how far it was verified."
    )
    return SectionContent(Section.PRECEDENTS, intro, (Group("", "precedents-all", entries),))


def _citing(findings: Sequence[Finding], precedent: Precedent) -> tuple[int, ...]:
    return tuple(
        i for i, f in enumerate(findings) if any(c.precedent == precedent for s in f.steps for c in s.citations)
    )


def _entry(ctx: DossierContext, precedent: Precedent, number: int, citing: tuple[int, ...]) -> Entry:
    t = ctx.text
    visit = _visit_dates(precedent)
    items = (
        *labelled(
            ("Court", t(precedent.chamber)),
            ("Date", _day(precedent.decision_date) or "not found"),
            ("Reference", t(precedent.reference) or "not found"),
            ("Person", t(precedent.person)),
            ("State", t(f"{precedent.host_state} ({precedent.iso2}), visit {visit}")),
            ("Claim kind", CLAIM_KIND_UNKNOWN),
            ("Outcome", OUTCOME_WORDS[precedent.outcome]),
            ("Summary", t(precedent.summary)),
            ("Verification", t(precedent.verification)),
            ("Sources", t("; ".join(s.strip() for s in precedent.source.split(" ; ") if s.strip()))),
        ),
        Item("Cited by", "", tuple(Ref(f"Finding {i + 1}", f"finding-{i}", Section.COMPLIANCE) for i in citing)),
    )
    heading = t(f"P{number}. {precedent.chamber}: {precedent.person} in {precedent.host_state}")
    return Entry(precedent_anchor(number), heading, "", items)


def _visit_dates(precedent: Precedent) -> str:
    if precedent.visit_start is None:
        return "dates not found"
    if precedent.visit_end and precedent.visit_end != precedent.visit_start:
        return f"{_day(precedent.visit_start)} to {_day(precedent.visit_end)}"
    return _day(precedent.visit_start)
