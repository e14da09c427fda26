"""`casefile findings PATH [--json]`: the compliance findings of a case, each with its reasoning."""

from __future__ import annotations

import argparse
import json
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

from casefile.cli import output
from casefile.domain.compliance import (
    Citation,
    CitationKind,
    ClaimFacts,
    DecisionFacts,
    Finding,
    FindingStatus,
    Step,
    describe_decision,
)
from casefile.domain.party_status import StatusEvent
from casefile.domain.precedents import Precedent
from casefile.jobs.reading import reading
from casefile.services import case
from casefile.services.findings import findings_for_case

JSON_FORMAT = "casefile-findings/1"
WIDTH = 100
STATUS_WORDS = {
    FindingStatus.RAISED: "RAISED",
    FindingStatus.UNDETERMINED: "UNDETERMINED",
    FindingStatus.NOT_RAISED: "NOT RAISED",
}


def add_to(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "findings",
        help="show the compliance findings for every visit",
        description="For every visit in the case, decide whether the host state's duty to arrest and surrender "
        "was engaged (Arts 59(1), 86, 89(1)) and whether there is a potential non-compliance (Art. 87(7)), "
        "with the reasoning step by step and what each step rests on. The file is opened read-only.",
    )
    parser.add_argument("path", metavar="PATH", type=Path, help="a case file")
    parser.add_argument("--json", action="store_true", help=f"print one machine-readable JSON document ({JSON_FORMAT})")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with reading(args.path, allow_newer=True, name_bad_values=True) as opened:
        title = str(case.the_case(opened.session)["title"])
        findings = findings_for_case(opened.session)
    if args.json:
        output.say(json.dumps(document(title, findings), ensure_ascii=False, indent=2))
    else:
        for line in text_lines(title, findings):
            output.say(line)
    return 0


# --- JSON --------------------------------------------------------------------------------------


def document(title: str, findings: list[Finding]) -> dict[str, Any]:
    """The --json document: the same findings, in the same order, as plain JSON values."""
    return {"format": JSON_FORMAT, "case": {"title": title}, "findings": [_finding_json(f) for f in findings]}


def _finding_json(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code.value,
        "status": finding.status.value,
        "headline": finding.headline,
        "visit": {"id": finding.visit_id, "label": finding.visit_label},
        "reason": finding.reason,
        "confirmed": finding.confirmed,
        "warrants": list(finding.warrant_ids),
        "claims": [_claim_json(c) for c in finding.claims],
        "decisions": [_decision_json(d) for d in finding.decisions],
        "rulings": [_precedent_json(p) for p in finding.rulings],
        "precedents": [_precedent_json(p) for p in finding.precedents],
        "status_events": [_event_json(e) for e in finding.status_events],
        "steps": [_step_json(s) for s in finding.steps],
    }


def _precedent_json(precedent: Precedent) -> dict[str, Any]:
    return {
        "person": precedent.person,
        "host_state": precedent.host_state,
        "iso2": precedent.iso2,
        "visit_start": _iso(precedent.visit_start),
        "visit_end": _iso(precedent.visit_end),
        "decision_date": _iso(precedent.decision_date),
        "chamber": precedent.chamber,
        "reference": precedent.reference or None,
        "outcome": precedent.outcome.value,
        "summary": precedent.summary,
        "source": precedent.source,
        "verification": precedent.verification,
        "claim": precedent.claim or None,
        # A precedent the analyst added to this case: its record id and who added it.
        "case_record": precedent.record_id,
        "recorded_by": precedent.recorded_by or None,
    }


