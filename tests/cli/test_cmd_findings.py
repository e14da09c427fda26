"""`casefile findings`: the demo's Mongolia findings as text and as JSON, and how bad input is refused."""

from __future__ import annotations

import json
from pathlib import Path

from casefile.cli.cmd_findings import JSON_FORMAT, document
from casefile.domain.kinds import Kind
from casefile.services import case, records
from casefile.services.findings import findings_for_case
from casefile.storage.casefile import CaseFile
from tests.cli.conftest import RunCli


def test_findings_prints_the_demo_findings_with_their_reasoning(cli: RunCli, demo_case_path: Path) -> None:
    run = cli("findings", demo_case_path)
    assert run.code == 0, run.err
    assert run.err == ""
    lines = run.out.splitlines()
    assert lines[0] == "Compliance findings: Putin in Mongolia, 2–3 September 2024"
    assert "1. [RAISED] Arrest and surrender duty engaged (Arts 59(1), 86, 89(1))" in lines
    assert "2. [RAISED] Potential non-compliance (Art. 87(7))" in lines
    flat = " ".join(line.strip() for line in lines)
    assert "Confirmed by: Pre-Trial Chamber II finding that Mongolia failed to comply" in flat
    assert "(ICC Pre-Trial Chamber II, 24 October 2024)" in flat
    for article in ("Art. 58(4)", "Art. 97", "Art. 98", "Art. 27", "Art. 87(7)"):
        assert f"article: {article}, Rome Statute" in flat
    assert "reference: ICC States Parties register: Mongolia (MN), in force 2002-07-01" in flat
    assert "source: ABA ICC Project dataset" in flat


def test_findings_json_is_the_same_findings_as_plain_data(cli: RunCli, demo_case_path: Path) -> None:
    run = cli("findings", demo_case_path, "--json")
    assert run.code == 0, run.err
    doc = json.loads(run.out)
    with CaseFile.open(demo_case_path, read_only=True) as case_file, case_file.reading() as session:
        expected = document(case.the_case(session)["title"], findings_for_case(session))
    assert doc == expected
    assert doc["format"] == JSON_FORMAT
    assert [(f["code"], f["status"], f["confirmed"]) for f in doc["findings"]] == [
        ("duty_engaged", "raised", True),
        ("potential_non_compliance", "raised", True),
    ]
    duty = doc["findings"][0]
    assert sorted(c["article"] for c in duty["claims"]) == ["97", "98"]
    assert duty["decisions"][0]["date"] == "2024-10-24"
    kinds = {c["kind"] for s in duty["steps"] for c in s["citations"]}
    assert kinds == {"record", "reference", "precedent", "article"}


def test_findings_json_is_stable_from_run_to_run(cli: RunCli, demo_case_path: Path) -> None:
    first = cli("findings", demo_case_path, "--json").out
    assert first == cli("findings", demo_case_path, "--json").out


def test_findings_leaves_the_file_unchanged(cli: RunCli, demo_case_path: Path) -> None:
    before = demo_case_path.read_bytes()
    assert cli("findings", demo_case_path).code == 0
    assert cli("findings", demo_case_path, "--json").code == 0
    assert demo_case_path.read_bytes() == before


def test_findings_of_a_case_without_visits(cli: RunCli, empty_case_path: Path) -> None:
    run = cli("findings", empty_case_path)
    assert run.code == 0, run.err
    assert run.out.splitlines()[1] == "No visits are recorded in this case, so there is nothing to assess."
    assert json.loads(cli("findings", empty_case_path, "--json").out)["findings"] == []


def test_findings_show_what_is_undetermined_and_what_is_not_raised(cli: RunCli, empty_case_path: Path) -> None:
    with CaseFile.open(empty_case_path) as case_file, case_file.unit_of_work() as session:
        person = records.create(session, Kind.PERSON, {"name": "Person A"}).id
        chamber = records.create(session, Kind.ORGANISATION, {"name": "ICC Pre-Trial Chamber II"}).id
        warrant = {"issuer": chamber, "subject": person, "issued": "2023-03-17"}
        records.create(session, Kind.WARRANT, warrant)
        for name, iso2, start in (("Mongolia", "MN", "2023-03"), ("Russia", "RU", "2024-09-02")):
            state = records.create(session, Kind.STATE, {"name": name, "iso2": iso2}).id
            visit = {"person": person, "state": state, "start": start, "outcome": "not_arrested"}
            records.create(session, Kind.VISIT, visit)
    run = cli("findings", empty_case_path)
    assert run.code == 0, run.err
    flat = " ".join(line.strip() for line in run.out.splitlines())
    assert "[UNDETERMINED] Arrest and surrender duty (Arts 59(1), 86, 89(1)): undetermined" in flat
    assert "[UNDETERMINED] Potential non-compliance (Art. 87(7)): undetermined" in flat
    assert "[NOT RAISED] Arrest and surrender duty (Arts 59(1), 86, 89(1)): not raised" in flat
    assert "Why: Russia is not a party to the Rome Statute." in flat
    assert "the visit began in March 2023" in flat


