"""The data of the compliance analysis: the facts it reads and the findings, steps and citations it gives."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from casefile.domain.dates import PartialDate, Precision
from casefile.domain.parties import PartyRegister
from casefile.domain.party_status import StatusEvent
from casefile.domain.precedents import NON_COMPLIANCE, Precedent

REGISTER_SOURCE = "ICC States Parties reference data shipped with Casefile (icc_states_parties.csv)"
DUTY_ARTICLES = ("59(1)", "86", "89(1)")

# Word-bounded so that an outlet named, say, "Micco News" is not taken for the Court.
_ICC_NAME = re.compile(r"\bICC\b|\bInternational Criminal Court\b", re.IGNORECASE)


# An ICC document number: situation/case, then the filing's number (ICC-02/05-01/09-302).
_ICC_DOCUMENT = re.compile(r"\bICC-\d{2}/\d{2}(?:-\d{2}/\d{2})?-\d+(?:-[A-Za-z]+)?\b")


def icc_document_number(*texts: str) -> str:
    """The first ICC document number in the texts, or empty."""
    for text in texts:
        if found := _ICC_DOCUMENT.search(text or ""):
            return found.group(0)
    return ""


def is_icc_issuer(name: str) -> bool:
    """An issuing body counts as the ICC when its name contains 'ICC' or 'International Criminal Court'."""
    return bool(_ICC_NAME.search(name))


class FindingCode(StrEnum):
    DUTY_ENGAGED = "duty_engaged"
    NON_COMPLIANCE = "potential_non_compliance"


class FindingStatus(StrEnum):
    RAISED = "raised"
    UNDETERMINED = "undetermined"
    NOT_RAISED = "not_raised"


class StepResult(StrEnum):
    """What one step of the reasoning established; NOTE steps inform without deciding."""

    HOLDS = "holds"
    FAILS = "fails"
    UNDETERMINED = "undetermined"
    NOTE = "note"


class CitationKind(StrEnum):
    RECORD = "record"
    REFERENCE = "reference"  # a row of the shipped reference data: the States Parties register, a status event
    PRECEDENT = "precedent"  # a decision of the Court on another state's non-arrest (or on this visit)
    ARTICLE = "article"


class Outcome(StrEnum):
    ARRESTED = "arrested"
    NOT_ARRESTED = "not_arrested"
    UNKNOWN = "unknown"


class WarrantStatus(StrEnum):
    OUTSTANDING = "outstanding"
    EXECUTED = "executed"
    WITHDRAWN = "withdrawn"
    VACATED = "vacated"
    OTHER = "other"


class ClaimKind(StrEnum):
    CONSULTATION = "consultation"  # Art. 97
    IMMUNITY = "immunity"  # Art. 98, or head-of-state immunity however worded


@dataclass(frozen=True)
class Citation:
    """What a step rests on: a record of the case, a reference-data row with its source, a precedent or an article.

    Besides its words, a citation carries what it points at, so that the Findings panel can open it and
    `casefile findings --json` can hand it to another tool: the record's id, the status event or the
    precedent itself, or the article reference ('87(7)').
    """

    kind: CitationKind
    label: str
    record_id: str | None = None
    source: str = ""
    text: str = ""  # an article's own words, down to the paragraph cited, when the statute text has them
    article: str = ""  # the reference an article citation names: '87(7)'
    verification: str = ""  # a reference row's or precedent's verification, as the reference data says
    event: StatusEvent | None = None
    precedent: Precedent | None = None


def cite_record(record_id: str, label: str) -> Citation:
    return Citation(CitationKind.RECORD, label, record_id)


def cite_article(number: str) -> Citation:
    return Citation(CitationKind.ARTICLE, f"Art. {number}", source="Rome Statute", article=number)


@dataclass(frozen=True)
class Step:
    text: str
    result: StepResult
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class WarrantFacts:
    id: str
    subject_id: str
    subject_name: str
    issued: PartialDate
    issuer_id: str | None = None
    issuer_name: str = ""
    reference: str = ""
    status: WarrantStatus = WarrantStatus.OUTSTANDING
    status_date: PartialDate | None = None
    sealed: bool = False
    # What the issuer's record says; None only for facts built without it, where the name rule stands in.
    issuer_icc_organ: bool | None = None

    @property
    def issuer_is_icc(self) -> bool:
        if self.issuer_icc_organ is not None:
            return self.issuer_icc_organ
        return is_icc_issuer(self.issuer_name)

    @property
    def label(self) -> str:
        ref = f" (ref. {self.reference})" if self.reference else ""
        return f"the warrant for {self.subject_name} issued {on(self.issued)}{ref}"


@dataclass(frozen=True)
class VisitFacts:
    id: str
    person_id: str
    person_name: str
    state_id: str
    state_name: str
    iso2: str
    start: PartialDate
    end: PartialDate | None = None
    place: str = ""
    outcome: Outcome = Outcome.UNKNOWN

    @property
    def label(self) -> str:
        where = f"{self.state_name} ({self.place})" if self.place else self.state_name
        span = self.start.display()
        if self.end is not None and self.end != self.start:
            span += f" to {self.end.display()}"
        return f"{self.person_name} in {where}, {span}"


@dataclass(frozen=True)
class ClaimFacts:
    """An Art. 97 consultation or an immunity claim, recorded against a host state or a visit."""

    id: str  # the record that holds it (usually a link)
    kind: ClaimKind
    holder_id: str  # the state or the visit it is recorded against
    text: str  # how the case words it: "Mongolia — claimed immunity under — Art. 98"
    article: str = ""  # "97", "98", or empty for a claim worded without an article
    person_id: str | None = None  # set when the claim names the person it concerns
    note: str = ""
    date: PartialDate | None = None


@dataclass(frozen=True)
class DecisionFacts:
    """A court decision the case links to a visit."""

    source_id: str
    link_id: str
    visit_id: str
    title: str
    link_kind: str
    body: str = ""  # the court or chamber that gave it, when recorded
    date: PartialDate | None = None
    note: str = ""
    reference: str = ""  # the ICC document number, e.g. ICC-02/05-01/09-302, when the case records one


@dataclass(frozen=True)
class CaseFacts:
    visits: tuple[VisitFacts, ...]
    warrants: tuple[WarrantFacts, ...]
    register: PartyRegister
    claims: tuple[ClaimFacts, ...] = ()
    decisions: tuple[DecisionFacts, ...] = ()
    precedents: tuple[Precedent, ...] = ()  # the ICC's decisions on non-arrest, from the reference data


@dataclass(frozen=True)
class Finding:
    code: FindingCode
    status: FindingStatus
    headline: str
    visit_id: str
    visit_label: str
    reason: str  # one sentence: why it is raised, undetermined or not raised
    steps: tuple[Step, ...]
    warrant_ids: tuple[str, ...] = ()  # the warrants found in effect
    claims: tuple[ClaimFacts, ...] = ()
    decisions: tuple[DecisionFacts, ...] = ()
    rulings: tuple[Precedent, ...] = ()  # the Court's own decisions on this visit, from the reference data
    precedents: tuple[Precedent, ...] = ()  # comparable decisions on other visits, listed on a raised finding
    status_events: tuple[StatusEvent, ...] = ()  # the host state's party-status events, verified or not

    @property
    def confirmed(self) -> bool:
        found = any(p.outcome in NON_COMPLIANCE for p in self.rulings)
        return self.status == FindingStatus.RAISED and (bool(self.decisions) or found)


def on(when: PartialDate) -> str:
    """'on 2 September 2024', 'in September 2024' or 'in 2024', as a date's precision allows."""
    return f"on {when.display()}" if when.precision == Precision.DAY else f"in {when.display()}"


def cited_precedents(findings: Iterable[Finding]) -> tuple[Precedent, ...]:
    """Every precedent the findings' steps cite, in the order first cited: the dossier's Precedents annex."""
    found: dict[Precedent, None] = {}
    for finding in findings:
        for step in finding.steps:
            for citation in step.citations:
                if citation.precedent is not None:
                    found.setdefault(citation.precedent)
    return tuple(found)
