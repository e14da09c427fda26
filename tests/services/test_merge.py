"""Planning and applying a merge between two copies of a case, in sessions of both files."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from casefile.domain.case_document import format_timestamp
from casefile.domain.errors import ValidationError
from casefile.domain.kinds import Kind
from casefile.domain.merge import ALTERNATIVE_LINK, Outcome, Resolution
from casefile.services import interchange, links, records, search
from casefile.services.merge import MergeOutdated, MergePlan, apply_merge, last_merge_at, plan_merge
from casefile.storage.casefile import CaseFile
from casefile.storage.models import Record

_records = Record.__table__


@pytest.fixture
def copies(demo_case_path: Path, tmp_path: Path) -> Iterator[tuple[CaseFile, CaseFile]]:
    """My demo case and a colleague's copy of it, taken before either was edited."""
    theirs_path = tmp_path / "theirs.casefile"
    shutil.copyfile(demo_case_path, theirs_path)
    with CaseFile.open(demo_case_path) as mine, CaseFile.open(theirs_path) as theirs:
        yield mine, theirs


def document(case_file: CaseFile) -> dict[str, Any]:
    with case_file.reading() as session:
        return interchange.to_document(session)


def plan(mine: CaseFile, theirs: CaseFile) -> MergePlan:
    with mine.reading() as session:
        return plan_merge(session, document(theirs))


def merge(mine: CaseFile, theirs: CaseFile, choices: dict[str, Resolution] | None = None) -> MergePlan:
    found = plan(mine, theirs)
    with mine.unit_of_work() as session:
        apply_merge(session, found, choices or {})
    return found


def first(case_file: CaseFile, kind: Kind) -> str:
    with case_file.reading() as session:
        return records.list_records(session, kind)[0].id


def edit(case_file: CaseFile, record_id: str, **values: Any) -> None:
    with case_file.unit_of_work() as session:
        records.update_fields(session, record_id, values)


def get(case_file: CaseFile, record_id: str) -> records.RecordData:
    with case_file.reading() as session:
        return records.get(session, record_id, include_deleted=True)


def test_identical_copies_skip_everything(copies: tuple[CaseFile, CaseFile]) -> None:
    found = plan(*copies)
    assert not found.has_changes and not found.conflicts
    counts = found.counts()
    assert counts[Kind.PERSON].skipped == counts[Kind.PERSON].total > 0
    assert sum(c.total for c in counts.values()) == len(found.items)


def test_new_records_come_across_with_their_links_ids_and_timestamps(copies: tuple[CaseFile, CaseFile]) -> None:
    mine, theirs = copies
    existing = first(theirs, Kind.PERSON)
    with theirs.unit_of_work() as session:
        person = records.create(session, Kind.PERSON, {"name": "Testperson Zebedee"})
        source = records.create(session, Kind.SOURCE, {"title": "Fictional Gazette"})
        quote = records.create(session, Kind.QUOTE, {"text": "Nothing happened.", "speaker": person.id,
                                                     "source": source.id})  # fmt: skip
        link = links.link(session, person.id, existing, "mentions")
    found = merge(mine, theirs)
    counts = found.counts()
    assert (counts[Kind.PERSON].added, counts[Kind.SOURCE].added, counts[Kind.QUOTE].added) == (1, 1, 1)
    assert counts[Kind.LINK].added == 1 and counts[Kind.PERSON].conflicts == 0
    for made in (person, source, quote, link):
        got = get(mine, made.id)
        assert (got.values, got.created, got.updated) == (made.values, made.created, made.updated)
    with mine.reading() as session:
        ends = links.links_of(session, existing)
        assert any(end.link_id == link.id and end.other_id == person.id for end in ends)
        hits = {hit.id for hit in search.search(session, "Zebedee")}
    assert hits == {person.id, quote.id}  # the quote is found by its speaker's name


def test_a_new_warrant_brings_its_cited_articles(copies: tuple[CaseFile, CaseFile]) -> None:
    mine, theirs = copies
    subject, old_article = first(theirs, Kind.PERSON), first(theirs, Kind.ARTICLE)
    with theirs.unit_of_work() as session:
        article = records.create(session, Kind.ARTICLE, {"instrument": "Fictional Charter", "number": "12"})
        warrant = records.create(session, Kind.WARRANT, {"subject": subject, "issued": "2031-02",
                                                         "articles": [article.id, old_article]})  # fmt: skip
    merge(mine, theirs)
    assert get(mine, warrant.id).values["articles"] == [article.id, old_article]
    assert get(mine, article.id).values["number"] == "12"


def test_a_record_changed_only_in_their_copy_is_updated(copies: tuple[CaseFile, CaseFile]) -> None:
    mine, theirs = copies
    person = first(theirs, Kind.PERSON)
    edit(theirs, person, notes="Seen at the fictional summit.")
    found = merge(mine, theirs)
    assert found.counts()[Kind.PERSON].updated == 1
    got, theirs_now = get(mine, person), get(theirs, person)
    assert got.values["notes"] == "Seen at the fictional summit."
    assert got.updated == theirs_now.updated  # both copies now agree on the version, not only the values


