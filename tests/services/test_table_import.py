"""Planning a sheet import: references by name, matches by id, look-alikes, and nothing written on a problem."""

from __future__ import annotations

import pytest

from casefile.domain.errors import ValidationError
from casefile.domain.kinds import Kind
from casefile.services import records
from casefile.services import table_import as ti
from casefile.storage.casefile import CaseFile

VISIT_HEADERS = ["Person", "Host state", "First day", "Outcome"]
VISIT_MAPPING = {0: "person", 1: "state", 2: "start", 3: "outcome"}


@pytest.fixture
def case(empty_case: CaseFile) -> CaseFile:
    with empty_case.unit_of_work() as session:
        records.create(session, Kind.PERSON, {"name": "Vladimir Putin", "original_name": "Владимир Путин",
                                              "aliases": ["Путин"]})  # fmt: skip
        records.create(session, Kind.PERSON, {"name": "Li Na"})
        records.create(session, Kind.PERSON, {"name": "Li Na"})
        records.create(session, Kind.STATE, {"name": "Mongolia", "iso2": "MN"})
    return empty_case


def test_references_resolve_by_name_script_alias_or_code(case: CaseFile) -> None:
    rows = [(2, ["VLADIMIR PUTIN", "Mongolia", "2024-09-02", "Not arrested"]),
            (3, ["Путин", "mn", "September 2024", ""]), (4, ["владимир путин", "MONGOLIA", "2024", ""])]  # fmt: skip
    with case.unit_of_work() as session:
        plan = ti.plan(session, Kind.VISIT, rows, VISIT_MAPPING, VISIT_HEADERS)
        assert plan.blocked == ()
        ti.apply(session, plan, "visits.csv")
        visits = records.list_records(session, Kind.VISIT)
    assert len(visits) == 3
    assert {v.values["start"] for v in visits} == {"2024-09-02", "2024-09", "2024"}
    assert len({v.values["person"] for v in visits}) == 1


def test_missing_and_ambiguous_references_are_listed_never_guessed(case: CaseFile) -> None:
    rows = [(2, ["Vladimir Poutine", "Mongolia", "2024", ""]), (3, ["Li Na", "Mongolia", "2024", ""])]
    with pytest.raises(ValidationError) as caught:
        with case.unit_of_work() as session:
            plan = ti.plan(session, Kind.VISIT, rows, VISIT_MAPPING, VISIT_HEADERS)
            assert plan.problems == (
                "row 2: Person: the case has no person named 'Vladimir Poutine'; add it first, or correct the name",
                "row 3: Person: 2 records of the case are named 'Li Na'; write the id instead",
            )
            ti.apply(session, plan, "visits.csv")
    assert "Nothing was imported" in str(caught.value)
    with case.reading() as session:
        assert records.list_records(session, Kind.VISIT) == []


def test_rows_naming_records_the_case_has_wait_for_the_analysts_choice(case: CaseFile) -> None:
    rows = [(2, ["Vladimir Putin"]), (3, ["Dmitry Peskov"])]
    with case.reading() as session:
        asked = ti.plan(session, Kind.PERSON, rows, {0: "name"}, ["Name"])
        skipped = ti.plan(session, Kind.PERSON, rows, {0: "name"}, ["Name"], ti.Duplicates.SKIP)
        added = ti.plan(session, Kind.PERSON, rows, {0: "name"}, ["Name"], ti.Duplicates.ADD)
    assert asked.blocked == (
        "row 2: the case already has 'Vladimir Putin'; choose to skip such rows or add them anyway",
    )
    assert [r.number for r in skipped.new] == [3] and skipped.blocked == ()
    assert "Row 2: skipped, the case already has 'Vladimir Putin'." in skipped.summary()
    assert [r.number for r in added.new] == [2, 3]


def test_a_state_or_article_is_never_added_twice(case: CaseFile) -> None:
    rows = [(2, ["Mongolia (again)", "MN"]), (3, ["Chad", "TD"]), (4, ["Tchad", "TD"])]
    with case.reading() as session:
        plan = ti.plan(session, Kind.STATE, rows, {0: "name", 1: "iso2"}, ["Name", "Code"], ti.Duplicates.ADD)
    assert plan.problems == (
        "row 2: 'Mongolia (again)' is already in the case; it can be there only once",
        "row 4: 'Tchad' is on row 3 too; it can be there only once",
    )


def test_an_id_column_updates_what_changed_and_nothing_else(case: CaseFile) -> None:
    with case.unit_of_work() as session:
        putin = next(p for p in records.list_records(session, Kind.PERSON) if p.values["name"] == "Vladimir Putin")
        rows = [(2, [putin.id, "Vladimir Putin", "President of Russia"]), (3, [putin.id, "Vladimir Putin", ""])]
        plan = ti.plan(session, Kind.PERSON, rows, {0: "id", 1: "name", 2: "role"}, ["ID", "Name", "Role"])
    assert plan.problems == (f"row 3: the id {putin.id} is on an earlier row too",)
    with case.unit_of_work() as session:
        plan = ti.plan(session, Kind.PERSON, rows[:1], {0: "id", 1: "name", 2: "role"}, ["ID", "Name", "Role"])
        assert [(c.number, c.labels) for c in plan.changed] == [(2, ("Role or title",))]
        ti.apply(session, plan, "p.csv")
        assert records.get(session, putin.id).values["role"] == "President of Russia"
        assert records.get(session, putin.id).values["aliases"] == ["Путин"]
