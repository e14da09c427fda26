"""The scenarios of the legal engine, each a small case built through the services.

Facts about real people and states come from resources/reference/ (facts.md, icc_precedents.csv,
party_status_events.csv); test persons and courts are invented.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session

from casefile.domain.compliance import Finding, FindingCode, FindingStatus
from casefile.domain.kinds import Kind
from casefile.domain.precedents import PrecedentOutcome
from casefile.services import links, parties
from casefile.services.findings import findings_for_case
from casefile.storage.casefile import CaseFile
from tests.services.test_findings import add


def both(session: Session, visit: str) -> tuple[Finding, ...]:
    found = tuple(f for f in findings_for_case(session) if f.visit_id == visit)
    codes = [f.code for f in found]
    assert codes in ([FindingCode.DUTY_ENGAGED], [FindingCode.DUTY_ENGAGED, FindingCode.NON_COMPLIANCE])
    return found


def case_of(
    session: Session, person: str, chamber: str, issued: str, iso2: str, state: str, start: str, end: str | None
) -> str:
    """A person, the warrant's issuer, the warrant, the host state and one visit (not arrested); the visit's id."""
    who = add(session, Kind.PERSON, name=person)
    issuer = add(session, Kind.ORGANISATION, name=chamber, kind="chamber")
    add(session, Kind.WARRANT, issuer=issuer, subject=who, issued=issued)
    host = add(session, Kind.STATE, name=state, iso2=iso2)
    values: dict[str, Any] = {"person": who, "state": host, "start": start, "outcome": "not_arrested"}
    if end:
        values["end"] = end
    return add(session, Kind.VISIT, **values)


def test_a_visit_spanning_a_withdrawal_is_raised_for_the_days_before(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        visit = case_of(
            session,
            "Person Ω",
            "ICC Pre-Trial Chamber I",
            "2018-01-01",
            "PH",
            "Philippines",
            "2019-03-15",
            "2019-03-18",
        )
        duty, breach = both(session, visit)
    assert duty.status == breach.status == FindingStatus.RAISED
    expected = "15 March 2019 to 16 March 2019: duty engaged; 17 March 2019 to 18 March 2019: duty not engaged"
    assert expected in duty.reason
    assert "on 15 March 2019" in duty.reason
    assert expected in breach.reason  # the non-compliance, too, is for the days the duty held


def test_a_warrant_issued_mid_visit_engages_the_duty_from_that_day(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        visit = case_of(
            session, "Person 张", "ICC Pre-Trial Chamber II", "2024-09-03", "MN", "Mongolia", "2024-09-01", "2024-09-04"
        )
        duty, _ = both(session, visit)
    assert duty.status == FindingStatus.RAISED
    assert "1 September 2024 to 2 September 2024: duty not engaged" in duty.reason
    assert "3 September 2024 to 4 September 2024: duty engaged" in duty.reason


def test_a_national_courts_warrant_engages_no_rome_statute_duty(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        visit = case_of(
            session, "Person א", "District Court of Testland <b>&", "2020-01-01", "MN", "Mongolia", "2024-09-02", None
        )
        (duty,) = both(session, visit)
    assert duty.status == FindingStatus.NOT_RAISED
    assert "was not issued by the International Criminal Court" in duty.reason


def test_the_non_compliance_finding_states_every_element_and_the_decision(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        visit = case_of(
            session,
            "Person ب",
            "ICC Pre-Trial Chamber II",
            "2010-01-01",
            "ZA",
            "South Africa",
            "2015-06-13",
            "2015-06-15",
        )
        decision = add(
            session, Kind.SOURCE, kind="court_decision", title="Decision ICC-02/05-01/09-302", published="2017-07-06"
        )
        links.link(session, decision, visit, "found non-compliance in")
        _, breach = both(session, visit)
    text = " ".join(s.text for s in breach.steps)
    assert "thereby preventing the Court from exercising its functions and powers" in text
    assert "contrary to the provisions of the Statute" in text
    assert "ICC-02/05-01/09-302" in breach.reason and "6 July 2017" in breach.reason


def test_the_icc_organ_field_not_the_name_decides(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        host = add(session, Kind.STATE, name="Mongolia", iso2="MN")
        unmarked = add(session, Kind.ORGANISATION, name="ICC Pre-Trial Chamber II", icc_organ=False)
        marked = add(session, Kind.ORGANISATION, name="Chamber (Палата)", icc_organ=True)
        listed = add(session, Kind.ORGANISATION, name="International Criminal Court, Appeals Chamber")
        named_only = add(session, Kind.ORGANISATION, name="ICC Fan Club")
        found = {}
        for issuer in (unmarked, marked, listed, named_only):
            subject = add(session, Kind.PERSON, name=f"Subject of {issuer[:8]}")
            add(session, Kind.WARRANT, issuer=issuer, subject=subject, issued="2020-01-01")
            visit = add(session, Kind.VISIT, person=subject, state=host, start="2024-09-02")
            found[issuer] = next(f for f in findings_for_case(session) if f.visit_id == visit).status
    assert found == {
        unmarked: FindingStatus.NOT_RAISED,
        marked: FindingStatus.RAISED,
        listed: FindingStatus.RAISED,  # the shipped list of ICC organs marks it on creation
        named_only: FindingStatus.NOT_RAISED,
    }


# --- The scenarios with real people: every fact from resources/reference/facts.md and the CSVs ---------


def test_netanyahu_in_hungary_april_2025_is_raised_and_the_court_found_non_compliance(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        visit = case_of(
            session, "Benjamin Netanyahu", "ICC Pre-Trial Chamber I", "2024-11-21", "HU", "Hungary", "2025-04-03",
            "2025-04-06",
        )  # fmt: skip
        duty, breach = both(session, visit)
    assert duty.status == breach.status == FindingStatus.RAISED
    assert breach.confirmed
    assert "Pre-Trial Chamber I, decision date not found (Netanyahu in Hungary)" in breach.reason
    # Hungary announced its withdrawal on the visit's first day: shown, not decisive.
    assert any("withdrawal announced but no notification deposited on 2025-04-03" in s.text for s in duty.steps)


def test_netanyahu_in_hungary_july_2026_turns_on_the_unverified_withdrawal(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        visit = case_of(
            session, "Benjamin Netanyahu", "ICC Pre-Trial Chamber I", "2024-11-21", "HU", "Hungary", "2026-07-10", None
        )
        duty, breach = both(session, visit)
        parties.correct_party(
            session, "HU", entry_into_force="2002-07-01", withdrawal_effective="2026-06-02", note="Depositary notice"
        )
        (after_effect,) = both(session, visit)
        parties.correct_party(
            session, "HU", entry_into_force="2002-07-01", withdrawal_effective=None, note="Revocation deposited"
        )
        revoked = both(session, visit)
    assert duty.status == breach.status == FindingStatus.UNDETERMINED
    assert "withdrawal was scheduled to take effect on 2026-06-02" in duty.reason and "unverified" in duty.reason
    assert after_effect.status == FindingStatus.NOT_RAISED
    assert [f.status for f in revoked] == [FindingStatus.RAISED, FindingStatus.RAISED]


def test_putin_in_tajikistan_october_2025_is_raised_with_no_confirming_decision(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        visit = case_of(
            session, "Vladimir Putin", "ICC Pre-Trial Chamber II", "2023-03-17", "TJ", "Tajikistan", "2025-10-08",
            "2025-10-10",
        )  # fmt: skip
        duty, breach = both(session, visit)
    assert duty.status == breach.status == FindingStatus.RAISED
    assert not breach.confirmed and not breach.rulings
    assert "Confirmed" not in breach.reason
    assert "potential non-compliance" in " ".join(s.text for s in breach.steps)
    # The same person's decision comes first among the comparable ones.
    assert (breach.precedents[0].iso2, breach.precedents[0].host_state) == ("MN", "Mongolia")


def test_al_bashir_in_south_africa_is_confirmed_without_referral_and_jordan_shows_the_appeal(
    empty_case: CaseFile,
) -> None:
    with empty_case.unit_of_work() as session:
        visit = case_of(
            session, "Omar Al-Bashir", "ICC Pre-Trial Chamber I", "2009-03-04", "ZA", "South Africa", "2015-06-13",
            "2015-06-15",
        )  # fmt: skip
        duty, breach = both(session, visit)
    assert duty.status == breach.status == FindingStatus.RAISED
    (ruling,) = breach.rulings
    assert ruling.outcome == PrecedentOutcome.NOT_REFERRED and ruling.reference == "ICC-02/05-01/09-302"
    expected = "Pre-Trial Chamber II, 6 July 2017, ICC-02/05-01/09-302 (Al-Bashir in South Africa): "
    assert expected + "non-compliance found, no referral" in breach.reason
    jordan = [p for p in breach.precedents if p.iso2 == "JO"]
    assert [(p.chamber, p.outcome) for p in jordan][-1] == ("Appeals Chamber", PrecedentOutcome.REVERSED)
    listing = next(s for s in breach.steps if s.text.startswith("Comparable decisions"))
    assert "Appeals Chamber, 6 May 2019, ICC-02/05-01/09-397 (Al-Bashir in Jordan)" in listing.text


# --- Party status on the day: the table, each finding's status and the reason it gives ------------------


@pytest.mark.parametrize(
    ("iso2", "state", "start", "statuses", "reason", "state_step"),
    [
        ("PH", "Philippines", "2019-03-16", ("raised", "raised"), "Philippines was bound by the Rome Statute, on 16 "
         "March 2019", "its withdrawal took effect only on 17 March 2019"),
        ("PH", "Philippines", "2019-03-17", ("not_raised",), "Philippines's withdrawal from the Rome Statute took "
         "effect on 17 March 2019, before the visit", "its withdrawal took effect on 17 March 2019"),
        ("GM", "Gambia", "2018-05-01", ("raised", "raised"), "Gambia was bound by the Rome Statute, on 1 May 2018",
         "its withdrawal was revoked (Gambia: withdrawal revoked before taking effect on 2017-02-10"),
        ("ML", "Mali", "2025-10-15", ("raised", "raised"), "Mali was bound by the Rome Statute, on 15 October 2025",
         "Mali: withdrawal announced but no notification deposited on 2025-09-22"),
    ],
)  # fmt: skip
def test_party_status_on_the_visit_day_gives_the_status_and_says_why(
    empty_case: CaseFile, iso2: str, state: str, start: str, statuses: tuple[str, ...], reason: str, state_step: str
) -> None:
    with empty_case.unit_of_work() as session:
        visit = case_of(session, "Person Ω", "ICC Pre-Trial Chamber I", "2015-01-01", iso2, state, start, None)
        found = both(session, visit)
    assert tuple(f.status.value for f in found) == statuses
    assert reason in found[0].reason
    assert any(state_step in s.text for s in found[0].steps)
    if len(found) == 2:
        assert found[1].reason == "The duty was engaged and Person Ω was not arrested."
