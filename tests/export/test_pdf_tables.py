"""The chronology and the cast are tables, not label: value stacks (issue 10 §4).

Checked on what a reader sees (pdftotext): every character of every shown field, in every script,
a 3,000-character word and a 130-character URL, inside the page; the header row at the top of
every page a table continues on; and, redacted, a protected name in no table and no note.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from report_case import EVENT_NOTE, LONG_URL, LONG_WORD, PERSONS, PROTECTED, make_case, seen
from test_pdf_support import decoded_streams, export

from casefile.jobs.pdf import PdfReport


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tables") / "tables.casefile"
    make_case(path)
    return path


@pytest.fixture(scope="module")
def plain(case: Path) -> PdfReport:
    return export(case, case.with_name("plain.pdf"))


@pytest.fixture(scope="module")
def redacted(case: Path) -> PdfReport:
    return export(case, case.with_name("redacted.pdf"), redact=True)


def _pages(pdf: Path) -> list[str]:
    """Each page's text with its columns side by side, as laid out (a table's row reads as one line)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(unicodedata.normalize("NFKC", page).split()) for page in text.split("\f")]


def _squeezed(text: str) -> str:
    text = "".join(c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c) != "Cf")
    return re.sub(r"\s+", "", text)


def test_every_field_of_the_cast_reaches_the_reader(plain: PdfReport) -> None:
    text = seen(plain.path)
    for person in PERSONS.values():
        if person.get("protected"):
            continue
        for field in ("name", "original_name", "role", "nationality"):
            if field in person:
                assert str(person[field]) in text, person[field]
    assert "Khurelsukh" in text and "Радио Свобода" in text and "Монгол Улс" in text
    # (pdftotext places the bracket next to a right-to-left name by its own rules.)
    assert "→ met" in text and "3 September 2024) — Met in" in text and EVENT_NOTE in text
    # The 3,000-character word in a narrow cell, split across pages between the header rows.
    body = re.sub(r"NameRoleortitleNationalityNotesandlinks|Page\d+of\d+|Reportlayout—[^P]*?中文", "",
                  _squeezed(subprocess.run(["pdftotext", str(plain.path), "-"], capture_output=True, text=True,
                                           check=True).stdout))  # fmt: skip
    assert LONG_WORD in body
    assert LONG_URL in body


def test_the_cast_and_the_chronology_are_tables(plain: PdfReport) -> None:
    pages = _pages(plain.path)
    chronology = next(p for p in pages if "Chronology Every dated record" in p)
    assert "Date Event What happened" in chronology
    assert re.search(r"3 September 2024 Link Ukhnaagiin Khürelsükh met", chronology)
    persons = [p for p in pages if "Notes and links" in p and "Nationality" in p]
    # The long word's row continues over pages; each page of the table starts with its header row.
    assert len(persons) >= 2
    for page in persons[1:]:
        assert page.index("Name Role or title Nationality Notes and links") < 60, page[:120]
    assert "Name ISO code ICC Notes and links" in " ".join(pages)
    assert "Name Type Notes and links" in " ".join(pages)
    assert "Role or title:" not in " ".join(pages), "no label: value stacks for the cast"


def test_every_word_stays_inside_the_page(plain: PdfReport) -> None:
    xml = subprocess.run(["pdftotext", "-bbox", str(plain.path), "-"], capture_output=True, text=True,
                         check=True).stdout  # fmt: skip
    for page in re.split(r"<page ", xml)[1:]:
        width = float(re.search(r'width="([\d.]+)"', page).group(1))  # type: ignore[union-attr]
        for x_min, x_max in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', page):
            assert 0 <= float(x_min) and float(x_max) <= width - 50, (x_min, x_max)


def test_a_protected_name_is_in_no_table_and_no_note(redacted: PdfReport) -> None:
    text = seen(redacted.path)
    for word in ("José", "Pérez", "Perez", "Eyewitness"):
        assert word not in text, word
    data = redacted.path.read_bytes()
    for blob in [data, *decoded_streams(data)]:
        for word in ("Pérez", "Perez"):
            assert word.encode("utf-8") not in blob and word.encode("utf-16-be") not in blob
    assert re.search(r"\d+ Witness A Identity: Withheld", text), "the cast row of the protected person"
    assert "Witness A spoke to Human Rights Watch" in text, "the chronology row"
    assert "Witness A gave an interview." in text
    assert PROTECTED not in text
