"""Bad input through the services: every error names its field and says what to do."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from casefile.domain.errors import ValidationError
from casefile.domain.kinds import Kind
from casefile.services import links, records
from casefile.storage.casefile import CaseFile
from tests.services.samples import Samples


def _refused(action: Callable[[], Any]) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        action()
    return caught.value


def _only(error: ValidationError, field: str) -> str:
    assert [p.field for p in error.problems] == [field], error.problems
    return error.problems[0].message


@pytest.fixture
def people(empty_case: CaseFile) -> dict[str, str]:
    with empty_case.unit_of_work() as session:
        putin = records.create(session, Kind.PERSON, {"name": "Vladimir Putin", "original_name": "Владимир Путин"})
        mongolia = records.create(session, Kind.STATE, {"name": "Mongolia", "iso2": "MN"})
        article = records.create(session, Kind.ARTICLE, {"number": "87(7)"})
    return {"putin": putin.id, "mongolia": mongolia.id, "article": article.id}


def test_visit_that_ends_before_it_starts(empty_case: CaseFile, people: dict[str, str]) -> None:
    values = {"person": people["putin"], "state": people["mongolia"], "start": "2024-09-02", "end": "2024-09-01"}
    with empty_case.reading() as session:
        message = _only(_refused(lambda: records.create(session, Kind.VISIT, values)), "end")
    assert "ends (2024-09-01) before it starts (2024-09-02)" in message


def test_visit_end_at_a_coarser_precision_is_fine(empty_case: CaseFile, people: dict[str, str]) -> None:
    # "2024-09" may well be after 2024-09-02, so it is not refused.
    values = {"person": people["putin"], "state": people["mongolia"], "start": "2024-09-02", "end": "2024-09"}
    with empty_case.reading() as session:
        assert records.create(session, Kind.VISIT, values)["end"] == "2024-09"


def test_editing_a_visit_so_it_ends_before_it_starts(empty_case: CaseFile, people: dict[str, str]) -> None:
    values = {"person": people["putin"], "state": people["mongolia"], "start": "2024-09-02", "end": "2024-09-03"}
    with empty_case.reading() as session:
        visit = records.create(session, Kind.VISIT, values)
        error = _refused(lambda: records.update_fields(session, visit.id, {"start": "2024-10"}))
    assert "before it starts" in _only(error, "end")


def test_link_to_a_missing_record(empty_case: CaseFile, people: dict[str, str]) -> None:
    with empty_case.reading() as session:
        error = _refused(lambda: links.link(session, people["putin"], "no-such-id", "visited"))
    assert _only(error, "to") == "there is no record with id no-such-id"


def test_link_to_a_deleted_record(empty_case: CaseFile, people: dict[str, str]) -> None:
    with empty_case.reading() as session:
        records.delete(session, people["mongolia"])
        error = _refused(lambda: links.link(session, people["putin"], people["mongolia"], "visited"))
    assert "has been deleted" in _only(error, "to")


def test_link_to_itself_and_without_a_kind(empty_case: CaseFile, people: dict[str, str]) -> None:
    with empty_case.reading() as session:
        error = _refused(lambda: links.link(session, people["putin"], people["putin"], "visited"))
        assert "cannot be linked to itself" in _only(error, "to")
        error = _refused(lambda: links.link(session, people["putin"], people["mongolia"], "  "))
        assert "Kind of link is required" in _only(error, "kind")


@pytest.mark.parametrize("text", ["", "   ", "\n\t \n", "\x00\x07"])
def test_empty_quote(empty_case: CaseFile, text: str) -> None:
    with empty_case.reading() as session:
        error = _refused(lambda: records.create(session, Kind.QUOTE, {"text": text}))
    assert _only(error, "text") == "Verbatim text is required"


def test_emptying_a_quote_by_an_edit(empty_case: CaseFile) -> None:
    with empty_case.reading() as session:
        quote = records.create(session, Kind.QUOTE, {"text": "no worries"})
        error = _refused(lambda: records.update_fields(session, quote.id, {"text": "  "}))
    assert _only(error, "text") == "Verbatim text cannot be empty"


@pytest.mark.parametrize("number", ["87((7)", "abc", "87(7", "8(2)(a)(vii"])
def test_malformed_article_reference(empty_case: CaseFile, number: str) -> None:
    with empty_case.reading() as session:
        error = _refused(lambda: records.create(session, Kind.ARTICLE, {"number": number}))
    message = _only(error, "number")
    assert f"'{number}' is not an article reference" in message
    assert "87(7)" in message


@pytest.mark.parametrize("code", ["XX", "MNG", "Mongolia", "M"])
def test_unknown_iso_code(empty_case: CaseFile, code: str) -> None:
    with empty_case.reading() as session:
        error = _refused(lambda: records.create(session, Kind.STATE, {"name": "Mongolia", "iso2": code}))
    message = _only(error, "iso2")
    assert f"'{code}' is not an ISO 3166 country code" in message
    assert "MN" in message


def test_iso_code_is_normalised(empty_case: CaseFile) -> None:
    with empty_case.reading() as session:
        assert records.create(session, Kind.STATE, {"name": "Монгол Улс", "iso2": " mn "})["iso2"] == "MN"


def test_reference_to_the_wrong_kind(empty_case: CaseFile, people: dict[str, str]) -> None:
    values = {"person": people["mongolia"], "state": people["mongolia"], "start": "2024-09-02"}
    with empty_case.reading() as session:
        error = _refused(lambda: records.create(session, Kind.VISIT, values))
    assert _only(error, "person") == "Person must be a person, not a state"


def test_warrant_citing_a_person_as_an_article(empty_case: CaseFile, people: dict[str, str]) -> None:
    values = {"subject": people["putin"], "issued": "2023-03-17", "articles": [people["article"], people["putin"]]}
    with empty_case.reading() as session:
        error = _refused(lambda: records.create(session, Kind.WARRANT, values))
    assert "must be a statute article, not a person" in _only(error, "articles")


def test_duplicate_article(empty_case: CaseFile, people: dict[str, str]) -> None:
    with empty_case.reading() as session:
        error = _refused(lambda: records.create(session, Kind.ARTICLE, {"number": "Art. 87 (7)"}))
        assert _only(error, "number") == "Art. 87(7) of the Rome Statute is already in this case"
        # The same number in another instrument is a different article.
        assert records.create(session, Kind.ARTICLE, {"number": "87(7)", "instrument": "ECHR"})


def test_duplicate_state_code(empty_case: CaseFile, people: dict[str, str]) -> None:
    with empty_case.reading() as session:
        error = _refused(lambda: records.create(session, Kind.STATE, {"name": "Монгол Улс", "iso2": "mn"}))
        assert _only(error, "iso2") == "a state with code MN is already in this case"
        other = records.create(session, Kind.STATE, {"name": "Russia", "iso2": "RU"})
        error = _refused(lambda: records.update_fields(session, other.id, {"iso2": "MN"}))
        assert "already in this case" in _only(error, "iso2")
        # Renaming a state without changing its code is not a clash with itself.
        assert records.update_fields(session, people["mongolia"], {"name": "Монгол Улс"})["iso2"] == "MN"


def test_duplicate_is_allowed_once_the_first_is_deleted(empty_case: CaseFile, people: dict[str, str]) -> None:
    with empty_case.reading() as session:
        records.delete(session, people["mongolia"])
        assert records.create(session, Kind.STATE, {"name": "Mongolia", "iso2": "MN"})


def test_unknown_field_name(empty_case: CaseFile) -> None:
    with empty_case.reading() as session:
        error = _refused(lambda: records.create(session, Kind.PERSON, {"nmae": "Putin"}))
    problems = {p.field: p.message for p in error.problems}
    assert problems["nmae"] == "Person has no field 'nmae'; did you mean 'name'?"
    assert problems["name"] == "Name is required"


def test_unknown_field_name_without_a_near_match_lists_the_fields(empty_case: CaseFile) -> None:
    with empty_case.reading() as session:
        error = _refused(lambda: records.create(session, Kind.STATE, {"name": "X", "iso2": "MN", "zzz": 1}))
    assert _only(error, "zzz") == "State has no field 'zzz'; its fields are name, iso2, notes"


def test_unknown_field_in_an_edit(empty_case: CaseFile, people: dict[str, str]) -> None:
    with empty_case.reading() as session:
        error = _refused(lambda: records.update_fields(session, people["putin"], {"alias": ["Путин"]}))
    assert "did you mean 'aliases'?" in _only(error, "alias")


@pytest.mark.parametrize(
    ("kind", "values", "field", "words"),
    [
        (Kind.SOURCE, {"title": "T", "reliability": "G"}, "reliability", "'G' is not one of: A, B, C, D, E, F"),
        (Kind.SOURCE, {"title": "T", "credibility": 7}, "credibility", "'7' is not one of"),
        (Kind.SOURCE, {"title": "T", "credibility": True}, "credibility", "must be a number"),
        (Kind.SOURCE, {"title": "T", "url": "javascript:alert(1)"}, "url", "start it with https://"),
        (Kind.SOURCE, {"title": "T", "published": "2023-02-30"}, "published", "has no day 30"),
        (Kind.PERSON, {"name": "P", "protected": "yes"}, "protected", "must be true or false"),
        (Kind.PERSON, {"name": 42}, "name", "must be text"),
        (Kind.PERSON, {"name": "P", "aliases": [1, 2]}, "aliases", "must be a list of text"),
        (Kind.PERSON, {"name": "\ud800"}, "name", "broken characters"),
        (Kind.VISIT, {"outcome": "escaped"}, "outcome", "not one of: arrested, not_arrested, unknown"),
        (Kind.WARRANT, {"articles": "87(7)"}, "articles", "must be a list of record ids"),
    ],
)
def test_bad_values_name_their_field(
    empty_case: CaseFile, kind: Kind, values: dict[str, Any], field: str, words: str
) -> None:
    with empty_case.reading() as session:
        error = _refused(lambda: records.create(session, kind, values))
    assert words in {p.field: p.message for p in error.problems}[field]


def test_every_problem_is_reported_at_once(empty_case: CaseFile) -> None:
    values = {"reliability": "Z", "published": "yesterday", "url": "nowhere"}
    with empty_case.reading() as session:
        error = _refused(lambda: records.create(session, Kind.SOURCE, values))
    assert {p.field for p in error.problems} == {"reliability", "published", "url", "title"}


def test_bulk_create_names_the_position(empty_case: CaseFile) -> None:
    with empty_case.reading() as session:
        samples = Samples(session)
        good = samples.values(Kind.QUOTE)
        error = _refused(lambda: records.bulk_create(session, Kind.QUOTE, [good, {"text": " "}]))
    assert _only(error, "[1].text") == "Verbatim text is required"


def test_choices_are_normalised(empty_case: CaseFile) -> None:
    with empty_case.reading() as session:
        source = records.create(session, Kind.SOURCE, {"title": "T", "reliability": "b", "kind": "Press release"})
        assert (source["reliability"], source["kind"]) == ("B", "press_release")
        assert records.create(session, Kind.SOURCE, {"title": "T", "credibility": "2"})["credibility"] == 2
