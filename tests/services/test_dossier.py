"""The Dossier built from a case: sections, numbered citations, grouping, party status and redaction."""

from __future__ import annotations

import re
from datetime import date

import pytest

from casefile.domain.dossier import Dossier, PdfOptions, Section, parse_sections
from casefile.domain.errors import ValidationError
from casefile.domain.kinds import Kind
from casefile.services import links, records
from casefile.services.dossier import CHART_LIMIT, build_dossier
from casefile.storage.casefile import CaseFile

ALL = PdfOptions(exported_on=date(2024, 11, 1))


def _build(case_file: CaseFile, options: PdfOptions = ALL) -> Dossier:
    with case_file.reading() as session:
        return build_dossier(session, options)


def _all_citations(dossier: Dossier) -> list[int]:
    """Note numbers in the order the body cites them."""
    found: list[int] = []
    for content in dossier.sections:
        for group in content.groups:
            for entry in group.entries:
                found += list(entry.citations)
                for item in entry.items:
                    found += list(item.citations)
                for line in entry.links:
                    found += list(line.citations)
            for line in group.lines:
                found += list(line.citations)
            for quote in group.quotes:
                found += list(quote.citations)
    return found


def test_sections_follow_the_dossier_order(demo_case: CaseFile) -> None:
    dossier = _build(demo_case)
    assert [s.section for s in dossier.sections] == [
        Section.SUMMARY, Section.KEY_FACTS, Section.COMPLIANCE, Section.CHRONOLOGY, Section.PERSONS, Section.WARRANTS,
        Section.VISITS, Section.COMMENTARY, Section.APPENDIX, Section.PRECEDENTS, Section.EVIDENCE_GAPS,
        Section.SOURCES, Section.LINK_CHART,
    ]  # fmt: skip
    assert dossier.cover.title == "Putin in Mongolia, 2–3 September 2024"
    assert dossier.cover.exported_on == date(2024, 11, 1)
    assert ("Quotes", 8) in dossier.cover.counts


def test_sources_are_numbered_in_order_of_first_citation(demo_case: CaseFile) -> None:
    dossier = _build(demo_case)
    cited = _all_citations(dossier)
    first_seen = list(dict.fromkeys(cited))
    assert first_seen == list(range(1, len(first_seen) + 1))
    assert [s.number for s in dossier.sources] == list(range(1, 11)), "uncited sources follow the cited ones"
    moscow_times = next(s for s in dossier.sources if s.outlet == "The Moscow Times")
    assert moscow_times.grade == "B2 — source: usually reliable; information: probably true"
    assert moscow_times.published == "2 September 2024"


def test_without_the_sources_section_there_are_no_notes(demo_case: CaseFile) -> None:
    options = PdfOptions(sections=frozenset(Section) - {Section.SOURCES})
    dossier = _build(demo_case, options)
    assert _all_citations(dossier) == [] and dossier.sources == ()


def test_quotes_are_grouped_by_what_they_comment_on(demo_case: CaseFile) -> None:
    commentary = _build(demo_case).section(Section.COMMENTARY)
    assert commentary is not None
    titles = [g.title for g in commentary.groups]
    assert titles[:2] == ["Art. 27 — Irrelevance of official capacity", "Art. 86 — General obligation to cooperate"]
    assert titles[2].startswith("Vladimir Putin in Mongolia")
    quotes = [q for g in commentary.groups for q in g.quotes]
    assert len(quotes) == 8 == len({q.anchor for q in quotes})
    first = commentary.groups[0].quotes[0]
    assert first.speaker is not None and first.speaker.text == "Sergey Vasiliev"
    assert first.pinpoint == "para. 4" and first.also_about[0].text == "Art. 98"


def test_compliance_findings_are_in_the_dossier(demo_case: CaseFile) -> None:
    compliance = _build(demo_case).section(Section.COMPLIANCE)
    assert compliance is not None
    titles = [f.title for f in compliance.findings]
    assert titles == [
        "Arrest and surrender duty engaged (Arts 59(1), 86, 89(1))",
        "Potential non-compliance (Art. 87(7))",
    ]
    assert all(f.steps and f.visit.anchor for f in compliance.findings)
    assert compliance.findings[0].confirmed_by


