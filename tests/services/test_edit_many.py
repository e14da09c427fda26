"""Set Field for Selected…: one value in several records, all or none, and a refusal names its record."""

from __future__ import annotations

import pytest

from casefile.domain.errors import ValidationError
from casefile.domain.kinds import Kind
from casefile.services import records
from casefile.storage.casefile import CaseFile


def test_one_value_for_several_records_is_all_or_none(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        person = records.create(session, Kind.PERSON, {"name": "Иван <b>"})
        state = records.create(session, Kind.STATE, {"name": "Mongolia", "iso2": "MN"})
        early = records.create(session, Kind.VISIT, {"person": person.id, "state": state.id, "start": "2024-01-05"})
        late = records.create(session, Kind.VISIT, {"person": person.id, "state": state.id, "start": "2024-09-02"})
    with pytest.raises(ValidationError) as refused, empty_case.unit_of_work() as session:
        records.edit_many(session, [early.id, late.id], {"end": "2024-03-01"})  # before the second's first day
    assert str(refused.value).startswith("end: Иван <b> in Mongolia, 2024-09-02: ")
    with empty_case.reading() as session:
        assert records.get(session, early.id)["end"] is None  # the first was not saved alone
    with empty_case.unit_of_work() as session:
        changes = records.edit_many(session, [early.id, late.id], {"place": "אולן באטור & 乌兰巴托"})
    assert changes.updated == {Kind.VISIT: frozenset({early.id, late.id})}
    assert changes.fields == {early.id: frozenset({"place"}), late.id: frozenset({"place"})}
