"""Deleting many records at once (an import's undo): the same rules and audit rows as one by one."""

from __future__ import annotations

import pytest

from casefile.domain.errors import ValidationError
from casefile.domain.kinds import Kind
from casefile.services import bulk_delete, case, links, records
from casefile.services.audit import entries, verify_chain
from casefile.storage.casefile import CaseFile


def test_records_naming_each_other_go_together_with_their_links_and_come_back(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as s:
        outlet = records.create(s, Kind.ORGANISATION, {"name": "Укрінформ <b>&</b>", "kind": "outlet"}).id
        source = records.create(s, Kind.SOURCE, {"title": "Путин в Улан-Баторе", "outlet": outlet}).id
        person = records.create(s, Kind.PERSON, {"name": "Анна Петрова"}).id
        link = records.create(s, Kind.LINK, {"from": person, "to": source, "kind": "cited_in"}).id
    with empty_case.unit_of_work() as s:
        gone = bulk_delete.delete_many(s, [source, outlet])
    assert [(d.id, d.link_ids) for d in gone] == [(source, (link,)), (outlet, ())]
    with empty_case.reading() as s:
        counts = case.counts(s)
        assert counts[Kind.SOURCE] == counts[Kind.ORGANISATION] == counts[Kind.LINK] == 0
        assert links.links_of(s, person) == []
        deletes = [e for e in entries(s) if e.action in ("delete", "unlink")]
    assert [e.record_id for e in deletes][-3:] == [source, link, outlet]
    with empty_case.unit_of_work() as s:
        bulk_delete.restore_many(s, gone)
    with empty_case.reading() as s:
        assert records.get(s, source).values["outlet"] == outlet
        assert [end.link_id for end in links.links_of(s, person)] == [link]
        restores = [(e.action, e.record_id) for e in entries(s)][-3:]
        assert verify_chain(s) is None  # rows written at once chain exactly as rows written one by one
    assert restores == [("restore", source), ("restore", link), ("restore", outlet)]


def test_a_record_named_by_one_outside_the_set_refuses_the_whole_delete(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as s:
        outlet = records.create(s, Kind.ORGANISATION, {"name": "Медуза", "kind": "outlet"}).id
        records.create(s, Kind.SOURCE, {"title": "Kept", "outlet": outlet})
        other = records.create(s, Kind.PERSON, {"name": "X"}).id
    with pytest.raises(ValidationError, match="1 sources still name these records in their outlet"):
        with empty_case.unit_of_work() as s:
            bulk_delete.delete_many(s, [other, outlet])
    with empty_case.reading() as s:
        assert case.counts(s)[Kind.PERSON] == 1 and case.counts(s)[Kind.ORGANISATION] == 1
