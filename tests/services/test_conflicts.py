"""Two people saving the same field of the same record: the second save is refused, never lost (both engines)."""

from __future__ import annotations

import pytest

from casefile.domain.errors import EditConflict
from casefile.domain.kinds import Kind
from casefile.services import audit, records
from casefile.storage.open_case import OpenCase
from tests.conftest import TEST_ANALYST
from tests.postgres import analyst_of


def _person(case: OpenCase) -> records.RecordData:
    with case.unit_of_work() as session:
        return records.create(session, Kind.PERSON, {"name": "Ivan Fictional", "notes": "<b>first</b> & note"})


def test_the_second_save_of_a_field_someone_changed_is_refused_with_who_when_and_both_values(
    empty_case: OpenCase,
) -> None:
    seen = _person(empty_case)  # what my form shows
    with empty_case.unit_of_work() as session:  # a colleague saves first
        records.update_fields(session, seen.id, {"name": "Иван Вымышленный"}, expected=seen.values)
    with empty_case.reading() as session:
        log_before = len(audit.entries(session))
    with pytest.raises(EditConflict) as refused, empty_case.unit_of_work() as session:
        records.update_fields(session, seen.id, {"name": "Ivan Fictionalov"}, expected=seen.values)
    conflict = refused.value
    assert (conflict.field, conflict.mine, conflict.theirs) == ("name", "Ivan Fictionalov", "Иван Вымышленный")
    assert conflict.by == analyst_of(empty_case, TEST_ANALYST) and conflict.at and conflict.at.endswith("UTC")
    assert "changed Name at" in conflict.message and "“Иван Вымышленный”" in conflict.message
    with empty_case.reading() as session:
        assert records.get(session, seen.id).values["name"] == "Иван Вымышленный"  # theirs stays
        assert len(audit.entries(session)) == log_before  # nothing written, nothing logged


def test_keeping_mine_after_a_conflict_saves_over_theirs(empty_case: OpenCase) -> None:
    seen = _person(empty_case)
    with empty_case.unit_of_work() as session:
        theirs = records.update_fields(session, seen.id, {"notes": "их заметка"}, expected=seen.values)
    with empty_case.unit_of_work() as session:  # "keep mine": the person has now seen their value
        records.update_fields(session, seen.id, {"notes": "моя заметка"}, expected=theirs.values)
    with empty_case.reading() as session:
        assert records.get(session, seen.id).values["notes"] == "моя заметка"


def test_different_fields_and_the_same_new_value_are_no_conflict(empty_case: OpenCase) -> None:
    seen = _person(empty_case)
    with empty_case.unit_of_work() as session:
        records.update_fields(session, seen.id, {"name": "Ivan F."}, expected=seen.values)
    with empty_case.unit_of_work() as session:
        records.update_fields(session, seen.id, {"notes": "mine"}, expected=seen.values)
        records.update_fields(session, seen.id, {"name": "Ivan F."}, expected=seen.values)
    with empty_case.reading() as session:
        assert records.get(session, seen.id).values | {} == {**seen.values, "name": "Ivan F.", "notes": "mine"}
