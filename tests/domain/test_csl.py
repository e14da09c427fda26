"""CSL-JSON items ↔ source values: types, authors, partial dates, and problems named by item."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casefile.domain import csl
from casefile.domain.errors import ValidationError


def test_a_source_goes_out_with_every_field_csl_has() -> None:
    values = {
        "kind": "news_article",
        "title": "Путин в Улан-Баторе <b>&</b>",
        "author": "Анна Петрова; Bat-Erdene Dorj",
        "url": "https://example.org/a?b=1&c=2",
        "published": "2024-09",
        "accessed": "2024-09-03",
        "language": "ru",
        "notes": "Seen in print too.",
        "reliability": "B",
    }
    item = csl.to_item("id-1", values, "Медуза")
    assert item == {
        "id": "id-1",
        "type": "article-newspaper",
        "title": "Путин в Улан-Баторе <b>&</b>",
        "container-title": "Медуза",
        "author": [{"literal": "Анна Петрова"}, {"literal": "Bat-Erdene Dorj"}],
        "URL": "https://example.org/a?b=1&c=2",
        "language": "ru",
        "note": "Seen in print too.",
        "issued": {"date-parts": [[2024, 9]]},
        "accessed": {"date-parts": [[2024, 9, 3]]},
    }
    [back] = csl.from_items([item])
    assert back.outlet == "Медуза"
    assert back.values == {k: v for k, v in values.items() if k != "reliability"}


@pytest.mark.parametrize("kind", list(csl.KIND_TO_TYPE))
def test_every_kind_comes_back_as_itself(kind: str) -> None:
    [back] = csl.from_items([csl.to_item("x", {"kind": kind, "title": "T"}, None)])
    assert back.values["kind"] == kind


def test_zotero_people_are_read_given_name_first() -> None:
    item = {
        "type": "legal_case",
        "title": "Decision under article 87(7)",
        "author": [{"family": "Pérez", "given": "José"}, {"family": "van", "given": "Anna", "literal": ""}],
        "issued": {"date-parts": [["2024", "10", "24"]]},
    }
    [back] = csl.from_items(item)  # one object alone is read as a list of one
    assert back.values["author"] == "José Pérez; Anna van"
    assert back.values["published"] == "2024-10-24"
    assert back.values["kind"] == "court_decision"


def test_raw_dates_and_unknown_types_are_read_and_said() -> None:
    [back] = csl.from_items([{"type": "thesis", "title": "T", "issued": {"raw": "March 2023"}}])
    assert back.values["published"] == "2023-03"
    assert back.values["kind"] == "other"
    assert "thesis" in back.remarks[0]


def test_every_problem_is_named_with_its_item() -> None:
    bad = [
        {"type": "report"},
        "not an object",
        {"title": "T", "issued": {"date-parts": [[2023, 13]]}},
        {"title": "T", "author": "Anna"},
        {"title": ["a list"]},
    ]
    with pytest.raises(ValidationError) as caught:
        csl.from_items(bad)
    messages = [p.message for p in caught.value.problems]
    assert [m.split(":")[0] for m in messages] == ["item 1", "item 2", "item 3", "item 4", "item 5"]
    assert "no title" in messages[0]
    assert "month 13" in messages[2]
    assert "Zotero" in caught.value.hint


def test_a_document_that_is_not_a_list_is_refused() -> None:
    with pytest.raises(ValidationError, match="list of items"):
        csl.from_items("text")


@given(
    year=st.integers(1, 9999),
    month=st.one_of(st.none(), st.integers(1, 12)),
    day=st.one_of(st.none(), st.integers(1, 28)),
)
def test_partial_dates_keep_their_precision(year: int, month: int | None, day: int | None) -> None:
    iso = f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if month and day else "")
    [back] = csl.from_items([csl.to_item("x", {"title": "T", "published": iso}, None)])
    assert back.values["published"] == iso
