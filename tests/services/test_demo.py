"""The demo case is built from the seed article and facts only."""

from __future__ import annotations

from casefile.domain.kinds import Kind
from casefile.services import case, records
from casefile.storage.casefile import CaseFile


def test_demo_counts(demo_case: CaseFile) -> None:
    with demo_case.reading() as session:
        counts = case.counts(session)
    assert counts[Kind.PERSON] == 6
    assert counts[Kind.STATE] == 3
    assert counts[Kind.WARRANT] == 2
    assert counts[Kind.VISIT] == 1
    assert counts[Kind.ARTICLE] == 12
    assert counts[Kind.LINK] > 20


def test_every_demo_quote_is_verbatim_from_the_seed(demo_case: CaseFile, seed_text: str) -> None:
    with demo_case.reading() as session:
        quotes = records.list_records(session, Kind.QUOTE)
    assert quotes
    for quote in quotes:
        assert quote["text"] in seed_text, quote["text"]


def test_demo_has_cyrillic_names(demo_case: CaseFile) -> None:
    with demo_case.reading() as session:
        names = {p["name"]: p["original_name"] for p in records.list_records(session, Kind.PERSON)}
    assert names["Vladimir Putin"] == "Владимир Владимирович Путин"
    assert names["Maria Lvova-Belova"] == "Мария Алексеевна Львова-Белова"
