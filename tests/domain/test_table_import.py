"""Columns to fields, and cells to values, for spreadsheet imports."""

from __future__ import annotations

import pytest

from casefile.domain import table_import as ti
from casefile.domain.errors import ValidationError
from casefile.domain.kinds import Kind, spec


def test_headers_match_by_label_json_name_and_common_variants() -> None:
    headers = ["ID", "Person", "Host State", "start_date", "Last day", "OUTCOME", "Comment"]
    assert ti.suggest_mapping(Kind.VISIT, headers) == {
        0: "id", 1: "person", 2: "state", 3: "start", 4: "end", 5: "outcome",
    }  # fmt: skip


def test_a_field_is_matched_once() -> None:
    assert ti.suggest_mapping(Kind.PERSON, ["Name", "Full name"]) == {0: "name"}


def test_a_mapping_without_a_required_field_is_refused_in_words() -> None:
    with pytest.raises(ValidationError, match="no column gives Person, Host state, First day"):
        ti.check_mapping(Kind.VISIT, {0: "place"}, ["Place"])
    with pytest.raises(ValidationError, match="there is no field 'colour'"):
        ti.check_mapping(Kind.PERSON, {0: "name", 1: "colour"}, ["Name", "Colour"])


@pytest.mark.parametrize(
    ("text", "stored"),
    [("17.03.2023", "2023-03-17"), ("March 2023", "2023-03"), ("2023", "2023"), ("45537", "2024-09-02"),
     ("2024-09-02 00:00:00", "2024-09-02")],
)  # fmt: skip
def test_dates_as_people_and_excel_write_them(text: str, stored: str) -> None:
    assert ti.convert_cell(spec(Kind.VISIT).field("start"), text) == stored


def test_choices_by_label_or_value_booleans_and_lists() -> None:
    visit, person = spec(Kind.VISIT), spec(Kind.PERSON)
    assert ti.convert_cell(visit.field("outcome"), "Not arrested") == "not_arrested"
    assert ti.convert_cell(visit.field("outcome"), "NOT_ARRESTED") == "not_arrested"
    assert ti.convert_cell(person.field("protected"), "Да") is True
    assert ti.convert_cell(person.field("aliases"), "Путин; Putin ;") == ["Путин", "Putin"]
    with pytest.raises(ValidationError, match="'detained' is not one of: Arrested, Not arrested, Unknown"):
        ti.convert_cell(visit.field("outcome"), "detained")


def test_a_row_keeps_references_as_written_and_names_its_problems() -> None:
    mapping = {0: "id", 1: "person", 2: "state", 3: "start", 4: "outcome"}
    row = ti.convert_row(Kind.VISIT, 7, ["", "Владимир Путин", "MN", "31.02.2024", "maybe"], mapping)
    assert row.refs == {"person": ["Владимир Путин"], "state": ["MN"]}
    assert row.record_id is None
    assert row.problems == [
        "First day: '31.02.2024': February 2024 has no day 31",
        "Outcome: 'maybe' is not one of: Arrested, Not arrested, Unknown",
    ]
