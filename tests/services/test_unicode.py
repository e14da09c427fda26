"""Cyrillic and markup-looking text survive the services exactly; control characters do not."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casefile.domain.errors import ValidationError
from casefile.domain.kinds import Kind
from casefile.domain.text import strip_control
from casefile.services import records
from casefile.storage.casefile import CaseFile

EXACT = [
    "Владимир Владимирович Путин",
    "Монгол Улс",
    "Ukhnaagiin Khürelsükh",
    "<b>bold</b> & <i>italic</i>",
    '<font color="x">red</font>',
    "S&P; &amp; &lt;script&gt;",
    "<img src='https://example.org/x.png'/>",
    "Осуждён — «кавычки» „Anführung“ ‘single’ 🙂",
    "emoji 👩🏽‍⚖️ and RTL עברית العربية",
]


@pytest.mark.parametrize("text", EXACT)
def test_names_and_quotes_round_trip_exactly(empty_case: CaseFile, text: str) -> None:
    with empty_case.unit_of_work() as session:
        person = records.create(session, Kind.PERSON, {"name": text, "original_name": text, "aliases": [text]})
        quote = records.create(session, Kind.QUOTE, {"text": text, "translation": text, "speaker": person.id})
    with empty_case.reading() as session:
        got_person = records.get(session, person.id)
        got_quote = records.get(session, quote.id)
    assert got_person["name"] == got_person["original_name"] == text
    assert got_person["aliases"] == [text]
    assert got_quote["text"] == got_quote["translation"] == text


def test_line_breaks_and_tabs_in_long_text_are_kept(empty_case: CaseFile) -> None:
    text = "First paragraph.\n\n\tIndented: «цитата».\r\nLast line."
    with empty_case.unit_of_work() as session:
        quote = records.create(session, Kind.QUOTE, {"text": text})
    with empty_case.reading() as session:
        assert records.get(session, quote.id)["text"] == text


@pytest.mark.parametrize(
    ("given_text", "stored"),
    [
        ("Pu\x00tin", "Putin"),
        ("\x07Путин\x1b[31m", "Путин[31m"),
        ("a\x7fb", "ab"),
        ("mojibake\x85\x9b here", "mojibake here"),
        ("\x02hit\x03", "hit"),  # the search markers can never come from stored text
    ],
)
def test_control_characters_are_stripped(empty_case: CaseFile, given_text: str, stored: str) -> None:
    with empty_case.unit_of_work() as session:
        person = records.create(session, Kind.PERSON, {"name": given_text, "aliases": [given_text]})
        quote = records.create(session, Kind.QUOTE, {"text": given_text})
    with empty_case.reading() as session:
        assert records.get(session, person.id)["name"] == stored
        assert records.get(session, person.id)["aliases"] == [stored]
        assert records.get(session, quote.id)["text"] == stored


@settings(max_examples=200)
@given(st.text())
def test_strip_control_leaves_no_control_but_tab_and_newlines(text: str) -> None:
    cleaned = strip_control(text)
    assert all(c in "\t\n\r" or not (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F) for c in cleaned)
    assert strip_control(cleaned) == cleaned
    printable = "".join(c for c in text if not (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F) or c in "\t\n\r")
    assert cleaned == printable


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CaseFile]:
    """A case shared by the property test below; each example rolls back what it wrote."""
    path: Path = tmp_path_factory.mktemp("unicode") / "scratch.casefile"
    with CaseFile.create(path, "Scratch") as case_file:
        yield case_file


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_any_quote_text_is_stored_as_cleaned(scratch: CaseFile, text: str) -> None:
    expected = strip_control(text).strip("\n\r\t ")
    with scratch.reading() as session:
        if not expected:
            with pytest.raises(ValidationError, match="Verbatim text is required"):
                records.create(session, Kind.QUOTE, {"text": text})
            return
        quote = records.create(session, Kind.QUOTE, {"text": text})
        session.expire_all()
        assert records.get(session, quote.id)["text"] == expected