def test_a_record_changed_only_in_my_copy_is_kept(copies: tuple[CaseFile, CaseFile]) -> None:
    mine, theirs = copies
    person = first(mine, Kind.PERSON)
    edit(mine, person, notes="mine")
    found = plan(mine, theirs)
    assert not found.has_changes
    assert next(i for i in found.items if i.id == person).reason == "changed only in your copy"


@pytest.fixture
def conflict(copies: tuple[CaseFile, CaseFile]) -> tuple[CaseFile, CaseFile, str]:
    mine, theirs = copies
    person = first(mine, Kind.PERSON)
    edit(mine, person, notes="my note")
    edit(theirs, person, notes="their note", role="Fictional role")
    return mine, theirs, person


def test_a_record_changed_in_both_copies_is_a_conflict_with_both_versions(
    conflict: tuple[CaseFile, CaseFile, str],
) -> None:
    mine, theirs, person = conflict
    found = plan(mine, theirs)
    assert [c.id for c in found.conflicts] == [person]
    shown = found.conflicts[0]
    assert shown.mine.values["notes"] == "my note" and shown.theirs.values["notes"] == "their note"
    assert set(shown.differing) == {"notes", "role"}
    assert shown.label and shown.allows_both
    assert found.counts()[Kind.PERSON].conflicts == 1


def test_applying_without_a_choice_for_every_conflict_is_refused(conflict: tuple[CaseFile, CaseFile, str]) -> None:
    mine, theirs, person = conflict
    found = plan(mine, theirs)
    with pytest.raises(ValidationError, match="choose which to keep"), mine.unit_of_work() as session:
        apply_merge(session, found, {})
    assert get(mine, person).values["notes"] == "my note"


def test_keep_mine_leaves_my_version_and_is_not_asked_again(conflict: tuple[CaseFile, CaseFile, str]) -> None:
    mine, theirs, person = conflict
    before = get(mine, person)
    merge(mine, theirs, {person: Resolution.MINE})
    assert get(mine, person) == before
    with mine.reading() as session:
        assert last_merge_at(session) is not None
    again = plan(mine, theirs)
    assert not again.conflicts and not again.has_changes


def test_keep_theirs_takes_their_version(conflict: tuple[CaseFile, CaseFile, str]) -> None:
    mine, theirs, person = conflict
    merge(mine, theirs, {person: Resolution.THEIRS})
    got = get(mine, person)
    assert (got.values["notes"], got.values["role"]) == ("their note", "Fictional role")
    assert got.updated == get(theirs, person).updated


def test_keep_both_adds_theirs_as_a_linked_alternative(conflict: tuple[CaseFile, CaseFile, str]) -> None:
    mine, theirs, person = conflict
    found = plan(mine, theirs)
    with mine.unit_of_work() as session:
        result = apply_merge(session, found, {person: Resolution.BOTH})
    new_id = result.alternatives[person]
    assert new_id != person
    assert get(mine, person).values["notes"] == "my note"
    assert get(mine, new_id).values["notes"] == "their note"
    with mine.reading() as session:
        ends = links.links_of(session, person)
    assert any(e.kind == ALTERNATIVE_LINK and e.other_id == new_id and e.direction == "incoming" for e in ends)
    assert new_id in result.changes.added[Kind.PERSON]


def test_keep_both_is_refused_for_a_state(copies: tuple[CaseFile, CaseFile]) -> None:
    mine, theirs = copies
    state = first(mine, Kind.STATE)
    edit(mine, state, notes="mine")
    edit(theirs, state, notes="theirs")
    found = plan(mine, theirs)
    assert not found.conflicts[0].allows_both
    with pytest.raises(ValidationError, match="keep yours or theirs"), mine.unit_of_work() as session:
        apply_merge(session, found, {state: Resolution.BOTH})


def test_a_state_both_copies_added_is_one_state(copies: tuple[CaseFile, CaseFile]) -> None:
    mine, theirs = copies
    person = first(theirs, Kind.PERSON)
    with mine.unit_of_work() as session:
        my_state = records.create(session, Kind.STATE, {"name": "Antarctica", "iso2": "AQ"})
    with theirs.unit_of_work() as session:
        their_state = records.create(session, Kind.STATE, {"name": "Antarctica", "iso2": "AQ"})
        visit = records.create(session, Kind.VISIT, {"person": person, "state": their_state.id, "start": "2030-01"})
    found = merge(mine, theirs)
    assert next(i for i in found.items if i.id == their_state.id).outcome == Outcome.SKIPPED
    assert get(mine, visit.id).values["state"] == my_state.id
    with mine.reading() as session, pytest.raises(records.RecordNotFound):
        records.get(session, their_state.id, include_deleted=True)