def _event_json(event: StatusEvent) -> dict[str, Any]:
    return {
        "iso2": event.iso2,
        "state": event.state,
        "event": event.kind.value,
        "date": _iso(event.date),
        "effective_date": _iso(event.effective),
        "verification": event.verification,
        "source": event.source,
        "disputed": event.disputed,
        # "case correction by <analyst>, source <...>" when this case corrected the event; its records' ids.
        "case_correction": event.correction or None,
        "correction_records": list(event.correction_ids),
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _claim_json(claim: ClaimFacts) -> dict[str, Any]:
    return {
        "id": claim.id,
        "kind": claim.kind.value,
        "article": claim.article or None,
        "text": claim.text,
        "note": claim.note or None,
        "date": claim.date.iso() if claim.date else None,
    }


def _decision_json(decision: DecisionFacts) -> dict[str, Any]:
    return {
        "source": decision.source_id,
        "link": decision.link_id,
        "title": decision.title,
        "by": decision.body or None,
        "date": decision.date.iso() if decision.date else None,
        "link_kind": decision.link_kind,
        "note": decision.note or None,
    }


def _step_json(step: Step) -> dict[str, Any]:
    """A step and what it cites; the events, precedents and articles apart, for a tool checking our reasoning."""
    cited = step.citations
    return {
        "result": step.result.value,
        "text": step.text,
        "citations": [_citation_json(c) for c in cited],
        "records": [c.record_id for c in cited if c.record_id],
        "events": [_event_json(c.event) for c in cited if c.event],
        "precedents": [_precedent_json(c.precedent) for c in cited if c.precedent],
        "articles": [{"article": c.article, "text": c.text or None} for c in cited if c.kind == CitationKind.ARTICLE],
    }


def _citation_json(citation: Citation) -> dict[str, Any]:
    return {
        "kind": citation.kind.value,
        "label": citation.label,
        "record": citation.record_id,
        "source": citation.source or None,
        "text": citation.text or None,
        "article": citation.article or None,
        "verification": citation.verification or None,
        "event": _event_json(citation.event) if citation.event else None,
        "precedent": _precedent_json(citation.precedent) if citation.precedent else None,
    }


# --- Text --------------------------------------------------------------------------------------


def text_lines(title: str, findings: list[Finding]) -> list[str]:
    lines = [f"Compliance findings: {output.clean(title)}"]
    if not findings:
        return [*lines, "No visits are recorded in this case, so there is nothing to assess."]
    visits = len({f.visit_id for f in findings})
    lines.append(f"{len(findings)} finding(s) for {visits} visit(s).")
    for number, finding in enumerate(findings, 1):
        lines += ["", *_finding_lines(number, finding)]
    return lines


def _finding_lines(number: int, finding: Finding) -> list[str]:
    lines = [f"{number}. [{STATUS_WORDS[finding.status]}] {output.clean(finding.headline)}"]
    lines += _wrapped(f"Visit: {finding.visit_label}", "   ")
    lines += _wrapped(f"Why: {finding.reason}", "   ")
    if finding.confirmed:
        lines += _wrapped("Confirmed by: " + "; ".join(describe_decision(d) for d in finding.decisions), "   ")
    lines.append("   Reasoning:")
    for index, step in enumerate(finding.steps, 1):
        lines += _step_lines(index, step)
    return lines


def _step_lines(index: int, step: Step) -> list[str]:
    lines = _wrapped(f"{index}. ({step.result.value}) {step.text}", "     ", "        ")
    for citation in step.citations:
        lines += _wrapped(_citation_text(citation), "        - ", "          ")
        if citation.kind in (CitationKind.REFERENCE, CitationKind.PRECEDENT) and citation.source:
            lines += _wrapped(f"source: {citation.source}", "          ")
    return lines


def _citation_text(citation: Citation) -> str:
    if citation.kind == CitationKind.ARTICLE:
        return f"article: {citation.label}, {citation.source}" if citation.source else f"article: {citation.label}"
    if citation.record_id:
        return f"{citation.kind.value}: {citation.label} [{citation.record_id}]"
    return f"{citation.kind.value}: {citation.label}"


def _wrapped(text: str, first: str, rest: str | None = None) -> list[str]:
    """User text is cleaned of control characters before it reaches the terminal."""
    return textwrap.wrap(
        output.clean(text),
        WIDTH,
        initial_indent=first,
        subsequent_indent=first if rest is None else rest,
        break_on_hyphens=False,
    )
