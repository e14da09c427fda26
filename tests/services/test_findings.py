"""Findings read from a real case file: the demo case, and cases built through the services."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from casefile.domain.compliance import ClaimKind, Finding, FindingCode, FindingStatus
from casefile.domain.kinds import Kind
from casefile.services import links, parties, records
from casefile.services.findings import findings_for_case
from casefile.storage.casefile import CaseFile


def add(session: Session, record_kind: Kind, **values: Any) -> str:
    return records.create(session, record_kind, values).id


class Scenario:
    """Person A, an ICC chamber and a warrant; visits and links are added per test."""

    def __init__(self, session: Session, **warrant: Any) -> None:
        self.session = session
        self.person = add(session, Kind.PERSON, name="Person A")
        self.chamber = add(session, Kind.ORGANISATION, name="ICC Pre-Trial Chamber II", kind="chamber")
        values = {"issuer": self.chamber, "subject": self.person, "issued": "2023-03-17", **warrant}
        self.warrant = add(session, Kind.WARRANT, **values)
        self.states: dict[str, str] = {}

    def state(self, iso2: str, name: str) -> str:
        if iso2 not in self.states:
            self.states[iso2] = add(self.session, Kind.STATE, name=name, iso2=iso2)
        return self.states[iso2]

    def visit(self, iso2: str, name: str, start: str, outcome: str = "not_arrested") -> str:
        state = self.state(iso2, name)
        return add(self.session, Kind.VISIT, person=self.person, state=state, start=start, outcome=outcome)

    def article(self, number: str, instrument: str = "Rome Statute") -> str:
        return add(self.session, Kind.ARTICLE, number=number, instrument=instrument)

    def decision(self, kind: str = "court_decision", published: str | None = "2024-10-24") -> str:
        return add(self.session, Kind.SOURCE, kind=kind, title=f"A {kind}", outlet=self.chamber, published=published)


def duty_of(findings: list[Finding], visit_id: str) -> Finding:
    (duty,) = [f for f in findings if f.visit_id == visit_id and f.code == FindingCode.DUTY_ENGAGED]
    return duty


def test_the_demo_case_raises_both_mongolia_findings(demo_case: CaseFile) -> None:
    with demo_case.reading() as session:
        findings = findings_for_case(session)
        (visit,) = records.list_records(session, Kind.VISIT)
    assert [(f.code, f.status) for f in findings] == [
        (FindingCode.DUTY_ENGAGED, FindingStatus.RAISED),
        (FindingCode.NON_COMPLIANCE, FindingStatus.RAISED),
    ]
    for finding in findings:
        assert finding.visit_id == visit.id
        assert finding.visit_label == "Vladimir Putin in Mongolia (Ulaanbaatar), 2 September 2024 to 3 September 2024"
        assert sorted((c.kind, c.article) for c in finding.claims) == [
            (ClaimKind.CONSULTATION, "97"),
            (ClaimKind.IMMUNITY, "98"),
        ]
        (decision,) = finding.decisions
        assert finding.confirmed
        assert decision.body == "ICC Pre-Trial Chamber II" and decision.link_kind == "confirms"
        assert str(decision.date) == "2024-10-24"
        assert decision.title.startswith("Pre-Trial Chamber II finding that Mongolia failed to comply")


def test_the_demo_warrant_in_effect_is_putins(demo_case: CaseFile) -> None:
    with demo_case.reading() as session:
        findings = findings_for_case(session)
        putin = {w.id for w in records.list_records(session, Kind.WARRANT) if w["issued"] == "2023-03-17"}
        subjects = {records.get(session, w)["subject"] for w in findings[0].warrant_ids}
        names = {records.get(session, s)["name"] for s in subjects}
    assert set(findings[0].warrant_ids) <= putin
    assert names == {"Vladimir Putin"}


def test_a_case_without_visits_has_no_findings(empty_case: CaseFile) -> None:
    with empty_case.reading() as session:
        assert findings_for_case(session) == []


@pytest.mark.parametrize(
    ("iso2", "name", "start", "status"),
    [
        ("MN", "Mongolia", "2024-09-02", FindingStatus.RAISED),
        ("MN", "Mongolia", "2022-06-01", FindingStatus.NOT_RAISED),
        ("RU", "Russia", "2024-09-02", FindingStatus.NOT_RAISED),
        ("UA", "Ukraine", "2024-09-02", FindingStatus.NOT_RAISED),
        ("UA", "Ukraine", "2025-02-01", FindingStatus.RAISED),
        ("MN", "Mongolia", "2023-03", FindingStatus.UNDETERMINED),
    ],
)
def test_visits_built_through_the_services(
    empty_case: CaseFile, iso2: str, name: str, start: str, status: FindingStatus
) -> None:
    with empty_case.unit_of_work() as session:
        scene = Scenario(session)
        visit = scene.visit(iso2, name, start)
        assert duty_of(findings_for_case(session), visit).status == status


def test_a_withdrawal_recorded_on_the_warrant_ends_it(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        scene = Scenario(session, status="withdrawn", status_date="2024-01-10")
        visit = scene.visit("MN", "Mongolia", "2024-09-02")
        duty = duty_of(findings_for_case(session), visit)
    assert duty.status == FindingStatus.NOT_RAISED
    assert "withdrawn on 10 January 2024, before the visit" in duty.reason


def test_a_sealed_warrant_is_noted(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        scene = Scenario(session, sealed=True)
        visit = scene.visit("MN", "Mongolia", "2024-09-02")
        duty = duty_of(findings_for_case(session), visit)
    assert duty.status == FindingStatus.RAISED
    assert any("may not have been notified" in s.text for s in duty.steps)


def test_a_warrant_of_another_issuer_is_set_aside(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        scene = Scenario(session)
        court = add(session, Kind.ORGANISATION, name="Special Tribunal for Lebanon", kind="court")
        records.update_fields(session, scene.warrant, {"issuer": court})
        visit = scene.visit("MN", "Mongolia", "2024-09-02")
        duty = duty_of(findings_for_case(session), visit)
    assert duty.status == FindingStatus.NOT_RAISED


def test_a_party_correction_in_the_case_is_applied(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        scene = Scenario(session)
        visit = scene.visit("HU", "Hungary", "2026-07-01")
        assert duty_of(findings_for_case(session), visit).status == FindingStatus.UNDETERMINED
        parties.correct_party(
            session, "HU", entry_into_force="2001-07-01", withdrawal_effective="2026-06-02", note="Depositary notice"
        )
        duty = duty_of(findings_for_case(session), visit)
    assert duty.status == FindingStatus.NOT_RAISED
    assert "took effect on 2 June 2026" in duty.reason


def test_claims_are_found_on_the_state_and_on_the_visit(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        scene = Scenario(session)
        visit = scene.visit("MN", "Mongolia", "2024-09-02")
        state = scene.states["MN"]
        consult = links.link(session, state, scene.article("97(1)"), "requested consultations under").id
        immunity = links.link(session, scene.article("98"), visit, "invoked for").id
        worded = links.link(session, state, scene.person, "claimed head-of-state immunity for").id
        found = {c.id: (c.kind, c.holder_id) for c in duty_of(findings_for_case(session), visit).claims}
    assert found == {
        consult: (ClaimKind.CONSULTATION, state),
        immunity: (ClaimKind.IMMUNITY, visit),
        worded: (ClaimKind.IMMUNITY, state),
    }


def test_links_that_are_not_claims_are_ignored(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        scene = Scenario(session)
        visit = scene.visit("MN", "Mongolia", "2024-09-02")
        state = scene.states["MN"]
        links.link(session, state, scene.article("97", instrument="Some Other Convention"), "cites")
        links.link(session, state, scene.article("86"), "comments on")
        gone = links.link(session, state, scene.article("98"), "claimed immunity under").id
        links.unlink(session, gone)
        assert duty_of(findings_for_case(session), visit).claims == ()


def test_a_claim_naming_another_person_stays_off_this_visit(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        scene = Scenario(session)
        visit = scene.visit("MN", "Mongolia", "2024-09-02")
        other = add(session, Kind.PERSON, name="Person B")
        links.link(session, scene.states["MN"], other, "claimed immunity for")
        assert duty_of(findings_for_case(session), visit).claims == ()


def test_only_court_decisions_linked_to_the_visit_confirm_it(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        scene = Scenario(session)
        visit = scene.visit("MN", "Mongolia", "2024-09-02")
        ruling = scene.decision()
        links.link(session, visit, ruling, "decided by", date="2024-11-05")
        links.link(session, scene.decision(kind="news_article"), visit, "reports")
        findings = [f for f in findings_for_case(session) if f.visit_id == visit]
    for finding in findings:
        (decision,) = finding.decisions
        assert decision.source_id == ruling and finding.confirmed
        assert str(decision.date) == "2024-11-05"  # the link's date wins over the publication date


def test_findings_read_from_a_read_only_file(demo_case_path: Path) -> None:
    with CaseFile.open(demo_case_path, read_only=True) as case_file, case_file.reading() as session:
        assert [f.status for f in findings_for_case(session)] == [FindingStatus.RAISED] * 2
