"""Every claim traceable: each statement carries its own numbered note (issue 10 §3).

The note, at the end of its section, gives the source, the pinpoint, the web address and the
dates, and links to the source's entry under Sources; the statement's superscript links to the
note. Checked on what a reader sees (pdftotext) and on the link annotations' destinations.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_case import LONG_URL, PINPOINT, QUOTE_TEXT, make_case, seen
from test_pdf_support import export, link_annotations

from casefile.jobs.pdf import PdfReport


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> PdfReport:
    folder = tmp_path_factory.mktemp("notes")
    make_case(folder / "notes.casefile")
    return export(folder / "notes.casefile", folder / "notes.pdf")


def _words(pdf: Path) -> list[tuple[int, str, float, float]]:
    """(page index, word, x, y from the page's bottom) of every word pdftotext sees."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    out = []
    for index, page in enumerate(re.split(r"<page ", xml)[1:]):
        height = float(re.search(r'height="([\d.]+)"', page).group(1))  # type: ignore[union-attr]
        for x, y, word in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', page):
            out.append((index, word, float(x), height - float(y)))
    return out


def _destinations(reader: PdfReader) -> list[tuple[int, float]]:
    """(page index, y) of every internal link's destination."""
    out = []
    for annot in link_annotations(reader):
        dest = annot.get("/Dest")
        if dest is None and "/A" in annot and annot["/A"].get("/S") == "/GoTo":
            dest = annot["/A"]["/D"]
        if dest is not None and not isinstance(dest, str):
            page = reader.get_page_number(dest[0].get_object())
            out.append((page, float(dest[3])))
    return out


def test_each_statement_has_a_note_with_source_pinpoint_url_and_dates(dossier: PdfReport) -> None:
    text = seen(dossier.path)
    assert "Notes" in text
    # The quote's note: source number, title, outlet, author, date published, pinpoint, URL, date accessed.
    note = re.search(r"(\d+) \[(\d+)\] «Путин в Монголии» — отчёт, Радио Свобода, Анна Иванова, "
                     r"published 2 September 2024, " + re.escape(PINPOINT), text)  # fmt: skip
    assert note, text
    squeezed = re.sub(r"\s+", "", text)
    assert LONG_URL in squeezed
    assert "accessed5September2024" in squeezed
    # The quote carries the superscript number of that note right after its closing mark.
    number = note.group(1)
    assert re.search(re.escape(QUOTE_TEXT) + r"” \[zh\] ?" + number, text), number


def test_note_numbers_run_through_the_dossier(dossier: PdfReport) -> None:
    text = seen(dossier.path)
    numbers = [int(n) for n in re.findall(r"(?:^|\s)(\d+) \[\d+\] ", text)]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 4


def test_a_note_links_to_its_source_and_the_statement_to_its_note(dossier: PdfReport) -> None:
    reader = PdfReader(dossier.path)
    words = _words(dossier.path)
    destinations = _destinations(reader)
    sources_page = next(p for p, w, _, _ in words if w == "Sources" and any(
        p == q and v == "[1]" for q, v, _, _ in words))  # fmt: skip
    # Each Sources entry "[n]" is the target of a link (the notes' numbers and their "[n]" marks).
    entries = [(p, y) for p, w, _, y in words if p == sources_page and re.fullmatch(r"\[\d\]", w)]
    assert len(entries) == 2
    for page, y in entries:
        assert any(p == page and abs(d - y) < 20 for p, d in destinations), (page, y)
    # Each note's number, at the start of its line in the notes, is the target of the statement's mark.
    notes = [(p, y) for p, w, x, y in words if re.fullmatch(r"\d+", w) and x < 75 and p != sources_page
             and any(q == p and abs(v - y) < 2 and u.startswith("[") for q, u, _, v in words)]  # fmt: skip
    assert len(notes) >= 4
    for page, y in notes:
        assert any(p == page and abs(d - y) < 20 for p, d in destinations), (page, y)


def test_sources_show_every_fact_and_say_what_is_not_recorded(dossier: PdfReport) -> None:
    text = seen(dossier.path)
    sources = text[text.rindex("Sources [1]") :]
    full = (
        "] «Путин в Монголии» — отчёт (News article) Outlet: Радио Свобода · Author: Анна Иванова "
        "Published: 2 September 2024 · Accessed: 5 September 2024 · Language: ru URL:"
    )
    assert full in sources, sources
    assert LONG_URL in re.sub(r"\s+", "", sources)
    assert "Admiralty grade: B2 — source: usually reliable; information: probably true" in sources
    bare = (
        "Report) Outlet: not recorded · Author: not recorded Published: not recorded · Accessed: not recorded "
        "URL: not recorded Admiralty grade: not graded"
    )
    assert bare in sources, sources
    assert "تقرير عن الزيارة" in sources
