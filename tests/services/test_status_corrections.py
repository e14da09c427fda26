"""A case's corrections of ICC party-status events and its own precedents, as the findings use them.

The Hungarian scenarios are issue 11 §5's: the shipped data says Hungary's withdrawal was notified to take
effect on 2 June 2026 and that its revocation is unverified (party_status_events.csv). The corrections
below are an analyst's hypothetical records, cited as such; no fact about a real person is added.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from casefile.domain.compliance import FindingStatus
from casefile.domain.errors import ValidationError
from casefile.domain.kinds import Kind
from casefile.domain.precedents import PrecedentOutcome
from casefile.services import audit, records, status_corrections
from casefile.services.findings import findings_for_case
from casefile.services.precedents import case_and_bundled_precedents
from casefile.storage.casefile import CaseFile
from tests.services.test_findings import add
from tests.services.test_legal_scenarios import both, case_of

ANALYST = "Аналитик Тест"
REVOCATION = "HU:withdrawal_revoked:"
CITATION = "Hypothetical depositary check <b>& test</b>"


def _hungary_july_2026(session: Session) -> str:
    session.info["actor"] = ANALYST  # the analyst using Casefile, as CaseFile sets it
    return case_of(
        session, "Benjamin Netanyahu", "ICC Pre-Trial Chamber I", "2024-11-21", "HU", "Hungary", "2026-07-10", None
    )


def _correct(session: Session, **values: object) -> str:
    return records.create(session, Kind.STATUS_CORRECTION, {"iso2": "HU", "citation": CITATION, **values}).id


def test_with_the_shipped_data_the_visit_is_undetermined_naming_the_unverified_withdrawal(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        duty, breach = both(session, _hungary_july_2026(session))
    assert duty.status == breach.status == FindingStatus.UNDETERMINED
    assert "withdrawal was scheduled to take effect on 2026-06-02" in duty.reason
    assert "UNVERIFIED in the reference data" in duty.reason and "case correction" not in duty.reason


def test_a_correction_that_the_withdrawal_took_effect_means_no_duty(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        visit = _hungary_july_2026(session)
        _correct(session, action="replace", event=REVOCATION, event_kind="withdrawal_effective",
                 date="2026-06-02", effective="2026-06-02", note="The revocation was not deposited")  # fmt: skip
        (duty,) = both(session, visit)
    assert duty.status == FindingStatus.NOT_RAISED
    assert "withdrawal from the Rome Statute took effect on 2 June 2026" in duty.reason
    assert f"case correction by {ANALYST}, source {CITATION}" in duty.reason
    assert any(f"case correction by {ANALYST}" in s.text for s in duty.steps)


def test_a_correction_recording_the_revocation_raises_the_finding(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        visit = _hungary_july_2026(session)
        correction = _correct(session, action="confirm", event=REVOCATION, note="Revocation confirmed")
        duty, breach = both(session, visit)
        log = audit.entries_for(session, correction)
    assert duty.status == breach.status == FindingStatus.RAISED
    state_step = next(s for s in duty.steps if "was bound by the Rome Statute" in s.text)
    assert "its withdrawal was revoked" in state_step.text
    assert f"case correction by {ANALYST}, source {CITATION}" in state_step.text
    assert any(f"case correction by {ANALYST}" in s.text for s in breach.steps)
    assert [(e.action, e.actor) for e in log] == [("create", ANALYST)]


def test_a_disputed_event_makes_the_finding_undetermined_and_undo_restores_it(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        session.info["actor"] = ANALYST  # the analyst using Casefile, as CaseFile sets it
        visit = case_of(session, "Person Ω", "ICC Pre-Trial Chamber I", "2018-01-01", "PH", "Philippines",
                        "2019-03-20", None)  # fmt: skip
        (before,) = both(session, visit)
        source = add(session, Kind.SOURCE, title="Source <i>Тест</i>", kind="report")
        fix = records.create(session, Kind.STATUS_CORRECTION, {
            "iso2": "PH", "action": "dispute", "event": "PH:withdrawal_effective:2019-03-17", "source": source,
        }).id  # fmt: skip
        disputed = both(session, visit)
        gone = records.delete(session, fix)
        (after_delete,) = both(session, visit)
        records.restore(session, gone)
        again = both(session, visit)
    assert before.status == after_delete.status == FindingStatus.NOT_RAISED
    assert disputed[0].status == again[0].status == FindingStatus.UNDETERMINED
    assert "disputed in this case" in disputed[0].reason
    assert f"case correction by {ANALYST}, source Source <i>Тест</i>" in disputed[0].reason


def test_an_added_event_counts_and_the_timeline_shows_it(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        session.info["actor"] = ANALYST  # the analyst using Casefile, as CaseFile sets it
        visit = case_of(session, "Person 张", "ICC Pre-Trial Chamber II", "2023-03-17", "MN", "Mongolia",
                        "2030-01-02", None)  # fmt: skip
        (raised, _) = both(session, visit)
        _correct(session, iso2="MN", action="add", event_kind="withdrawal_effective", date="2029-01-01",
                 note="Hypothetical test event")  # fmt: skip
        (after,) = both(session, visit)
        line = status_corrections.timeline(session, "MN")
    assert raised.status == FindingStatus.RAISED and after.status == FindingStatus.NOT_RAISED
    assert f"case correction by {ANALYST}" in after.reason
    (entry,) = line
    assert not entry.shipped and entry.verification == "case_correction" and entry.source == CITATION


def test_a_correction_must_name_a_shipped_event_and_give_a_source(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        bad_event = {"iso2": "HU", "action": "dispute", "event": "HU:withdrawal_revoked:2020-01-01", "citation": "x"}
        no_source = {"iso2": "HU", "action": "confirm", "event": REVOCATION}
        partial = {"iso2": "HU", "action": "add", "event_kind": "withdrawal_effective", "date": "2026-06",
                   "citation": "x"}  # fmt: skip
        problems = []
        for values in (bad_event, no_source, partial):
            try:
                records.create(session, Kind.STATUS_CORRECTION, values)
            except ValidationError as exc:
                problems.append(str(exc))
    assert len(problems) == 3
    assert "is not a shipped event of HU" in problems[0] and "HU:withdrawal_revoked:" in problems[0]
    assert "give its source" in problems[1]
    assert "is not a single day" in problems[2]


def test_a_case_precedent_confirms_its_visit_and_is_listed_as_comparable_elsewhere(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        session.info["actor"] = ANALYST  # the analyst using Casefile, as CaseFile sets it
        visit = case_of(session, "Person א", "ICC Pre-Trial Chamber II", "2023-03-17", "MN", "Mongolia",
                        "2030-05-01", "2030-05-02")  # fmt: skip
        person = records.get(session, visit)["person"]
        state = records.get(session, visit)["state"]
        other = case_of(session, "Person ב", "ICC Pre-Trial Chamber II", "2023-03-17", "TJ", "Tajikistan",
                        "2030-06-01", None)  # fmt: skip
        precedent = records.create(session, Kind.PRECEDENT, {
            "chamber": "Test Chamber <b>&</b>", "decided": "2030-09-01", "reference": "TEST-1", "person": person,
            "state": state, "visit_start": "2030-05-01", "visit_end": "2030-05-02", "claim": "immunity",
            "outcome": "non_compliance_referred", "citation": "Test decision", "summary": "Хypothetical ruling",
        }).id  # fmt: skip
        listed = case_and_bundled_precedents(session)
        _, breach = both(session, visit)
        _, elsewhere = both(session, other)
    (mine,) = [p for p in listed if p.record_id == precedent]
    assert mine.recorded_by == ANALYST and mine.outcome == PrecedentOutcome.REFERRED and mine.iso2 == "MN"
    assert breach.confirmed and [r.record_id for r in breach.rulings] == [precedent]
    assert "Test Chamber <b>&</b>, 1 September 2030, TEST-1" in breach.reason
    assert f"case precedent added by {ANALYST}" in breach.reason
    assert precedent in [p.record_id for p in elsewhere.precedents]
    cited = [c for s in breach.steps for c in s.citations if c.record_id == precedent]
    assert cited


def test_findings_for_case_reads_the_case_precedents(empty_case: CaseFile) -> None:
    with empty_case.reading() as session:
        assert findings_for_case(session) == []
        assert len(case_and_bundled_precedents(session)) == len(case_and_bundled_precedents(session))


def test_every_kind_has_a_table_for_the_navigator(empty_case: CaseFile) -> None:
    from casefile.domain.kinds import RECORD_KINDS
    from casefile.services import tables
    from tests.interchange_cases import build_full_case

    with empty_case.unit_of_work() as session:
        ids = build_full_case(session)
        rows = {kind: tables.table_rows(session, kind) for kind in RECORD_KINDS}
    for kind in RECORD_KINDS:
        assert rows[kind] and all(len(r) == len(tables.headers(kind)) + 1 for r in rows[kind]), kind
    (correction,) = rows[Kind.STATUS_CORRECTION]
    assert correction[0] == ids["correction"] and correction[1:4] == ("HU", "Replace", "HU:withdrawal_revoked:")
    (precedent,) = rows[Kind.PRECEDENT]
    assert precedent[1:4] == ("Тестовый Свидетель <b>", "Монгол Улс", "2024-10")


def test_a_correction_and_a_case_precedent_are_found_by_search(empty_case: CaseFile) -> None:
    from casefile.services import search

    with empty_case.unit_of_work() as session:
        fix = _correct(session, action="dispute", event=REVOCATION, note="Ёлка Qwertyzine doubts the revocation")
        state = add(session, Kind.STATE, name="Hungary", iso2="HU")
        person = add(session, Kind.PERSON, name="Person 张")
        values = {"chamber": "Chamber", "person": person, "state": state, "citation": "x", "summary": "Zyxwvu 判决"}
        precedent = records.create(session, Kind.PRECEDENT, values).id
        found = {hit.id for hit in search.search(session, "ёлка qwertyzine")}
        also = {hit.id for hit in search.search(session, "zyxwvu")}
    assert fix in found and precedent in also
