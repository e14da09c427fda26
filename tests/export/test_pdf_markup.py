"""User text is data, never markup: what a user typed comes out of the PDF exactly, and nothing else does."""

from __future__ import annotations

import io
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from test_pdf_support import (
    FRAME_TITLE,
    decoded_streams,
    export,
    flat,
    link_annotations,
    page_texts,
    quote_dossier,
    render_bytes,
    squeezed,
    without_frame,
)

from casefile.domain.kinds import Kind
from casefile.export.pdf import fonts
from casefile.export.pdf.render import RenderResult
from casefile.export.pdf.writer import chunks
from casefile.services import case, links, records
from casefile.storage.casefile import CaseFile

HOSTILE = (
    "AT&T",
    "<b>x</b>",
    "a<b",
    "</para>",
    "&nbsp;",
    '<img src="/etc/hostname">',
    '<a href="javascript:x">',
    "<font color=\"[[[getattr(pow, 'x')]]]\">",
)
LONG_WORD = "Ж" + "x" * 19_998 + "Z"
SAFE_URL = "https://example.org/report?id=1&lang=en"


@pytest.fixture(scope="module")
def hostile_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, list[str]]:
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "hostile.casefile"
    with CaseFile.create(path, "Hostile <b>title</b> & co") as case_file, case_file.unit_of_work() as s:
        _fill(s)
    report = export(path, folder / "hostile.pdf")
    data = report.path.read_bytes()
    return data, page_texts(PdfReader(io.BytesIO(data)))


def _fill(s: object) -> None:
    case.update_case(s, {"classification": "<font color=red>SECRET</font>", "summary": "\n".join(HOSTILE)})
    records.create(s, Kind.PERSON, {"name": LONG_WORD, "notes": LONG_WORD})
    person = records.create(s, Kind.PERSON, {"name": "S&P <b>", "original_name": "Путин <i>", "notes": HOSTILE[1]})
    org = records.create(s, Kind.ORGANISATION, {"name": "AT&T", "notes": LONG_WORD})
    source = records.create(
        s, Kind.SOURCE, {"title": HOSTILE[5], "url": SAFE_URL, "author": HOSTILE[6], "outlet": org.id}
    )
    records.create(s, Kind.SOURCE, {"title": "No link", "url": 'https://example.org/"><a href="javascript:x">'})
    for text in HOSTILE:
        quote = records.create(s, Kind.QUOTE, {"text": text, "speaker": person.id, "source": source.id})
        links.link(s, quote.id, org.id, HOSTILE[7], note=text)
    records.create(s, Kind.QUOTE, {"text": LONG_WORD, "translation": "Монгол Улс " * 3000, "source": source.id})


def test_markup_in_user_text_comes_out_literally(hostile_pdf: tuple[bytes, list[str]]) -> None:
    whole = flat(" ".join(hostile_pdf[1]))
    for text in HOSTILE:
        assert f"“{text}”" in whole, text
    assert "Hostile <b>title</b> & co" in whole
    assert "<font color=red>SECRET</font>" in whole
    assert "Путин <i>" in whole


def test_a_20000_character_word_comes_out_whole(hostile_pdf: tuple[bytes, list[str]]) -> None:
    # (The cast's long cells continue over pages in their table rows, under the repeated header rows;
    # the long name is cut in its narrow cell and given in full in the widest.)
    frame = ("<font color=red>SECRET</font>", "Hostile <b>title</b> & co", "Name\nType\nNotes and links",
             "Name\nRole or title\nNationality\nNotes and links")  # fmt: skip
    body = without_frame(hostile_pdf[1], *frame)
    assert squeezed(body).count(squeezed(LONG_WORD)) >= 3  # the name, the notes and the quote


def test_no_image_and_no_link_the_app_did_not_make(hostile_pdf: tuple[bytes, list[str]]) -> None:
    data = hostile_pdf[0]
    reader = PdfReader(io.BytesIO(data))
    assert b"/Subtype /Image" not in data
    assert not any(b"/Subtype /Image" in stream for stream in decoded_streams(data))
    uris = []
    for annotation in link_annotations(reader):
        assert annotation["/Subtype"] == "/Link"
        action = annotation.get("/A")
        if action is None:
            assert "/Dest" in annotation
        else:
            assert action["/S"] == "/URI"
            uris.append(str(action["/URI"]))
    # The source's entry and each note citing it show the address (a wrapped line is a link each).
    assert set(uris) == {SAFE_URL}, "only the plain https address of a source becomes a link"
    assert b"javascript" not in b"".join(str(a).encode() for a in link_annotations(reader))


def test_hidden_and_reordering_characters_are_made_visible() -> None:
    _, texts = _render("abc\u202edef\u200bghi\u2066jkl")
    assert "abc[RLO U+202E]def[ZWSP U+200B]ghi[LRI U+2066]jkl" in flat(texts)


def test_control_characters_are_dropped_and_line_breaks_kept() -> None:
    _, texts = _render("one\x07two\x1b[31mthree\nfour\r\nfive")
    assert "onetwo[31mthree" in squeezed(texts)
    assert "four five" in flat(texts)


def test_characters_the_font_cannot_draw_are_shown_by_code_and_reported() -> None:
    result, texts = _render("Монгол कख 😀 end")
    assert "[U+0915][U+0916]" in squeezed(texts)
    assert "क" not in texts and "■" not in texts
    drawable = {c for c in "😀" if ord(c) in fonts.coverage()}
    assert set(result.uncovered) == {"क", "ख", *({"😀"} - drawable)}


def _render(text: str) -> tuple[RenderResult, str]:
    data, result = render_bytes(quote_dossier(text))
    return result, without_frame(page_texts(PdfReader(io.BytesIO(data))), FRAME_TITLE)


def _drawable(char: str) -> bool:
    # Text the PDF shows as itself: drawable by the font, not a control, format or separator character.
    # Combining marks are left out because text extraction may attach them to a neighbouring space.
    return ord(char) in fonts.coverage() and unicodedata.category(char)[0] not in "CZM"


_TEXT = st.text(
    alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x52F).filter(_drawable) | st.sampled_from(" \n<>&;\"'"),
    min_size=1,
    max_size=80,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT)
def test_any_text_comes_out_as_stored(text: str) -> None:
    _, texts = _render(text)
    assert squeezed(text) in squeezed(texts)


def test_every_long_text_lays_out() -> None:
    long_text = ("word " * 50_000) + LONG_WORD * 3
    result, texts = _render(long_text)
    assert result.pages > 50
    assert squeezed(long_text) in squeezed(texts)


@pytest.mark.parametrize(
    "text",
    ["short", "word " * 2000, "line\n" * 900, "Sentence one. " * 400, "x" * 9000, "Путин " * 1000 + "y" * 5000],
)
def test_long_texts_are_cut_into_pieces_that_keep_every_character(text: str) -> None:
    pieces = chunks(text, limit=1000)
    assert all(len(p) <= 1000 for p in pieces)
    assert squeezed("".join(pieces)) == squeezed(text)
    assert len(pieces) == 1 or len(text) > 1000
