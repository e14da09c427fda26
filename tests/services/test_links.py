"""Links are records of their own, visible from both ends, and leave with the records they tie."""

from __future__ import annotations

import pytest

from casefile.domain.errors import RecordNotFound
from casefile.domain.kinds import Kind
from casefile.services import links, records
from casefile.storage.casefile import CaseFile


@pytest.fixture
def linked(empty_case: CaseFile) -> dict[str, str]:
    with empty_case.unit_of_work() as session:
        putin = records.create(session, Kind.PERSON, {"name": "Vladimir Putin", "original_name": "Владимир Путин"})
        mongolia = records.create(session, Kind.STATE, {"name": "Mongolia", "iso2": "MN"})
        source = records.create(session, Kind.SOURCE, {"title": "The Moscow Times, 2 September 2024"})
        quote = records.create(session, Kind.QUOTE, {"text": "no worries", "speaker": putin.id})
        visited = links.link(
            session, putin.id, mongolia.id, "visited", note="<b>Ulaanbaatar</b> & back", date="2024-09-02",
            source=source.id,
        )  # fmt: skip
        comments = links.link(session, quote.id, mongolia.id, "comments on")
    return {
        "putin": putin.id, "mongolia": mongolia.id, "source": source.id, "quote": quote.id,
        "visited": visited.id, "comments": comments.id,
    }  # fmt: skip


def test_a_link_is_visible_from_both_ends(empty_case: CaseFile, linked: dict[str, str]) -> None:
    with empty_case.reading() as session:
        from_putin = links.links_of(session, linked["putin"])
        from_mongolia = links.links_of(session, linked["mongolia"])
    assert len(from_putin) == 1
    end = from_putin[0]
    assert (end.link_id, end.kind, end.direction) == (linked["visited"], "visited", "outgoing")
    assert (end.other_id, end.other_kind, end.other_label) == (linked["mongolia"], Kind.STATE, "Mongolia")
    assert (end.note, end.date, end.source_id) == ("<b>Ulaanbaatar</b> & back", "2024-09-02", linked["source"])
    assert {(e.link_id, e.direction, e.other_label) for e in from_mongolia} == {
        (linked["visited"], "incoming", "Vladimir Putin"),
        (linked["comments"], "incoming", "“no worries”"),
    }


def test_outgoing_links_come_first(empty_case: CaseFile, linked: dict[str, str]) -> None:
    with empty_case.unit_of_work() as session:
        links.link(session, linked["mongolia"], linked["source"], "reported by")
    with empty_case.reading() as session:
        ends = links.links_of(session, linked["mongolia"])
    assert [e.direction for e in ends] == ["outgoing", "incoming", "incoming"]


def test_unlink_and_restore(empty_case: CaseFile, linked: dict[str, str]) -> None:
    with empty_case.unit_of_work() as session:
        gone = links.unlink(session, linked["visited"])
    assert gone.kind == Kind.LINK
    with empty_case.reading() as session:
        assert links.links_of(session, linked["putin"]) == []
        assert [e.link_id for e in links.links_of(session, linked["mongolia"])] == [linked["comments"]]
    with empty_case.unit_of_work() as session:
        records.restore(session, gone)
    with empty_case.reading() as session:
        assert [e.link_id for e in links.links_of(session, linked["putin"])] == [linked["visited"]]


def test_deleting_a_record_takes_its_links_and_restore_brings_them_back(
    empty_case: CaseFile, linked: dict[str, str]
) -> None:
    with empty_case.reading() as session:
        before = {rid: links.links_of(session, rid) for rid in (linked["mongolia"], linked["putin"], linked["quote"])}
    with empty_case.unit_of_work() as session:
        gone = records.delete(session, linked["mongolia"])
    assert set(gone.link_ids) == {linked["visited"], linked["comments"]}
    with empty_case.reading() as session:
        assert links.links_of(session, linked["putin"]) == []
        assert links.links_of(session, linked["quote"]) == []
        for link_id in gone.link_ids:
            with pytest.raises(RecordNotFound):
                records.get(session, link_id)
    with empty_case.unit_of_work() as session:
        records.restore(session, gone)
    with empty_case.reading() as session:
        after = {rid: links.links_of(session, rid) for rid in before}
    assert after == before


def test_a_link_deleted_earlier_is_not_restored_with_the_record(empty_case: CaseFile, linked: dict[str, str]) -> None:
    with empty_case.unit_of_work() as session:
        links.unlink(session, linked["comments"])
        gone = records.delete(session, linked["mongolia"])
        assert gone.link_ids == (linked["visited"],)
        records.restore(session, gone)
        ends = links.links_of(session, linked["mongolia"])
    assert [e.link_id for e in ends] == [linked["visited"]]


def test_a_link_is_a_record_with_a_label(empty_case: CaseFile, linked: dict[str, str]) -> None:
    with empty_case.reading() as session:
        link = records.get(session, linked["visited"])
    assert link.kind == Kind.LINK
    assert (link["from"], link["to"], link["kind"]) == (linked["putin"], linked["mongolia"], "visited")