def test_my_deleted_record_stays_deleted_unless_they_changed_it(copies: tuple[CaseFile, CaseFile]) -> None:
    mine = copies[0]
    with mine.unit_of_work() as session:
        made = records.create(session, Kind.PERSON, {"name": "Testperson Gone"})
    with mine.reading() as session:
        theirs_doc = interchange.to_document(session)  # they copied it while it was still there
    with mine.unit_of_work() as session:
        deleted = records.delete(session, made.id)
    with mine.reading() as session:
        found = plan_merge(session, theirs_doc)
    assert next(i for i in found.items if i.id == made.id).reason == "you deleted it"
    assert not found.has_changes
    their_person = next(p for p in theirs_doc["persons"] if p["id"] == made.id)
    their_person["notes"] = "they edited it after you deleted it"
    their_person["updated"] = format_timestamp(deleted.deleted_at + timedelta(minutes=5))
    with mine.reading() as session:
        found = plan_merge(session, theirs_doc)
    assert [c.id for c in found.conflicts] == [made.id]
    assert found.conflicts[0].mine.deleted_at == deleted.deleted_at
    with mine.unit_of_work() as session:
        apply_merge(session, found, {made.id: Resolution.THEIRS})
    restored = get(mine, made.id)
    assert restored.values["notes"] == "they edited it after you deleted it"
    with mine.reading() as session:
        assert session.execute(select(_records.c.deleted_at).where(_records.c.id == made.id)).scalar_one() is None


def test_an_edit_between_planning_and_applying_is_refused(conflict: tuple[CaseFile, CaseFile, str]) -> None:
    mine, theirs, person = conflict
    found = plan(mine, theirs)
    edit(mine, person, notes="edited meanwhile")
    with pytest.raises(MergeOutdated, match="Start the merge again"), mine.unit_of_work() as session:
        apply_merge(session, found, {person: Resolution.THEIRS})
    assert get(mine, person).values["notes"] == "edited meanwhile"


def test_an_id_used_for_another_kind_is_refused(copies: tuple[CaseFile, CaseFile]) -> None:
    mine, theirs = copies
    with mine.unit_of_work() as session:
        my_person = records.create(session, Kind.PERSON, {"name": "Testperson Clash"}).id
    their_doc = document(theirs)
    source = their_doc["sources"][0]["id"]
    forged = _replaced(their_doc, source, my_person)  # their source now bears my person's id
    with mine.reading() as session, pytest.raises(ValidationError, match="not come from the same case"):
        plan_merge(session, forged)


def _replaced(value: Any, old: str, new: str) -> Any:
    if isinstance(value, dict):
        return {k: _replaced(v, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [_replaced(v, old, new) for v in value]
    return new if value == old else value


def test_an_inconsistent_copy_is_refused_as_a_copy(copies: tuple[CaseFile, CaseFile]) -> None:
    mine, theirs = copies
    their_doc = document(theirs)
    their_doc["quotes"][0]["speaker"] = "00000000-0000-4000-8000-000000000000"
    with mine.reading() as session, pytest.raises(ValidationError, match="The copy to merge") as caught:
        plan_merge(session, their_doc)
    assert "no record with id 00000000-0000-4000-8000-000000000000" in str(caught.value)
    assert "JSON" not in str(caught.value)


def test_records_deleted_in_their_copy_stay_in_mine(copies: tuple[CaseFile, CaseFile]) -> None:
    mine, theirs = copies
    with mine.unit_of_work() as session:
        made = records.create(session, Kind.PERSON, {"name": "Testperson Stays"})
    found = plan(mine, theirs)
    assert made.id not in {i.id for i in found.items}
    with mine.reading() as session:
        assert session.execute(select(_records.c.deleted_at).where(_records.c.id == made.id)).scalar_one() is None


def test_a_status_correction_and_a_case_precedent_merge_by_their_ids(copies: tuple[CaseFile, CaseFile]) -> None:
    mine, theirs = copies
    with theirs.unit_of_work() as session:
        state = records.list_records(session, Kind.STATE)[0].id
        person = records.list_records(session, Kind.PERSON)[0].id
        fix = records.create(session, Kind.STATUS_CORRECTION, {"iso2": "HU", "action": "dispute",
                             "event": "HU:withdrawal_revoked:", "citation": "Test citation «ع»"})  # fmt: skip
        precedent = records.create(session, Kind.PRECEDENT, {"chamber": "Test Chamber", "person": person,
                                   "state": state, "citation": "Test", "outcome": "informed_only"})  # fmt: skip
    counts = merge(mine, theirs).counts()
    assert (counts[Kind.STATUS_CORRECTION].added, counts[Kind.PRECEDENT].added) == (1, 1)
    for made in (fix, precedent):
        got = get(mine, made.id)
        assert (got.values, got.created, got.updated) == (made.values, made.created, made.updated)
    edit(theirs, fix.id, note="Their note")
    again = merge(mine, theirs).counts()
    assert again[Kind.STATUS_CORRECTION].updated == 1 and get(mine, fix.id)["note"] == "Their note"
