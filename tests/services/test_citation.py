"""Copy Citation's text: a source as a reference entry, any other record by name, kind and case."""

from __future__ import annotations

from casefile.domain.kinds import Kind
from casefile.services import records
from casefile.services.citation import citation
from casefile.storage.casefile import CaseFile


def test_a_source_reads_as_a_reference_entry(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        outlet = records.create(session, Kind.ORGANISATION, {"name": "Новая газета <b>&</b>"})
        source = records.create(session, Kind.SOURCE, {
            "title": "ההחלטה <i>", "outlet": outlet.id, "author": "李明", "url": "https://example.org/a?b=1&c=2",
            "published": "2024-09-03", "accessed": "2024-09-04",
        })  # fmt: skip
        text = citation(session, source.id)
    assert text.startswith("李明, “ההחלטה <i>”, Новая газета <b>&</b>, published 2024-09-03, ")
    assert "https://example.org/a?b=1&c=2, accessed 2024-09-04." in text


def test_other_records_are_named_with_their_kind_and_case(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        person = records.create(session, Kind.PERSON, {"name": "زيد <b>"})
        text = citation(session, person.id)
        bare = records.create(session, Kind.SOURCE, {"title": "Untitled note"})
        assert citation(session, bare.id).startswith("“Untitled note”.")
    assert text.startswith("زيد <b> (person).")
