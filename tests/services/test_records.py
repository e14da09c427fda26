"""Create, read, update, delete and restore every kind of record through the services."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from casefile.domain.errors import RecordNotFound, ValidationError
from casefile.domain.kinds import RECORD_KINDS, SPECS, Kind
from casefile.services import case, labels, links, parties, records, search
from casefile.storage.casefile import CaseFile
from tests.services.samples import CREATABLE, Samples


def _is_utc(moment: datetime) -> bool:
    return moment.tzinfo is not None and moment.utcoffset() == timedelta(0)


def test_every_kind_is_covered() -> None:
    assert set(CREATABLE) == set(RECORD_KINDS) == set(SPECS) - {Kind.CASE}


@pytest.mark.parametrize("kind", CREATABLE)
def test_create_and_get_every_field(empty_case: CaseFile, kind: Kind) -> None:
    before = datetime.now(UTC)
    with empty_case.unit_of_work() as session:
        samples = Samples(session)
        values = samples.values(kind)
        made = records.create(session, kind, values)
    with empty_case.reading() as session:
        got = records.get(session, made.id)
        listed = [r.id for r in records.list_records(session, kind)]
    assert got.kind == kind
    assert got.values == values == made.values
    assert set(got.values) == set(SPECS[kind].names)
    assert _is_utc(got.created) and _is_utc(got.updated)
    assert got.created == got.updated == made.created
    assert before <= got.created <= datetime.now(UTC)
    assert made.id in listed


@pytest.mark.parametrize("kind", CREATABLE)
def test_update_changes_fields_and_the_updated_time(empty_case: CaseFile, kind: Kind) -> None:
    with empty_case.unit_of_work() as session:
        samples = Samples(session)
        made = samples.make(kind)
        new_values = samples.values(kind, variant=1)
    with empty_case.unit_of_work() as session:
        changed = records.update_fields(session, made.id, new_values)
    with empty_case.reading() as session:
        got = records.get(session, made.id)
    assert got.values == new_values == changed.values
    assert got.created == made.created
    assert got.updated > made.updated
    assert _is_utc(got.updated)


@pytest.mark.parametrize("kind", CREATABLE)
def test_update_of_one_field_keeps_the_others(empty_case: CaseFile, kind: Kind) -> None:
    field = next(f for f in SPECS[kind].fields if f.type.value in ("text", "longtext"))
    with empty_case.unit_of_work() as session:
        made = Samples(session).make(kind)
        records.update_fields(session, made.id, {field.name: "Хүрэлсүх & <i>changed</i>"})
        got = records.get(session, made.id)
    assert got.values == {**made.values, field.name: "Хүрэлсүх & <i>changed</i>"}


@pytest.mark.parametrize("kind", CREATABLE)
def test_delete_and_restore_bring_back_the_same_record_and_its_links(empty_case: CaseFile, kind: Kind) -> None:
    with empty_case.unit_of_work() as session:
        samples = Samples(session)
        made = samples.make(kind)
        other = samples.make(Kind.PERSON, name="Maria Lvova-Belova")
        out_link = links.link(session, made.id, other.id, "mentions", note="out")
        in_link = links.link(session, other.id, made.id, "comments on", note="in")
    with empty_case.unit_of_work() as session:
        gone = records.delete(session, made.id)
    assert gone.id == made.id and gone.kind == kind
    assert set(gone.link_ids) == {out_link.id, in_link.id}
    assert _is_utc(gone.deleted_at)
    with empty_case.reading() as session:
        with pytest.raises(RecordNotFound, match=made.id):
            records.get(session, made.id)
        assert records.get(session, made.id, include_deleted=True).values == made.values
        assert made.id not in {r.id for r in records.list_records(session, kind)}
        assert links.links_of(session, other.id) == []
        with pytest.raises(RecordNotFound):
            records.get(session, out_link.id)
    with empty_case.unit_of_work() as session:
        records.restore(session, gone)
    with empty_case.reading() as session:
        assert records.get(session, made.id).values == made.values
        assert {e.link_id for e in links.links_of(session, other.id)} == {out_link.id, in_link.id}
        assert {e.link_id for e in links.links_of(session, made.id)} == {out_link.id, in_link.id}


def test_deleting_a_record_still_named_in_a_field_is_refused(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        visit = Samples(session).make(Kind.VISIT)
    with empty_case.reading() as session, pytest.raises(ValidationError) as caught:
        records.delete(session, visit["person"])
    message = str(caught.value)
    assert "still the person of 1 visit" in message
    assert "Change or delete those first" in message


def test_deleting_an_article_cited_by_a_warrant_is_refused(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        warrant = Samples(session).make(Kind.WARRANT, variant=1)
    with empty_case.reading() as session, pytest.raises(ValidationError, match="articles cited of 1 warrant"):
        records.delete(session, warrant["articles"][0])


def test_the_case_itself_cannot_be_deleted(empty_case: CaseFile) -> None:
    with empty_case.reading() as session:
        the_case = case.the_case(session)
        with pytest.raises(ValidationError, match="cannot be deleted"):
            records.delete(session, the_case.id)


def test_unknown_ids_are_not_found(empty_case: CaseFile) -> None:
    with empty_case.reading() as session:
        with pytest.raises(RecordNotFound, match="no-such-id"):
            records.get(session, "no-such-id")
        with pytest.raises(RecordNotFound, match="no-such-id"):
            records.delete(session, "no-such-id")
        with pytest.raises(RecordNotFound, match="no-such-id"):
            records.update_fields(session, "no-such-id", {"name": "x"})
        assert links.links_of(session, "no-such-id") == []


def test_create_with_an_existing_id_is_refused(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        person = Samples(session).make(Kind.PERSON)
    with empty_case.reading() as session, pytest.raises(ValidationError) as caught:
        records.create(session, Kind.PERSON, {"name": "Someone"}, record_id=person.id)
    assert caught.value.problems[0].field == "id"


def test_case_summary_and_update(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        case.update_case(session, {"title": "Путин <b>&</b>", "analyst": "A. Analyst"})
        samples = Samples(session)
        samples.make(Kind.VISIT)
    with empty_case.reading() as session:
        summary = case.summary(session)
    assert summary.case["title"] == "Путин <b>&</b>"
    assert summary.counts[Kind.VISIT] == 1
    assert summary.counts[Kind.PERSON] == 1
    assert summary.counts[Kind.STATE] == 1
    assert summary.counts[Kind.QUOTE] == 0


def test_services_never_commit(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        kept = Samples(session).make(Kind.PERSON, name="Kept person")
    with empty_case.reading() as session:
        samples = Samples(session)
        made = {kind: samples.make(kind).id for kind in CREATABLE}
        records.update_fields(session, kept.id, {"name": "Renamed Путин"})
        links.link(session, kept.id, made[Kind.STATE], "visited")
        records.delete(session, made[Kind.QUOTE])
        case.update_case(session, {"title": "Changed title"})
        parties.correct_party(session, "RU", entry_into_force="2024-01-01", withdrawal_effective=None, note="test")
        assert search.search(session, "Renamed")
    # reading() rolled back: had any service committed, its work would still be here.
    with empty_case.reading() as session:
        for record_id in made.values():
            with pytest.raises(RecordNotFound):
                records.get(session, record_id)
        assert records.get(session, kept.id)["name"] == "Kept person"
        assert links.links_of(session, kept.id) == []
        assert case.the_case(session)["title"] == "Empty case"
        assert parties.corrections(session) == []
        assert search.search(session, "Renamed") == []
        assert sum(case.counts(session).values()) == 1


def test_labels_for_every_kind(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        samples = Samples(session)
        made = {kind: samples.make(kind) for kind in CREATABLE}
        found = labels.labels(session, [r.id for r in made.values()] + [case.the_case(session).id])
    for kind, record in made.items():
        label = found[record.id]
        assert label.kind == kind
        assert label.text and label.text != kind.value, kind  # a kind without a label falls back to its name
        assert not label.deleted


def test_label_texts(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        putin = records.create(session, Kind.PERSON, {"name": "Vladimir Putin", "original_name": "Владимир Путин"})
        mongolia = records.create(session, Kind.STATE, {"name": "Mongolia", "iso2": "MN"})
        ptc = records.create(session, Kind.ORGANISATION, {"name": "ICC Pre-Trial Chamber II", "kind": "chamber"})
        art = records.create(session, Kind.ARTICLE, {"number": "Art. 87(7)"})
        echr = records.create(session, Kind.ARTICLE, {"number": "5", "instrument": "ECHR"})
        short = records.create(session, Kind.QUOTE, {"text": "no worries"})
        long_text = "In accordance with customary international law, heads of state, heads of government"
        long = records.create(session, Kind.QUOTE, {"text": long_text})
        warrant = records.create(session, Kind.WARRANT, {"subject": putin.id, "issued": "2023-03-17", "issuer": ptc.id})
        visit = records.create(session, Kind.VISIT, {"person": putin.id, "state": mongolia.id, "start": "2024-09-02"})
        link = links.link(session, putin.id, mongolia.id, "visited")
        made = [putin, mongolia, ptc, art, echr, short, long, warrant, visit, link]
        names = {k: v.text for k, v in labels.labels(session, [r.id for r in made]).items()}
    assert names[putin.id] == "Vladimir Putin"
    assert names[mongolia.id] == "Mongolia"
    assert names[art.id] == "Art. 87(7)"
    assert names[echr.id] == "Art. 5 ECHR"
    assert names[short.id] == "“no worries”"
    assert names[long.id].startswith("“In accordance") and names[long.id].endswith("…”")
    assert len(names[long.id]) <= labels.QUOTE_CHARS + 2
    assert names[warrant.id] == "Warrant 2023-03-17 for Vladimir Putin"
    assert names[visit.id] == "Vladimir Putin in Mongolia, 2024-09-02"
    assert names[link.id] == "Vladimir Putin — visited — Mongolia"
