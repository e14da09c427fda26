"""The Rome Statute's own words: down to the paragraph a reference names, on findings and on new article records."""

from __future__ import annotations

import pytest

from casefile.domain.compliance import CitationKind
from casefile.domain.kinds import Kind
from casefile.domain.statute import excerpt
from casefile.reference import statute_articles, statute_text
from casefile.services import records
from casefile.services.findings import findings_for_case
from casefile.storage.casefile import CaseFile


def test_the_whole_statute_is_loaded() -> None:
    articles = statute_articles()
    assert len(articles) == 131
    assert {"8 bis", "15 ter", "128"} <= set(articles)


@pytest.mark.parametrize(
    ("reference", "starts", "ends"),
    [
        ("87(7)", "7. Where a State Party fails to comply", "to the Security Council."),
        ("58(4)", "4. The warrant of arrest shall remain in effect", "ordered by the Court."),
        ("59(1)", "1. A State Party which has received a request", "Part 9."),
        ("86", "States Parties shall, in accordance", "within the jurisdiction of the Court."),
        ("27(2)", "2. Immunities or special procedural rules", "over such a person."),
        ("87(1)(b)", "(b) When appropriate", "regional organization."),
    ],
)
def test_a_reference_gives_its_paragraph(reference: str, starts: str, ends: str) -> None:
    words = statute_text(reference)
    assert words is not None
    assert words.text.startswith(starts) and words.text.endswith(ends)
    assert "\n8." not in words.text  # never runs into the next paragraph


def test_a_missing_paragraph_gives_nothing_rather_than_the_wrong_words() -> None:
    assert statute_text("87(99)") is None
    assert excerpt("1. One.\n2. Two.", ("3",)) is None
    assert excerpt("1. One.\nMore of one.\n2. Two.", ("1",)) == "1. One.\nMore of one."


def test_every_article_a_finding_relies_on_carries_its_words(demo_case: CaseFile) -> None:
    with demo_case.reading() as session:
        findings = findings_for_case(session)
    cited = {c.label: c.text for f in findings for s in f.steps for c in s.citations if c.kind == CitationKind.ARTICLE}
    for article in ("58(4)", "59(1)", "86", "87(7)", "89(1)", "27(2)", "97", "98"):
        assert cited[f"Art. {article}"].startswith(f"Art. {article} ("), article
    assert "thereby preventing the Court from exercising its functions and powers" in cited["Art. 87(7)"]


def test_a_new_article_record_fills_its_title_and_paragraph_and_keeps_the_analysts_words(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        filled = records.create(session, Kind.ARTICLE, {"number": "87(7)"})
        own = records.create(session, Kind.ARTICLE, {"number": "98(1)", "text": "Своя редакция <b>&"})
        other = records.create(session, Kind.ARTICLE, {"number": "5", "instrument": "Genocide Convention"})
    assert filled["title"] == "Requests for cooperation: general provisions"
    assert filled["text"].startswith("7. Where a State Party fails to comply")
    assert own["text"] == "Своя редакция <b>&" and own["title"].startswith("Cooperation with respect to waiver")
    assert not other["title"] and not other["text"]
