"""The compliance findings of a case: reads its records and hands plain facts to the domain analysis.

How the case's records become the analysis's facts:

- **ICC warrants.** A warrant counts as the International Criminal Court's when its issuing
  organisation's record is marked "ICC organ" (schema revision 3; the upgrade set it from the
  old name rule, so existing findings did not change). Any other issuer's warrant, such as a
  national court's, is explained and set aside; a warrant with no issuer recorded leaves the
  finding undetermined.
- **Art. 97 consultations and immunity claims.** A live link between the visit, or the visit's
  host state, and another record is a claim when
  1. the other record is Art. 97 of the Rome Statute (any paragraph): a request for consultations;
  2. the other record is Art. 98 of the Rome Statute (any paragraph): an immunity claim;
  3. otherwise, the link's kind mentions "immunity" (an immunity claim, e.g. head-of-state
     immunity) or "consultation" (a request for consultations).
  Either direction counts, since a link is visible from both ends. A claim recorded against the
  host state is noted on every visit to that state, unless its other end is a person, in which
  case it is noted only on that person's visits. Claims are noted, never decisive.
- **Confirming decisions.** A source of kind "court_decision" linked to the visit, in either
  direction and by any kind of link. Its date is the link's date, or else the source's
  publication date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from sqlalchemy.orm import Session

from casefile.domain.articles import ROME_STATUTE, ArticleRef
from casefile.domain.compliance import (
    CaseFacts,
    Citation,
    CitationKind,
    ClaimFacts,
    ClaimKind,
    DecisionFacts,
    Finding,
    Outcome,
    VisitFacts,
    WarrantFacts,
    WarrantStatus,
    assess,
)
from casefile.domain.compliance_model import icc_document_number
from casefile.domain.dates import PartialDate, parse_optional
from casefile.domain.errors import ValidationError
from casefile.domain.kinds import Kind
from casefile.domain.precedents import Precedent
from casefile.reference import statute_text
from casefile.services import parties, records
from casefile.services.labels import labels
from casefile.services.links import LinkEnd, links_of
from casefile.services.precedents import case_and_bundled_precedents
from casefile.services.results import RecordData

COURT_DECISION = "court_decision"


def findings_for_case(session: Session) -> list[Finding]:
    """Every compliance finding of the case, visit by visit, each article cited with its own words."""
    return [with_statute_text(f) for f in assess(case_facts(session))]


def case_articles(session: Session) -> dict[str, str]:
    """The case's own Rome Statute articles, number ('87(7)') -> record id: a finding's article opens there."""
    found: dict[str, str] = {}
    for row in sorted(records.list_records(session, Kind.ARTICLE), key=lambda r: (r.created, r.id)):
        if (row["instrument"] or ROME_STATUTE) != ROME_STATUTE:
            continue
        try:
            found.setdefault(str(ArticleRef.parse(str(row["number"] or ""))), row.id)
        except ValidationError:
            continue  # a number the check reports elsewhere; the finding's article then opens the shipped text
    return found


def with_statute_text(finding: Finding) -> Finding:
    """Each article a step cites carries the Statute's text of the paragraph it names."""
    steps = tuple(replace(s, citations=tuple(_worded(c) for c in s.citations)) for s in finding.steps)
    return replace(finding, steps=steps)


def _worded(citation: Citation) -> Citation:
    if citation.kind != CitationKind.ARTICLE or citation.text:
        return citation
    words = statute_text(citation.article or citation.label.removeprefix("Art. "))
    if words is None:
        return citation
    return replace(citation, text=f"Art. {words.reference} ({words.title}): {words.text}")


def case_facts(session: Session) -> CaseFacts:
    """The plain facts the analysis needs, read through the services."""
    visit_rows = records.list_records(session, Kind.VISIT)
    warrant_rows = records.list_records(session, Kind.WARRANT)
    names = _names(session, visit_rows, warrant_rows)
    states = {r["state"]: records.get(session, r["state"]) for r in visit_rows}
    visits = tuple(_visit(r, names, states[r["state"]]) for r in visit_rows)
    organs = _icc_organs(session, warrant_rows)
    warrants = tuple(_warrant(r, names, organs) for r in warrant_rows)
    claims = _claims(session, visits)
    decisions = tuple(d for v in visits for d in _decisions(session, v))
    return CaseFacts(visits, warrants, parties.register(session), claims, decisions, precedents_for_case(session))


def precedents_for_case(session: Session) -> tuple[Precedent, ...]:
    """The precedents a case's findings compare with: the shipped ones, then the case's own. The one
    place through which the findings, the Precedents panel and the dossier's Precedents annex get them."""
    return case_and_bundled_precedents(session)


def _names(session: Session, visits: list[RecordData], warrants: list[RecordData]) -> dict[str, str]:
    ids = [r[f] for r in visits for f in ("person", "state")]
    ids += [r[f] for r in warrants for f in ("subject", "issuer") if r[f]]
    return {rid: label.text for rid, label in labels(session, ids).items()}


