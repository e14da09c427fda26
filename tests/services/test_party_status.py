"""Party status as events: withdrawals, revocations, announcements and declarations, and the case's corrections.

Every fact about a real state comes from resources/reference/ (party_status_events.csv, icc_states_parties.csv).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from casefile.domain.compliance import FindingStatus
from casefile.domain.party_status import EventKind
from casefile.reference import party_register, party_status_events
from casefile.services import audit, parties
from casefile.services.findings import findings_for_case
from casefile.storage.casefile import CaseFile
from tests.services.test_findings import Scenario, duty_of


def test_the_events_load_with_their_verification() -> None:
    events = party_status_events()
    assert len(events) == 18
    (revoked,) = [e for e in events if e.iso2 == "HU" and e.kind == EventKind.WITHDRAWAL_REVOKED]
    assert revoked.unverified and revoked.date is None
    # Only "unverified" is a doubt: a derived or partly verified row is a fact.
    assert [e.iso2 for e in events if e.unverified] == ["HU"]


@pytest.mark.parametrize(
    ("iso2", "day", "bound"),
    [
        ("PH", date(2019, 3, 16), True),  # the last day before the withdrawal took effect
        ("PH", date(2019, 3, 17), False),  # the first day not bound
        ("GM", date(2018, 6, 1), True),  # withdrawal revoked before it took effect
        ("ZA", date(2018, 6, 1), True),
        ("ML", date(2025, 10, 15), True),  # announced, never deposited
        ("HU", date(2025, 4, 3), True),
        ("HU", date(2026, 6, 1), True),  # the day before the notified withdrawal would take effect
        ("HU", date(2026, 6, 2), None),  # from then on: the revocation is unverified
        ("HU", date(2026, 7, 10), None),
        ("BI", date(2017, 10, 27), False),
    ],
)
def test_standing_from_entry_into_force_and_events(iso2: str, day: date, bound: bool | None) -> None:
    row = party_register().row(iso2)
    assert row is not None
    assert row.standing_on(day).bound is bound


def _case(tmp_path: Path) -> CaseFile:
    # The correction names the person who made it (the actor), not the case's Analyst field.
    return CaseFile.create(tmp_path / "status.casefile", "Status events", analyst="Lead", actor="Analyst Ильяна")


def test_hungary_after_the_scheduled_withdrawal_is_undetermined_and_says_why(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        scene = Scenario(session, issued="2024-11-21")
        visit = scene.visit("HU", "Hungary", "2026-07-10")
        duty = duty_of(findings_for_case(session), visit)
    assert duty.status == FindingStatus.UNDETERMINED
    assert "take effect on 2026-06-02" in duty.reason and "unverified" in duty.reason
    assert "withdrawal revoked before taking effect (undated); UNVERIFIED" in duty.reason
    sources = [c.source for s in duty.steps for c in s.citations]
    assert any("verification: unverified" in s for s in sources)


def test_a_case_correction_settles_hungary_and_is_audited_and_named(tmp_path: Path) -> None:
    with _case(tmp_path) as case, case.unit_of_work() as session:
        scene = Scenario(session, issued="2024-11-21")
        visit = scene.visit("HU", "Hungary", "2026-07-10")
        parties.correct_party(
            session, "HU", entry_into_force="2002-07-01", withdrawal_effective="2026-06-02", note="UN C.N. notice <b>&"
        )
        took_effect = duty_of(findings_for_case(session), visit)
        parties.correct_party(
            session, "HU", entry_into_force="2002-07-01", withdrawal_effective=None, note="Revocation deposited"
        )
        revoked = duty_of(findings_for_case(session), visit)
        logged = [e for e in audit.entries(session) if e.kind == parties.AUDIT_KIND]
    assert took_effect.status == FindingStatus.NOT_RAISED
    assert "case correction by Analyst Ильяна, source: UN C.N. notice <b>&" in took_effect.reason
    assert revoked.status == FindingStatus.RAISED
    texts = " ".join(s.text for s in revoked.steps)
    assert "case correction by Analyst Ильяна, source: Revocation deposited" in texts
    assert [(e.record_id, e.actor) for e in logged] == [("party:HU", "Analyst Ильяна")] * 2


def test_removing_a_correction_is_audited_and_restores_the_doubt(tmp_path: Path) -> None:
    with _case(tmp_path) as case, case.unit_of_work() as session:
        scene = Scenario(session, issued="2024-11-21")
        visit = scene.visit("HU", "Hungary", "2026-07-10")
        parties.correct_party(session, "HU", entry_into_force="2002-07-01", withdrawal_effective=None, note="x")
        parties.remove_correction(session, "hu")
        assert duty_of(findings_for_case(session), visit).status == FindingStatus.UNDETERMINED
        actions = [e.action for e in audit.entries(session) if e.kind == parties.AUDIT_KIND]
    assert actions == ["edit", "delete"]


@pytest.mark.parametrize(
    ("iso2", "name", "start", "status"),
    [
        ("PH", "Philippines", "2019-03-16", FindingStatus.RAISED),
        ("PH", "Philippines", "2019-03-17", FindingStatus.NOT_RAISED),
        ("GM", "Gambia", "2018-05-01", FindingStatus.RAISED),
        ("ML", "Mali", "2025-10-15", FindingStatus.RAISED),
        ("HU", "Hungary", "2025-04-03", FindingStatus.RAISED),
    ],
)
def test_status_events_decide_visits(empty_case: CaseFile, iso2: str, name: str, start: str, status: str) -> None:
    with empty_case.unit_of_work() as session:
        visit = Scenario(session, issued="2015-01-01").visit(iso2, name, start)
        assert duty_of(findings_for_case(session), visit).status == status


def test_an_announcement_is_shown_but_does_not_change_the_status(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        visit = Scenario(session, issued="2015-01-01").visit("ML", "Mali", "2025-10-15")
        duty = duty_of(findings_for_case(session), visit)
    (note,) = [s for s in duty.steps if "announced but no notification deposited" in s.text]
    assert "does not change its status" in note.text


def test_an_article_12_3_declaration_is_noted_for_a_non_party(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        visit = Scenario(session, issued="2015-01-01").visit("UA", "Ukraine", "2024-09-02")
        duty = duty_of(findings_for_case(session), visit)
    assert duty.status == FindingStatus.NOT_RAISED
    (note,) = [s for s in duty.steps if "Art. 12(3)" in s.text]
    assert "lodged a declaration under Art. 12(3) on 8 September 2015" in note.text
    assert "from 20 February 2014" in note.text and "Part 9" in note.text


def test_a_month_spanning_hungarys_scheduled_withdrawal_names_the_events(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        visit = Scenario(session, issued="2024-11-21").visit("HU", "Hungary", "2026-06")
        duty = duty_of(findings_for_case(session), visit)
    assert duty.status == FindingStatus.UNDETERMINED
    texts = " ".join(s.text for s in duty.steps)
    assert "withdrawal notified to the UN Secretary-General on 2025-06-02, effective 2026-06-02" in texts
