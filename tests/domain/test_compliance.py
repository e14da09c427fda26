"""The compliance analysis: each scenario of the specification, and its order-free, local behaviour."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from typing import TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casefile.domain.compliance import (
    CaseFacts,
    CitationKind,
    ClaimFacts,
    ClaimKind,
    DecisionFacts,
    Finding,
    FindingCode,
    FindingStatus,
    Outcome,
    StepResult,
    VisitFacts,
    WarrantFacts,
    WarrantStatus,
    assess,
    is_icc_issuer,
)
from casefile.domain.dates import PartialDate
from casefile.domain.parties import PartyCorrection, PartyRegister
from casefile.reference import party_register, states_parties

T = TypeVar("T")
STATES = {
    "MN": "Mongolia",
    "RU": "Russia",
    "UA": "Ukraine",
    "BI": "Burundi",
    "PH": "Philippines",
    "HU": "Hungary",
    "ZA": "South Africa",
}


def d(text: str) -> PartialDate:
    return PartialDate.parse(text)


def visit(
    iso2: str = "MN",
    start: str = "2024-09-02",
    end: str | None = "2024-09-03",
    outcome: Outcome = Outcome.NOT_ARRESTED,
    person: str = "p-a",
    visit_id: str = "v-1",
) -> VisitFacts:
    return VisitFacts(
        id=visit_id,
        person_id=person,
        person_name=f"Person {person[-1].upper()}",
        state_id=f"s-{iso2}",
        state_name=STATES[iso2],
        iso2=iso2,
        start=d(start),
        end=d(end) if end else None,
        outcome=outcome,
    )


def warrant(
    issued: str = "2023-03-17",
    status: WarrantStatus = WarrantStatus.OUTSTANDING,
    status_date: str | None = None,
    subject: str = "p-a",
    warrant_id: str = "w-1",
    issuer: str | None = "ICC Pre-Trial Chamber II",
    sealed: bool = False,
) -> WarrantFacts:
    return WarrantFacts(
        id=warrant_id,
        subject_id=subject,
        subject_name=f"Person {subject[-1].upper()}",
        issued=d(issued),
        issuer_id="o-issuer" if issuer else None,
        issuer_name=issuer or "",
        status=status,
        status_date=d(status_date) if status_date else None,
        sealed=sealed,
    )


def facts(
    visits: list[VisitFacts],
    warrants: list[WarrantFacts],
    claims: tuple[ClaimFacts, ...] = (),
    decisions: tuple[DecisionFacts, ...] = (),
    register: PartyRegister | None = None,
) -> CaseFacts:
    return CaseFacts(tuple(visits), tuple(warrants), register or party_register(), claims, decisions)


def only_duty(findings: list[Finding]) -> Finding:
    duties = [f for f in findings if f.code == FindingCode.DUTY_ENGAGED]
    assert len(duties) == 1
    return duties[0]


def cited_articles(finding: Finding) -> set[str]:
    return {c.label for s in finding.steps for c in s.citations if c.kind == CitationKind.ARTICLE}


def all_text(finding: Finding) -> str:
    return " ".join([finding.reason, *(s.text for s in finding.steps)])


MONGOLIA_CLAIMS = (
    ClaimFacts("l-97", ClaimKind.CONSULTATION, "s-MN", "Mongolia — requested consultations under — Art. 97", "97"),
    ClaimFacts("l-98", ClaimKind.IMMUNITY, "s-MN", "Mongolia — claimed immunity under — Art. 98", "98"),
)
DECISION = DecisionFacts(
    "src-decision", "l-confirms", "v-1", "Pre-Trial Chamber II finding on Mongolia", "confirms",
    "ICC Pre-Trial Chamber II", d("2024-10-24"),
)  # fmt: skip


def test_the_demo_visit_raises_both_findings_annotated_and_confirmed() -> None:
    findings = assess(facts([visit()], [warrant()], MONGOLIA_CLAIMS, (DECISION,)))
    assert [(f.code, f.status) for f in findings] == [
        (FindingCode.DUTY_ENGAGED, FindingStatus.RAISED),
        (FindingCode.NON_COMPLIANCE, FindingStatus.RAISED),
    ]
    duty, breach = findings
    assert duty.headline == "Arrest and surrender duty engaged (Arts 59(1), 86, 89(1))"
    assert breach.headline == "Potential non-compliance (Art. 87(7))"
    assert {"Art. 59(1)", "Art. 86", "Art. 89(1)", "Art. 58(4)"} <= cited_articles(duty)
    assert "Art. 87(7)" in cited_articles(breach)
    for finding in findings:
        assert finding.confirmed and finding.decisions == (DECISION,)
        assert {c.id for c in finding.claims} == {"l-97", "l-98"}
        assert {"Art. 97", "Art. 98", "Art. 27", "Art. 27(2)"} <= cited_articles(finding)
        notes = [s for s in finding.steps if s.result == StepResult.NOTE and "Noted" in s.text]
        assert len(notes) == 2 and all(any(c.label.startswith("Art. 27") for c in s.citations) for s in notes)
        assert "Confirmed by Pre-Trial Chamber II finding on Mongolia" in all_text(finding)
        assert "24 October 2024" in all_text(finding)


def test_the_register_row_is_cited_with_its_printable_citation() -> None:
    duty = only_duty(assess(facts([visit()], [warrant()])))
    rows = [c for s in duty.steps for c in s.citations if c.kind == CitationKind.REFERENCE]
    assert rows and "Mongolia (MN), in force 2002-07-01" in rows[0].label
    mongolia = party_register().row("MN")
    # The register's `citation` column, never its raw provenance notes (addresses, discrepancies).
    assert mongolia is not None and rows[0].source == mongolia.citation
    assert "github" not in rows[0].source and "|" not in rows[0].source


def test_every_step_cites_something() -> None:
    for finding in assess(facts([visit()], [warrant(sealed=True)], MONGOLIA_CLAIMS, (DECISION,))):
        assert all(step.citations for step in finding.steps)


def test_a_visit_before_the_warrant_was_issued_raises_nothing() -> None:
    findings = assess(facts([visit(start="2022-06-01", end=None)], [warrant()]))
    duty = only_duty(findings)
    assert len(findings) == 1
    assert duty.status == FindingStatus.NOT_RAISED
    assert "issued after the visit began on 1 June 2022" in duty.reason


@pytest.mark.parametrize("status", [WarrantStatus.WITHDRAWN, WarrantStatus.EXECUTED, WarrantStatus.VACATED])
def test_a_visit_after_the_warrant_ended_raises_nothing(status: WarrantStatus) -> None:
    duty = only_duty(assess(facts([visit()], [warrant(status=status, status_date="2024-01-10")])))
    assert duty.status == FindingStatus.NOT_RAISED
    assert f"was {status.value} on 10 January 2024, before the visit" in duty.reason


def test_a_warrant_withdrawn_after_the_visit_was_still_in_effect() -> None:
    duty = only_duty(assess(facts([visit()], [warrant(status=WarrantStatus.WITHDRAWN, status_date="2025-01-10")])))
    assert duty.status == FindingStatus.RAISED
    assert "still in effect" in all_text(duty)


@pytest.mark.parametrize(
    ("status", "status_date", "expected"),
    [
        (WarrantStatus.WITHDRAWN, None, "on an unrecorded date"),
        (WarrantStatus.OTHER, None, "recorded as 'other'"),
        (WarrantStatus.WITHDRAWN, "2024-09-02", "around the visit's start"),
        (WarrantStatus.WITHDRAWN, "2024-09", "around the visit's start"),
    ],
)
def test_an_end_that_cannot_be_placed_leaves_the_finding_undetermined(
    status: WarrantStatus, status_date: str | None, expected: str
) -> None:
    duty = only_duty(assess(facts([visit()], [warrant(status=status, status_date=status_date)])))
    assert duty.status == FindingStatus.UNDETERMINED
    assert expected in duty.reason


@pytest.mark.parametrize(
    ("iso2", "start", "expected"),
    [
        ("RU", "2024-09-02", "Russia is not a party to the Rome Statute"),
        ("UA", "2024-09-02", "entered into force for Ukraine only on 1 January 2025"),
        ("UA", "2024-12-31", "entered into force for Ukraine only on 1 January 2025"),
        ("BI", "2017-10-27", "withdrawal from the Rome Statute took effect on 27 October 2017"),
        ("BI", "2018-01-01", "withdrawal from the Rome Statute took effect on 27 October 2017"),
        ("PH", "2019-03-18", "withdrawal from the Rome Statute took effect on 17 March 2019"),
    ],
)
def test_a_visit_to_a_state_not_bound_raises_nothing(iso2: str, start: str, expected: str) -> None:
    findings = assess(facts([visit(iso2=iso2, start=start, end=None)], [warrant(issued="2015-01-01")]))
    assert len(findings) == 1
    assert findings[0].status == FindingStatus.NOT_RAISED
    assert expected in findings[0].reason


def test_a_withdrawal_points_to_article_127() -> None:
    duty = only_duty(assess(facts([visit(iso2="BI", start="2018-01-01", end=None)], [warrant(issued="2015-01-01")])))
    assert "Art. 127(2)" in cited_articles(duty)


@pytest.mark.parametrize(
    ("iso2", "start"),
    [("UA", "2025-01-01"), ("UA", "2025-02-01"), ("BI", "2017-10-26"), ("PH", "2019-03-16"), ("UA", "2025")],
)
def test_a_visit_while_the_state_was_bound_raises_the_duty(iso2: str, start: str) -> None:
    findings = assess(facts([visit(iso2=iso2, start=start, end=None)], [warrant(issued="2015-01-01")]))
    assert [f.status for f in findings] == [FindingStatus.RAISED, FindingStatus.RAISED]


def test_a_visit_dated_only_to_the_month_of_issue_is_undetermined() -> None:
    findings = assess(facts([visit(start="2024-09", end=None)], [warrant(issued="2024-09-15")]))
    assert [(f.code, f.status) for f in findings] == [
        (FindingCode.DUTY_ENGAGED, FindingStatus.UNDETERMINED),
        (FindingCode.NON_COMPLIANCE, FindingStatus.UNDETERMINED),
    ]
    duty, breach = findings
    assert "cannot be told whether the warrant for Person A issued on 15 September 2024 was issued before" in (
        duty.reason
    )
    assert "in September 2024" in duty.reason
    assert "undetermined" in breach.headline and "undetermined" in breach.reason
    assert not duty.confirmed


@pytest.mark.parametrize(
    ("iso2", "start", "issued", "status"),
    [
        ("MN", "2024-09", "2024-08-31", FindingStatus.RAISED),
        ("MN", "2024-09", "2024-10-01", FindingStatus.NOT_RAISED),
        ("MN", "2024", "2024-03-01", FindingStatus.UNDETERMINED),
        ("BI", "2017-10", "2015-01-01", FindingStatus.UNDETERMINED),
        ("UA", "2024-12", "2015-01-01", FindingStatus.NOT_RAISED),
    ],
)
def test_partial_dates_decide_only_when_every_day_agrees(
    iso2: str, start: str, issued: str, status: FindingStatus
) -> None:
    duty = only_duty(assess(facts([visit(iso2=iso2, start=start, end=None)], [warrant(issued=issued)])))
    assert duty.status == status


def test_a_state_whose_status_changed_within_the_visit_month_says_so() -> None:
    duty = only_duty(assess(facts([visit(iso2="BI", start="2017-10", end=None)], [warrant(issued="2015-01-01")])))
    assert "cannot be told whether Burundi was a party when the visit began in October 2017" in duty.reason


def test_a_person_with_two_warrants_is_assessed_on_the_one_in_effect() -> None:
    ended = warrant(issued="2020-01-01", status=WarrantStatus.WITHDRAWN, status_date="2021-01-01", warrant_id="w-old")
    current = warrant(issued="2023-03-17", warrant_id="w-new")
    duty = only_duty(assess(facts([visit()], [current, ended])))
    assert duty.status == FindingStatus.RAISED
    assert duty.warrant_ids == ("w-new",)
    cited = [c.record_id for s in duty.steps for c in s.citations if c.record_id in ("w-old", "w-new")]
    assert cited.index("w-old") < cited.index("w-new")  # explained in order of issue


def test_two_warrants_neither_in_effect_give_both_reasons() -> None:
    ended = warrant(issued="2020-01-01", status=WarrantStatus.WITHDRAWN, status_date="2021-01-01", warrant_id="w-1")
    later = warrant(issued="2025-03-01", warrant_id="w-2")
    duty = only_duty(assess(facts([visit()], [ended, later])))
    assert duty.status == FindingStatus.NOT_RAISED
    assert "withdrawn on 1 January 2021" in duty.reason and "issued after the visit began" in duty.reason


def test_one_warrant_that_may_be_in_effect_outweighs_one_that_is_not() -> None:
    ended = warrant(issued="2015-01-01", status=WarrantStatus.WITHDRAWN, status_date="2016-02", warrant_id="w-1")
    doubtful = warrant(issued="2024-09-15", warrant_id="w-2")
    findings = assess(facts([visit(start="2024-09", end=None)], [ended, doubtful]))
    assert [f.status for f in findings] == [FindingStatus.UNDETERMINED] * 2
    assert "withdrawn" not in findings[0].reason and "15 September 2024" in findings[0].reason


def test_a_sealed_warrant_notes_that_the_state_may_not_have_been_notified() -> None:
    duty = only_duty(assess(facts([visit()], [warrant(sealed=True)])))
    assert duty.status == FindingStatus.RAISED
    sealed = [s for s in duty.steps if "sealed" in s.text]
    assert len(sealed) == 1 and sealed[0].result == StepResult.NOTE
    assert "may not have been notified" in sealed[0].text
    assert "Art. 59(1)" in {c.label for c in sealed[0].citations}


def test_an_unknown_outcome_says_so_and_raises_no_second_finding() -> None:
    findings = assess(facts([visit(outcome=Outcome.UNKNOWN)], [warrant()]))
    assert len(findings) == 1
    assert findings[0].headline == "Arrest and surrender duty engaged; outcome unknown (Arts 59(1), 86, 89(1))"


def test_an_arrest_raises_only_the_duty() -> None:
    findings = assess(facts([visit(outcome=Outcome.ARRESTED)], [warrant()]))
    assert [f.code for f in findings] == [FindingCode.DUTY_ENGAGED]
    assert "was arrested" in all_text(findings[0])


def test_no_warrant_for_the_visitor_raises_nothing() -> None:
    duty = only_duty(assess(facts([visit()], [warrant(subject="p-b")])))
    assert duty.status == FindingStatus.NOT_RAISED
    assert duty.reason == "No warrant for Person A is recorded in this case."


def test_a_warrant_of_another_court_does_not_engage_the_rome_statute() -> None:
    duty = only_duty(assess(facts([visit()], [warrant(issuer="Special Tribunal for Lebanon")])))
    assert duty.status == FindingStatus.NOT_RAISED
    assert "not issued by the International Criminal Court" in duty.reason


def test_a_warrant_without_an_issuer_is_undetermined() -> None:
    duty = only_duty(assess(facts([visit()], [warrant(issuer=None)])))
    assert duty.status == FindingStatus.UNDETERMINED
    assert "issuer" in duty.reason


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ICC Pre-Trial Chamber II", True),
        ("International Criminal Court", True),
        ("the international criminal court", True),
        ("Micco News", False),
        ("Special Tribunal for Lebanon", False),
    ],
)
def test_icc_issuers_are_recognised_by_name(name: str, expected: bool) -> None:
    assert is_icc_issuer(name) is expected


def test_a_correction_in_the_case_wins_and_is_cited() -> None:
    hungary = visit(iso2="HU", start="2026-07-01", end=None)
    # The shipped data leaves Hungary after 2 June 2026 in doubt (the revocation is unverified).
    assert only_duty(assess(facts([hungary], [warrant()]))).status == FindingStatus.UNDETERMINED
    fix = PartyCorrection("HU", "Hungary", date(2001, 7, 1), date(2026, 6, 2), "Withdrawal effective per depositary")
    duty = only_duty(assess(facts([hungary], [warrant()], register=PartyRegister(states_parties(), [fix]))))
    assert duty.status == FindingStatus.NOT_RAISED
    rows = [c for s in duty.steps for c in s.citations if c.kind == CitationKind.REFERENCE]
    assert "(corrected in this case)" in rows[0].label
    assert rows[0].source.startswith("Correction recorded in this case: Withdrawal effective per depositary")


def test_claims_reach_only_the_visits_they_concern() -> None:
    other_person = ClaimFacts(
        "l-x", ClaimKind.IMMUNITY, "s-MN", "Mongolia — claimed immunity for — Person B", "", "p-b"
    )
    on_the_visit = ClaimFacts("l-y", ClaimKind.CONSULTATION, "v-1", "Visit — consultations under — Art. 97", "97")
    elsewhere = ClaimFacts("l-z", ClaimKind.IMMUNITY, "s-ZA", "South Africa — claimed immunity under — Art. 98", "98")
    duty = only_duty(assess(facts([visit()], [warrant()], (other_person, on_the_visit, elsewhere))))
    assert [c.id for c in duty.claims] == ["l-y"]


def test_claims_never_clear_a_finding() -> None:
    with_claims = assess(facts([visit()], [warrant()], MONGOLIA_CLAIMS))
    without = assess(facts([visit()], [warrant()]))
    assert [f.status for f in with_claims] == [f.status for f in without] == [FindingStatus.RAISED] * 2


def test_a_decision_on_an_undetermined_visit_is_noted_not_called_a_confirmation() -> None:
    duty = only_duty(assess(facts([visit(start="2024-09", end=None)], [warrant(issued="2024-09-15")], (), (DECISION,))))
    assert not duty.confirmed
    assert "Confirmed" not in all_text(duty) and "may settle what the records here leave open" in all_text(duty)


# --- Properties --------------------------------------------------------------------------------

dates = st.builds(
    lambda y, m, day: PartialDate(y, m, min(day, 28) if m else 0),
    st.integers(2015, 2026),
    st.integers(0, 12),
    st.integers(0, 28),
)
people = st.sampled_from(["p-a", "p-b", "p-c"])
codes = st.sampled_from(sorted(STATES))


@st.composite
def case_facts(draw: st.DrawFn) -> CaseFacts:
    visits = [
        VisitFacts(
            f"v-{i}", who, f"Person {who[-1].upper()}", f"s-{iso}", STATES[iso], iso, draw(dates), None, "",
            draw(st.sampled_from(list(Outcome))),
        )
        for i, (who, iso) in enumerate(draw(st.lists(st.tuples(people, codes), max_size=4)))
    ]  # fmt: skip
    warrants = [
        WarrantFacts(
            f"w-{i}", who, f"Person {who[-1].upper()}", issued, "o-1",
            draw(st.sampled_from(["ICC Pre-Trial Chamber II", "Special Tribunal"])), "",
            status, draw(st.none() | dates), draw(st.booleans()),
        )
        for i, (who, issued, status) in enumerate(
            draw(st.lists(st.tuples(people, dates, st.sampled_from(list(WarrantStatus))), max_size=4))
        )
    ]  # fmt: skip
    claims = [
        ClaimFacts(f"c-{i}", kind, holder, f"claim {i}", "", None, "", draw(st.none() | dates))
        for i, (kind, holder) in enumerate(
            draw(st.lists(st.tuples(st.sampled_from(list(ClaimKind)), st.sampled_from(["s-MN", "v-0", "v-1"]))))
        )
    ]
    decisions = [
        DecisionFacts(f"src-{i}", f"l-{i}", holder, f"Decision {i}", "confirms", "", draw(st.none() | dates))
        for i, holder in enumerate(draw(st.lists(st.sampled_from(["v-0", "v-1", "v-2"]), max_size=3)))
    ]
    return facts(visits, warrants, tuple(claims), tuple(decisions))


def shuffled(case: CaseFacts, seed: int) -> CaseFacts:
    rng = random.Random(seed)

    def mix(items: tuple[T, ...]) -> tuple[T, ...]:
        listed = list(items)
        rng.shuffle(listed)
        return tuple(listed)

    return replace(
        case,
        visits=mix(case.visits),
        warrants=mix(case.warrants),
        claims=mix(case.claims),
        decisions=mix(case.decisions),
    )


@settings(max_examples=150, deadline=None)
@given(case_facts(), st.integers(0, 2**32))
def test_findings_never_depend_on_record_order(case: CaseFacts, seed: int) -> None:
    assert assess(shuffled(case, seed)) == assess(case)


@settings(max_examples=150, deadline=None)
@given(case_facts(), dates, codes)
def test_an_unrelated_record_never_changes_a_finding(case: CaseFacts, when: PartialDate, iso2: str) -> None:
    before = assess(case)
    stranger = "p-unrelated"
    additions = [
        replace(case, warrants=(*case.warrants, warrant(subject=stranger, warrant_id="w-extra"))),
        replace(case, claims=(*case.claims, ClaimFacts("c-extra", ClaimKind.IMMUNITY, "s-unvisited", "claim"))),
        replace(case, decisions=(*case.decisions, DecisionFacts("src-x", "l-x", "v-unvisited", "Other", "confirms"))),
        replace(
            case,
            visits=(*case.visits, replace(visit(iso2=iso2, person=stranger, visit_id="v-extra"), start=when, end=None)),
        ),
    ]
    for changed in additions:
        after = [f for f in assess(changed) if f.visit_id != "v-extra"]
        assert after == before
