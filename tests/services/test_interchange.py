"""to_document and load_document: the whole live case out, and exactly back in."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from casefile.domain.case_document import ANCHOR_KEY, RECORD_KEYS, TOP_LEVEL_KEYS, validate_document
from casefile.domain.errors import ValidationError
from casefile.domain.kinds import RECORD_KINDS, Kind, spec
from casefile.reference import iso_codes
from casefile.services import case, interchange, links, parties, records, search
from casefile.storage.casefile import CaseFile
from tests.interchange_cases import build_full_case


@pytest.fixture
def full_case(empty_case: CaseFile) -> CaseFile:
    with empty_case.unit_of_work() as session:
        build_full_case(session)
    return empty_case


def test_document_keys_are_in_a_stable_order(full_case: CaseFile) -> None:
    with full_case.reading() as session:
        document = interchange.to_document(session)
    # The audit anchor is added by the export job, last, once the document is complete.
    assert (*document, ANCHOR_KEY) == TOP_LEVEL_KEYS
    assert tuple(document["case"]) == (*RECORD_KEYS, *spec(Kind.CASE).names)
    for kind in RECORD_KINDS:
        items = document[spec(kind).json_key]
        assert items, kind
        assert all(tuple(item) == (*RECORD_KEYS, *spec(kind).names) for item in items)
    assert tuple(document["party_corrections"][0]) == (
        "iso2", "name", "entry_into_force", "withdrawal_effective", "note", "recorded",
    )  # fmt: skip


def test_records_come_in_creation_order_with_their_values(full_case: CaseFile) -> None:
    with full_case.reading() as session:
        document = interchange.to_document(session)
        persons = records.list_records(session, Kind.PERSON)
    assert [p["id"] for p in document["persons"]] == [p.id for p in persons]
    witness = document["persons"][0]
    assert witness["name"] == "Тестовый Свидетель <b>"
    assert witness["protected"] is True
    assert witness["created"].endswith("Z")
    warrant = document["warrants"][0]
    assert warrant["articles"] == [a["id"] for a in reversed(document["articles"])]


def test_deleted_records_are_left_out(full_case: CaseFile) -> None:
    with full_case.unit_of_work() as session:
        link_id = interchange.to_document(session)["links"][1]["id"]
        links.unlink(session, link_id)
        document = interchange.to_document(session)
    assert link_id not in {item["id"] for item in document["links"]}
    assert len(document["links"]) == 1


def _load_into(target: CaseFile, document: dict[str, object]) -> None:
    validated = validate_document(document, iso_codes=iso_codes())
    with target.unit_of_work() as session:
        interchange.load_document(session, validated)


def test_load_reproduces_the_document_exactly(full_case: CaseFile, tmp_path: Path) -> None:
    with full_case.reading() as session:
        original = interchange.to_document(session)
    with CaseFile.create(tmp_path / "copy.casefile", "placeholder") as copy:
        _load_into(copy, original)
        with copy.reading() as session:
            assert interchange.to_document(session) == original
            assert case.the_case(session).id == original["case"]["id"]
            register = parties.register(session)
            assert register.row("UA").correction_note == "Test correction & <b>"  # type: ignore[union-attr]
            assert session.execute(text("PRAGMA foreign_key_check")).fetchall() == []


def test_loaded_case_is_indexed_for_search(full_case: CaseFile, tmp_path: Path) -> None:
    with full_case.reading() as session:
        original = interchange.to_document(session)
    with CaseFile.create(tmp_path / "copy.casefile", "placeholder") as copy:
        _load_into(copy, original)
        with copy.reading() as session:
            hits = search.search(session, "осужден")
            assert {hit.kind for hit in hits} == {Kind.CASE, Kind.PERSON}
            assert not search.search(session, "placeholder")


def test_forward_references_load(empty_case: CaseFile, tmp_path: Path) -> None:
    first, second, person = (f"{n:08x}-0000-4000-8000-000000000000" for n in (1, 2, 3))
    document = {
        "format": "casefile/1",
        "case": {"id": f"{9:08x}-0000-4000-8000-000000000000", "title": "Forward"},
        "persons": [{"id": person, "name": "Путин"}],
        "links": [
            {"id": first, "from": person, "to": second, "kind": "cites"},
            {"id": second, "from": person, "to": person + "x", "kind": "cites"},
        ],
    }
    with pytest.raises(ValidationError):
        _load_into(empty_case, document)
    document["links"][1]["to"] = first  # type: ignore[index]
    _load_into(empty_case, document)
    with empty_case.reading() as session:
        assert [link.id for link in records.list_records(session, Kind.LINK)] == [first, second]


def test_load_refuses_a_case_that_is_not_empty(demo_case: CaseFile) -> None:
    with demo_case.reading() as session:
        document = interchange.to_document(session)
    validated = validate_document(document, iso_codes=iso_codes())
    with pytest.raises(ValidationError, match="only be loaded into a new, empty case"), demo_case.unit_of_work() as s:
        interchange.load_document(s, validated)


def test_timestamps_survive_exactly(empty_case: CaseFile, tmp_path: Path) -> None:
    stamp = "2023-03-17T09:05:07.000001Z"
    document = {
        "format": "casefile/1",
        "case": {"id": f"{9:08x}-0000-4000-8000-000000000000", "title": "T", "created": stamp, "updated": stamp},
        "persons": [{"id": f"{1:08x}-0000-4000-8000-000000000000", "name": "Путин", "created": stamp}],
    }
    _load_into(empty_case, document)
    with empty_case.reading() as session:
        exported = interchange.to_document(session)
        person = records.list_records(session, Kind.PERSON)[0]
    assert exported["case"]["created"] == exported["case"]["updated"] == stamp
    assert exported["persons"][0]["created"] == stamp
    assert person.created == datetime(2023, 3, 17, 9, 5, 7, 1, tzinfo=UTC)