def _visit_status(case_file: CaseFile, iso2: str, start: str, end: str | None = None) -> str:
    with case_file.unit_of_work() as s:
        person = records.create(s, Kind.PERSON, {"name": "Visitor"}).id
        state = records.create(s, Kind.STATE, {"name": iso2, "iso2": iso2}).id
        records.create(s, Kind.VISIT, {"person": person, "state": state, "start": start, "end": end})
    visits = _build(case_file).section(Section.VISITS)
    assert visits is not None
    entry = visits.groups[0].entries[-1]
    return next(i.text for i in entry.items if i.label == "ICC State Party on those dates")


@pytest.mark.parametrize(
    ("iso2", "start", "end", "expected"),
    [
        ("MN", "2024-09-02", "2024-09-03", "Yes, on every day of the visit"),
        ("BI", "2018-01-01", None, "No"),
        ("BI", "2017-10", None, "Undetermined"),
        ("UA", "2024-09-02", None, "No"),
        ("UA", "2025-02-01", None, "Yes"),
        ("RU", "2024", None, "No. The reference data lists RU as no State Party."),
    ],
)
def test_visits_say_whether_the_host_state_was_bound(
    empty_case: CaseFile, iso2: str, start: str, end: str | None, expected: str
) -> None:
    assert _visit_status(empty_case, iso2, start, end).startswith(expected)


def test_redaction_replaces_every_form_of_a_protected_name(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as s:
        secret = records.create(s, Kind.PERSON, {
            "name": "Ivan Petrov", "original_name": "Иван Петров", "aliases": ["Vanya"], "protected": True,
            "role": "Witness to the transfer", "notes": "Lives in Kyiv",
        }).id  # fmt: skip
        other = records.create(s, Kind.PERSON, {"name": "Anna Open", "notes": "Met Ивана Петрова and Petrov's aide"}).id
        records.create(s, Kind.QUOTE, {"text": "I, Ivan, saw it", "speaker": secret, "speaker_role": "driver"})
        links.link(s, other, secret, "met", note="Vanya was there")
    plain = " ".join(_build(empty_case).texts())
    assert "Ivan Petrov" in plain and "Lives in Kyiv" in plain
    redacted = _build(empty_case, PdfOptions(redact=True))
    text = " ".join(redacted.texts())
    for hidden in ("Ivan", "Petrov", "Иван", "Петров", "Vanya", "Kyiv", "driver", "Witness to the transfer"):
        assert hidden not in text, hidden
    assert "Met Witness A and Witness A's aide" in text
    assert "Anna Open" in text
    persons = redacted.section(Section.PERSONS)
    assert persons is not None
    assert [e.heading for e in persons.groups[0].entries] == ["Witness A", "Anna Open"]


def test_anchors_are_ours_whatever_the_ids(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as s:
        records.create(s, Kind.PERSON, {"name": "A"}, record_id='x"><a href="javascript:alert(1)">')
    dossier = _build(empty_case)
    persons = dossier.section(Section.PERSONS)
    assert persons is not None
    assert re.fullmatch(r"r\d+", persons.groups[0].entries[0].anchor)


def test_the_chart_keeps_the_most_connected_records(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as s:
        hub = records.create(s, Kind.ORGANISATION, {"name": "Hub"}).id
        for i in range(CHART_LIMIT + 15):
            spoke = records.create(s, Kind.ORGANISATION, {"name": f"Spoke {i}"}).id
            links.link(s, spoke, hub, "member of")
    chart = _build(empty_case).chart
    assert len(chart.nodes) == CHART_LIMIT and chart.omitted == 16
    assert "Hub" in [n.label for n in chart.nodes]
    ids = {n.id for n in chart.nodes}
    assert all(e.a in ids and e.b in ids for e in chart.edges)


def test_an_empty_case_says_what_is_missing(empty_case: CaseFile) -> None:
    dossier = _build(empty_case)
    intros = {s.section: s.intro for s in dossier.sections}
    assert intros[Section.WARRANTS] == "The case records no warrants."
    assert intros[Section.COMPLIANCE] == "The case records no visits to assess."
    assert dossier.chart.nodes == ()


def test_section_names_are_parsed_with_clear_errors() -> None:
    assert parse_sections("cover, Sources") == {Section.COVER, Section.SOURCES}
    assert parse_sections("all") == frozenset(Section)
    with pytest.raises(ValidationError, match="unknown section nope, toc; choose from: cover, contents"):
        parse_sections("cover,nope,toc")
    with pytest.raises(ValidationError, match="at least one section"):
        parse_sections(" , ")