def test_findings_of_a_missing_file_is_one_line_of_error(cli: RunCli, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.casefile"
    cli("findings", missing).assert_user_error("nowhere.casefile")
    assert not missing.exists()


def test_findings_refuses_a_file_that_is_not_a_case(cli: RunCli, tmp_path: Path) -> None:
    notes = tmp_path / "notes.casefile"
    notes.write_bytes(b"not a case at all")
    cli("findings", notes, "--json").assert_user_error("notes.casefile")
    assert notes.read_bytes() == b"not a case at all"


def test_findings_is_listed_in_the_help(cli: RunCli) -> None:
    run = cli("--help")
    assert run.code == 0
    assert "findings" in run.out and "compliance findings" in run.out


def test_findings_json_carries_status_events_and_precedents(cli: RunCli, demo_case_path: Path) -> None:
    run = cli("findings", demo_case_path, "--json")
    assert run.code == 0, run.err
    breach = json.loads(run.out)["findings"][1]
    (ruling,) = breach["rulings"]  # the Court's own decision on the Mongolia visit, from icc_precedents.csv
    assert (ruling["iso2"], ruling["decision_date"], ruling["outcome"]) == (
        "MN",
        "2024-10-24",
        "non_compliance_referred",
    )
    jordan = [p for p in breach["precedents"] if p["iso2"] == "JO"]
    assert [p["outcome"] for p in jordan] == ["non_compliance_referred", "referral_reversed_on_appeal"]
    assert jordan[1]["reference"] == "ICC-02/05-01/09-397"
    assert breach["status_events"] == []  # Mongolia has no event after entry into force


def test_findings_json_gives_each_step_its_events_precedents_and_articles(cli: RunCli, empty_case_path: Path) -> None:
    """Hungary in July 2026: the step on the state carries the unverified events; Art. 87(7) its own words."""
    with CaseFile.open(empty_case_path) as case_file, case_file.unit_of_work() as session:
        person = records.create(session, Kind.PERSON, {"name": "Benjamin Netanyahu"}).id
        chamber = records.create(session, Kind.ORGANISATION, {"name": "ICC Pre-Trial Chamber I"}).id
        records.create(session, Kind.WARRANT, {"issuer": chamber, "subject": person, "issued": "2024-11-21"})
        state = records.create(session, Kind.STATE, {"name": "Hungary", "iso2": "HU"}).id
        for start in ("2025-04-03", "2026-07-10"):
            records.create(session, Kind.VISIT, {"person": person, "state": state, "start": start,
                                                 "outcome": "not_arrested"})  # fmt: skip
    run = cli("findings", empty_case_path, "--json")
    assert run.code == 0, run.err
    april_duty, april_breach, july_duty, _ = json.loads(run.out)["findings"]
    state_step = next(s for s in july_duty["steps"] if s["result"] == "undetermined")
    events = {e["event"]: e for e in state_step["events"]}
    assert events["withdrawal_revoked"]["verification"] == "unverified"
    assert events["withdrawal_notified"]["effective_date"] == "2026-06-02"
    register = next(c for c in state_step["citations"] if c["kind"] == "reference" and c["event"] is None)
    assert register["verification"] == "single_source"
    element_step = next(s for s in april_breach["steps"] if "Art. 87(7) has these elements" in s["text"])
    (article,) = element_step["articles"]
    assert article["article"] == "87(7)"
    assert article["text"].startswith("Art. 87(7) (Requests for cooperation: general provisions): 7. ")
    ruling_step = next(s for s in april_breach["steps"] if s["precedents"])
    assert ruling_step["precedents"][0]["host_state"] == "Hungary"
    assert ruling_step["citations"][0]["precedent"]["verification"]
    engaged = next(s for s in april_duty["steps"] if s["text"].startswith("Both conditions hold"))
    assert [a["article"] for a in engaged["articles"]] == ["59(1)", "86", "89(1)"]
    assert all(a["text"] for a in engaged["articles"])
    assert engaged["records"] == []


def test_findings_json_names_a_case_correction_and_a_case_precedent(cli: RunCli, demo_case_path: Path) -> None:
    with CaseFile.open(demo_case_path) as case_file, case_file.unit_of_work() as session:
        session.info["actor"] = "Аналитик"  # the analyst using Casefile, as CaseFile sets it
        visit = records.list_records(session, Kind.VISIT)[0]
        # Mongolia's shipped data has no status event: the case adds a hypothetical Art. 124 declaration.
        values = {"iso2": "MN", "action": "add", "event_kind": "article_124_declaration", "date": "2024-01-01",
                  "citation": "Hypothetical «тест»"}  # fmt: skip
        fix = records.create(session, Kind.STATUS_CORRECTION, values).id
        precedent = {"chamber": "Test Chamber", "person": visit["person"], "state": visit["state"],
                     "claim": "immunity", "outcome": "informed_only", "citation": "Test"}  # fmt: skip
        mine = records.create(session, Kind.PRECEDENT, precedent).id
    run = cli("findings", demo_case_path, "--json")
    assert run.code == 0, run.err
    duty = json.loads(run.out)["findings"][0]
    (event,) = duty["status_events"]
    assert event["case_correction"] == "case correction by Аналитик, source Hypothetical «тест»"
    assert event["correction_records"] == [fix] and event["disputed"] is False
    listed = [p for p in duty["precedents"] if p["case_record"] == mine]
    assert listed and listed[0]["recorded_by"] == "Аналитик" and listed[0]["claim"] == "immunity"