def _visit(row: RecordData, names: dict[str, str], state: RecordData) -> VisitFacts:
    return VisitFacts(
        id=row.id,
        person_id=row["person"],
        person_name=names.get(row["person"], "an unnamed person"),
        state_id=state.id,
        state_name=state["name"],
        iso2=state["iso2"],
        start=PartialDate.parse(row["start"], "start"),
        end=parse_optional(row["end"], "end"),
        place=row["place"] or "",
        outcome=Outcome(row["outcome"] or Outcome.UNKNOWN),
    )


def _icc_organs(session: Session, warrants: list[RecordData]) -> dict[str, bool]:
    """Each issuer's 'ICC organ' field: the record, not its name, says whether it is the Court."""
    issuers = {r["issuer"] for r in warrants if r["issuer"]}
    return {i: bool(records.get(session, i)["icc_organ"]) for i in sorted(issuers)}


def _warrant(row: RecordData, names: dict[str, str], organs: dict[str, bool]) -> WarrantFacts:
    issuer = row["issuer"]
    return WarrantFacts(
        id=row.id,
        subject_id=row["subject"],
        subject_name=names.get(row["subject"], "an unnamed person"),
        issued=PartialDate.parse(row["issued"], "issued"),
        issuer_id=issuer,
        issuer_name=names.get(issuer, "") if issuer else "",
        reference=row["reference"] or "",
        status=WarrantStatus(row["status"] or WarrantStatus.OUTSTANDING),
        status_date=parse_optional(row["status_date"], "status_date"),
        sealed=bool(row["sealed"]),
        issuer_icc_organ=organs.get(issuer, False) if issuer else None,
    )


def _claims(session: Session, visits: Iterable[VisitFacts]) -> tuple[ClaimFacts, ...]:
    """Claims recorded against each visit, then against each host state; a link counts once."""
    holders = [(v.id, v.label) for v in visits]
    holders += sorted({(v.state_id, v.state_name) for v in visits})
    found: dict[str, ClaimFacts] = {}
    for holder_id, holder_name in holders:
        for end in links_of(session, holder_id):
            if end.link_id not in found and (claim := _claim(session, holder_id, holder_name, end)):
                found[end.link_id] = claim
    return tuple(found.values())


def _claim(session: Session, holder_id: str, holder_name: str, end: LinkEnd) -> ClaimFacts | None:
    article = _rome_article(session, end) if end.other_kind == Kind.ARTICLE else ""
    kind = _claim_kind(article, end.kind)
    if kind is None:
        return None
    ends = (holder_name, end.other_label) if end.direction == "outgoing" else (end.other_label, holder_name)
    return ClaimFacts(
        id=end.link_id,
        kind=kind,
        holder_id=holder_id,
        # A link kind is a verb phrase: "Mongolia claimed immunity under Art. 98".
        text=f"{ends[0]} {end.kind} {ends[1]}",
        article=article,
        person_id=end.other_id if end.other_kind == Kind.PERSON else None,
        note=end.note or "",
        date=parse_optional(end.date, "date"),
    )


def _claim_kind(article: str, link_kind: str) -> ClaimKind | None:
    wording = link_kind.casefold()
    if article == "97":
        return ClaimKind.CONSULTATION
    if article == "98" or "immunit" in wording:
        return ClaimKind.IMMUNITY
    return ClaimKind.CONSULTATION if "consultation" in wording else None


def _rome_article(session: Session, end: LinkEnd) -> str:
    """The article number ('97') when the linked article is one of the Rome Statute; empty otherwise."""
    values = records.get(session, end.other_id).values
    if (values.get("instrument") or ROME_STATUTE) != ROME_STATUTE:
        return ""
    return ArticleRef.parse(values["number"]).article


def _decisions(session: Session, visit: VisitFacts) -> list[DecisionFacts]:
    decisions = []
    for end in links_of(session, visit.id):
        if end.other_kind != Kind.SOURCE:
            continue
        source = records.get(session, end.other_id)
        if source["kind"] == COURT_DECISION:
            decisions.append(_decision(session, visit, end, source.values))
    return decisions


def _decision(session: Session, visit: VisitFacts, end: LinkEnd, source: dict[str, Any]) -> DecisionFacts:
    outlet = source.get("outlet")
    body = labels(session, [outlet])[outlet].text if outlet else ""
    return DecisionFacts(
        source_id=end.other_id,
        link_id=end.link_id,
        visit_id=visit.id,
        title=source["title"],
        link_kind=end.kind,
        body=body,
        date=parse_optional(end.date, "date") or parse_optional(source.get("published"), "published"),
        note=end.note or "",
        reference=icc_document_number(source["title"], source.get("notes") or "", end.note or ""),
    )
