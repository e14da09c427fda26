"""Validation of casefile/1 documents: every problem at once, each with its JSON path."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casefile.domain.case_document import (
    TOP_LEVEL_KEYS,
    InvalidDocument,
    format_timestamp,
    parse_timestamp,
    validate_document,
)
from casefile.domain.errors import ValidationError
from casefile.domain.kinds import RECORD_KINDS, Kind, spec

CODES = frozenset({"MN", "RU", "UA"})
NOW = datetime(2024, 9, 2, 18, 30, tzinfo=UTC)
CASE_ID = "00000000-0000-4000-8000-000000000000"
PERSON = "11111111-1111-4111-8111-111111111111"
STATE = "22222222-2222-4222-8222-222222222222"
ARTICLE = "33333333-3333-4333-8333-333333333333"
MISSING = "99999999-9999-4999-8999-999999999999"


def _uuid(n: int) -> str:
    return f"{n:08x}-0000-4000-8000-000000000000"


def _document(**lists: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "format": "casefile/1",
        "case": {"id": CASE_ID, "created": "2024-09-01T10:00:00.000000Z", "title": "Дело <b>&</b>"},
        "persons": [{"id": PERSON, "name": "Путин"}],
        "states": [{"id": STATE, "name": "Монгол Улс", "iso2": "mn"}],
        "articles": [{"id": ARTICLE, "number": "Art. 87(7)"}],
    }
    return base | lists


def _problems(data: object) -> dict[str, str]:
    with pytest.raises(InvalidDocument) as caught:
        validate_document(data, iso_codes=CODES, now=NOW)
    return {p.field: p.message for p in caught.value.problems}


def test_a_valid_document_is_cleaned_and_keeps_ids_and_order() -> None:
    second = _uuid(5)
    document = validate_document(
        _document(persons=[{"id": PERSON, "name": " Путин "}, {"id": second, "name": '<font color="x">'}]),
        iso_codes=CODES,
        now=NOW,
    )
    assert document.case.id == CASE_ID
    assert document.case.created == datetime(2024, 9, 1, 10, tzinfo=UTC)
    assert document.case.updated == NOW  # left out, so the import time stands in
    assert document.case.values["title"] == "Дело <b>&</b>"
    assert [p.id for p in document.records[Kind.PERSON]] == [PERSON, second]
    assert [p.values["name"] for p in document.records[Kind.PERSON]] == ["Путин", '<font color="x">']
    assert document.records[Kind.PERSON][0].values["protected"] is False
    assert document.records[Kind.STATE][0].values["iso2"] == "MN"
    assert document.records[Kind.ARTICLE][0].values == {
        "instrument": "Rome Statute",
        "number": "87(7)",
        "title": None,
        "text": None,
    }
    assert set(document.records) == set(RECORD_KINDS)


def test_not_an_object() -> None:
    assert _problems([1, 2]) == {"$": "the document must be a JSON object {...}, not a list"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("casefile/2", "'casefile/2' is not a format this Casefile reads (casefile/1); a newer one may"),
        ("other", "must be \"casefile/1\", not 'other'"),
        (1, 'must be "casefile/1", not 1'),
    ],
)
def test_wrong_format(value: object, expected: str) -> None:
    assert _problems(_document(format=value)) == {"$.format": expected}


def test_missing_format_and_case_and_unknown_keys() -> None:
    data = _document(extra=1, Persons=[])
    del data["format"], data["case"]
    problems = _problems(data)
    assert set(problems) == {"$.format", "$.case", "$.extra", "$.Persons"}
    assert problems["$.extra"].startswith("unknown key; the document holds only format, case, persons")


def test_every_problem_is_collected_with_its_path() -> None:
    data = _document(
        persons=[
            {"id": PERSON, "name": "A"},
            {"id": _uuid(2), "name": "B"},
            {"id": _uuid(3), "name": "C", "protected": "yes"},
            {"id": _uuid(4), "name": ""},
            "not a record",
        ],
        quotes=[{"id": _uuid(10), "text": ["list"], "speaker": STATE}],
        warrants=[{"id": _uuid(11), "subject": STATE, "issued": "2023-02-30", "articles": [ARTICLE, MISSING]}],
        links=[
            {"id": _uuid(20), "from": PERSON, "to": PERSON, "kind": "met"},
            {"id": _uuid(21), "from": PERSON, "to": CASE_ID, "kind": "x"},
            {"id": _uuid(22), "from": MISSING, "to": PERSON, "kind": "x"},
        ],
        visits={"id": _uuid(30)},
        sources=[{"id": PERSON, "title": "Dup"}],
    )
    problems = _problems(data)
    assert problems == {
        "$.persons[2].protected": "Protected identity must be true or false",
        "$.persons[3].name": "Name is required",
        "$.persons[4]": "must be an object with an id and the fields of a person, not text",
        "$.quotes[0].text": "Verbatim text must be text",
        "$.quotes[0].speaker": f"Speaker must be a person, but {STATE} is the state at $.states[0]",
        "$.warrants[0].issued": "'2023-02-30': February 2023 has no day 30",
        "$.warrants[0].subject": f"Subject must be a person, but {STATE} is the state at $.states[0]",
        "$.warrants[0].articles[1]": f"no record with id {MISSING} in this document",
        "$.links[0].to": "a record cannot be linked to itself",
        "$.links[1].to": "the case itself cannot be referred to; name one of its records",
        "$.links[2].from": f"no record with id {MISSING} in this document",
        "$.visits": "must be a list of visits, not an object",
        "$.sources[0].id": f"{PERSON} is already the id of $.persons[0]; ids must be unique",
    }


def test_message_counts_and_lists_every_problem() -> None:
    data = _document(persons=[{"id": PERSON}, {"id": "nope", "name": "x", "colour": "red"}])
    with pytest.raises(InvalidDocument) as caught:
        validate_document(data, iso_codes=CODES, now=NOW)
    message = str(caught.value)
    assert message.startswith("The JSON document has 3 problems: $.persons[0].name: Name is required; ")
    assert "$.persons[1].id: 'nope' is not a UUID" in message
    assert "$.persons[1].colour: Person has no field 'colour'" in message
    assert message.endswith("nothing was changed.")
    assert isinstance(caught.value, ValidationError)


@pytest.mark.parametrize(
    ("record_id", "fragment"),
    [
        (None, "missing; every record needs a UUID"),
        (12, "a number is not a UUID"),
        ("ABCDEF12-3456-4789-8ABC-DEF123456789", "is not a UUID; write it in lowercase"),
        ("{" + PERSON + "}", "is not a UUID"),
    ],
)
def test_bad_ids(record_id: object, fragment: str) -> None:
    person: dict[str, Any] = {"name": "x"} if record_id is None else {"id": record_id, "name": "x"}
    problems = _problems(_document(persons=[person]))
    assert fragment in problems["$.persons[0].id"]


def test_references_of_a_record_with_other_problems_are_still_checked() -> None:
    problems = _problems(_document(visits=[{"id": _uuid(9), "person": MISSING, "state": STATE}]))
    assert set(problems) == {"$.visits[0].person", "$.visits[0].start"}


def test_forward_references_within_the_document_resolve() -> None:
    later = _uuid(41)
    links = [
        {"id": _uuid(40), "from": later, "to": PERSON, "kind": "cites"},
        {"id": later, "from": PERSON, "to": ARTICLE, "kind": "cites"},
    ]
    document = validate_document(_document(links=links), iso_codes=CODES, now=NOW)
    assert [link.values["from"] for link in document.records[Kind.LINK]] == [later, PERSON]


@pytest.mark.parametrize(
    ("created", "updated", "path", "fragment"),
    [
        ("2024-09-02T10:00:00", None, "created", "has no time zone"),
        ("yesterday", None, "created", "'yesterday' is not a timestamp"),
        (1725271200, None, "created", "must be a timestamp in quotes"),
        ("2024-09-02T10:00:00Z", "2024-09-01T10:00:00Z", "updated", "is earlier than created"),
    ],
)
def test_bad_timestamps(created: object, updated: object, path: str, fragment: str) -> None:
    person = {"id": PERSON, "name": "x", "created": created, "updated": updated}
    assert fragment in _problems(_document(persons=[person]))[f"$.persons[0].{path}"]


def test_timestamps_with_offsets_become_utc_and_format_exactly() -> None:
    moment = parse_timestamp("2024-09-03T01:30:00.123456+07:00", "$.x")
    assert moment == datetime(2024, 9, 2, 18, 30, 0, 123456, tzinfo=UTC)
    assert format_timestamp(moment) == "2024-09-02T18:30:00.123456Z"
    assert parse_timestamp(format_timestamp(moment), "$.x") == moment


def test_states_and_articles_must_be_unique() -> None:
    problems = _problems(
        _document(
            states=[
                {"id": STATE, "name": "Mongolia", "iso2": "MN"},
                {"id": _uuid(6), "name": "Монголия", "iso2": "mn"},
            ],
            articles=[{"id": ARTICLE, "number": "87(7)"}, {"id": _uuid(7), "number": "Art. 87(7)"}],
        )
    )
    assert problems == {
        "$.states[1].iso2": "the state code MN is already at $.states[0]; a case holds it once",
        "$.articles[1].number": "Art. 87(7) of the Rome Statute is already at $.articles[0]; a case holds it once",
    }


def test_party_corrections_are_validated() -> None:
    corrections = [
        {"iso2": "ua", "entry_into_force": "2025-01-01", "note": "Ratified <b>&</b>", "recorded": "2025-01-02T00:00Z"},
        {"iso2": "XX", "entry_into_force": "2025-01", "note": ""},
        {"iso2": "MN", "entry_into_force": "2002-07-01", "withdrawal_effective": "2001-01-01", "note": "x", "y": 1},
        {"iso2": "UA", "note": "twice"},
        [],
    ]
    problems = _problems(_document(party_corrections=corrections))
    assert problems == {
        "$.party_corrections[1].iso2": "'XX' is not an ISO 3166 country code; use two letters such as MN or UA",
        "$.party_corrections[1].entry_into_force": "'2025-01' is not a single day; write it as YYYY-MM-DD",
        "$.party_corrections[1].note": "required; say why the shipped data is corrected, and on what source",
        "$.party_corrections[2].y": "unknown key; a correction has only iso2, name, entry_into_force, "
        "withdrawal_effective, note, recorded",
        "$.party_corrections[2].withdrawal_effective": "2001-01-01 is not after entry into force (2002-07-01)",
        "$.party_corrections[3].iso2": "UA is corrected twice; keep one correction",
        "$.party_corrections[4]": "must be an object with iso2, dates and a note, not a list",
    }


def test_a_valid_party_correction() -> None:
    fix = {"iso2": "ua", "entry_into_force": "2025-01-01", "note": "Ratified <b>", "recorded": "2025-01-02T00:00Z"}
    document = validate_document(_document(party_corrections=[fix]), iso_codes=CODES, now=NOW)
    (correction,) = document.party_corrections
    assert (correction.iso2, correction.name, correction.entry_into_force) == ("UA", None, date(2025, 1, 1))
    assert correction.recorded == datetime(2025, 1, 2, tzinfo=UTC)


def test_top_level_keys_follow_the_kind_specs() -> None:
    assert TOP_LEVEL_KEYS == (
        "format",
        "case",
        *(spec(k).json_key for k in RECORD_KINDS),
        "party_corrections",
        "attachments",
        "audit_anchor",
    )
    assert TOP_LEVEL_KEYS[2:13] == (
        "persons", "states", "organisations", "warrants", "visits", "quotes", "articles", "sources",
        "status_corrections", "precedents", "links",
    )  # fmt: skip


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(st.sampled_from([*TOP_LEVEL_KEYS, "other"]), _JSON, max_size=6)
    | st.fixed_dictionaries({"format": st.just("casefile/1"), "case": _JSON, "persons": st.lists(_JSON, max_size=3)})
)
def test_any_json_value_gives_a_document_or_a_listed_problem(data: dict[str, Any]) -> None:
    try:
        validate_document(data, iso_codes=CODES, now=NOW)
    except InvalidDocument as exc:
        assert exc.problems
        assert all(p.field.startswith("$") for p in exc.problems)


def test_an_organisation_from_a_document_older_than_the_icc_organ_field_keeps_its_findings() -> None:
    organs = [
        {"id": _uuid(1), "name": "ICC Pre-Trial Chamber II"},  # written before revision 3: the name rule held
        {"id": _uuid(2), "name": "Суд <b>&"},
        {"id": _uuid(3), "name": "Appeals Chamber", "icc_organ": True},  # written after: the field decides
        {"id": _uuid(4), "name": "ICC Pre-Trial Chamber I", "icc_organ": False},
    ]
    document = validate_document(_document(organisations=organs), iso_codes=CODES, now=NOW)
    assert [o.values["icc_organ"] for o in document.records[Kind.ORGANISATION]] == [True, False, True, False]
