"""Planning and applying a CSL-JSON import: matches, outlets, conflicts, and nothing written on a problem."""

from __future__ import annotations

import pytest

from casefile.domain import csl
from casefile.domain.errors import ValidationError
from casefile.domain.kinds import Kind
from casefile.services import csl as service
from casefile.services import records
from casefile.storage.casefile import CaseFile


def _items(*items: dict) -> list[csl.CslSource]:
    return csl.from_items(list(items))


def test_new_sources_are_added_with_their_outlets_found_or_created(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        meduza = records.create(session, Kind.ORGANISATION, {"name": "Медуза", "kind": "outlet"}).id
        plan = service.plan_import(
            session,
            _items(
                {"type": "article-newspaper", "title": "Один", "container-title": "МЕДУЗА"},
                {"type": "webpage", "title": "שתיים", "container-title": "Haaretz"},
                {"type": "webpage", "title": "三", "container-title": "haaretz"},
            ),
        )
        assert plan.problems == ()
        assert plan.outlets_to_create == ("Haaretz",)
        created = service.apply_import(session, plan, "zotero.json")
    with empty_case.reading() as session:
        sources = {s.values["title"]: s.values for s in records.list_records(session, Kind.SOURCE)}
        organisations = records.list_records(session, Kind.ORGANISATION)
    assert sources["Один"]["outlet"] == meduza
    assert sources["שתיים"]["outlet"] == sources["三"]["outlet"] != meduza
    assert len(organisations) == 2
    assert len(created) == 4


def test_sources_already_in_the_case_are_matched_never_added_twice(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        by_id = records.create(session, Kind.SOURCE, {"title": "By id"}).id
        records.create(session, Kind.SOURCE, {"title": "By URL", "url": "https://example.org/x"})
        records.create(session, Kind.SOURCE, {"title": "Ğörüş", "published": "2024-09-02"})
        plan = service.plan_import(
            session,
            _items(
                {"id": by_id, "type": "article-newspaper", "title": "By id"},
                {"type": "article-newspaper", "title": "Renamed since", "URL": "https://example.org/x"},
                {"type": "article-newspaper", "title": "GÖRÜŞ", "issued": {"date-parts": [[2024, 9, 2]]}},
                {"type": "article-newspaper", "title": "Görüş", "issued": {"date-parts": [[2024, 9, 3]]}},
            ),
        )
    assert [(m.item.index, m.how) for m in plan.matched] == [(1, "id"), (2, "URL"), (3, "title and date")]
    assert [m.item.index for m in plan.differing] == [2, 3]
    assert plan.differing[0].differs == ("Title",)
    assert [n.item.index for n in plan.new] == [4]
    assert any("the case's copy is kept" in line for line in plan.summary())


def test_a_differing_source_never_overwrites_the_case(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        source = records.create(session, Kind.SOURCE, {"title": "Original", "author": "A"})
        item = {"id": source.id, "title": "Original", "author": [{"literal": "B"}]}
        plan = service.plan_import(session, _items(item))
        service.apply_import(session, plan, "f.json")
    with empty_case.reading() as session:
        assert records.get(session, source.id).values["author"] == "A"


def test_an_ambiguous_outlet_or_a_bad_value_writes_nothing(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        for _ in range(2):
            records.create(session, Kind.ORGANISATION, {"name": "Reuters", "kind": "outlet"})
    items = _items(
        {"title": "Fine"},
        {"title": "Which Reuters?", "container-title": "reuters"},
        {"title": "Bad link", "URL": "javascript:alert(1)"},
    )
    with pytest.raises(ValidationError) as caught:
        with empty_case.unit_of_work() as session:
            service.apply_import(session, service.plan_import(session, items), "f.json")
    text = str(caught.value)
    assert "item 2: 2 organisations of the case are named 'reuters'" in text
    assert "item 3" in text and "nothing was imported" in text
    with empty_case.reading() as session:
        assert records.list_records(session, Kind.SOURCE) == []


def test_the_same_id_twice_in_one_file_is_a_problem(empty_case: CaseFile) -> None:
    with empty_case.reading() as session:
        plan = service.plan_import(session, _items({"id": "a", "title": "One"}, {"id": "a", "title": "Two"}))
    assert plan.problems == ("item 2: the id 'a' is used by an earlier item of the file",)


def test_our_own_ids_are_kept_and_foreign_ones_replaced(empty_case: CaseFile) -> None:
    ours = "8a4e0f4e-0b7e-4a3c-9d65-2f7f4c1f4b11"
    with empty_case.unit_of_work() as session:
        plan = service.plan_import(session, _items({"id": ours, "title": "A"}, {"id": "ITEM-1", "title": "B"}))
        service.apply_import(session, plan, "f.json")
    with empty_case.reading() as session:
        ids = {s.values["title"]: s.id for s in records.list_records(session, Kind.SOURCE)}
    assert ids["A"] == ours
    assert ids["B"] != "ITEM-1"
