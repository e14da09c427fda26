"""The demo case as a PDF dossier, read back with pypdf: sections, contents, outline, fonts, metadata."""

from __future__ import annotations

import getpass
import itertools
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_pdf_support import EXPORT_DAY, export, flat, link_annotations, outline_entries, page_texts, same_dossier

from casefile.domain.dossier import SECTION_TITLES, Paper, Section
from casefile.jobs.demo import write_demo
from casefile.jobs.pdf import PdfReport

BODY_TITLES = [SECTION_TITLES[s] for s in Section if s not in (Section.COVER, Section.CONTENTS)]


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, PdfReport]:
    folder = tmp_path_factory.mktemp("dossier")
    case_path = write_demo(folder / "demo.casefile")
    report = export(case_path, folder / "demo.pdf")
    return case_path, report


@pytest.fixture(scope="module")
def reader(demo_export: tuple[Path, PdfReport]) -> PdfReader:
    return PdfReader(demo_export[1].path)


@pytest.fixture(scope="module")
def texts(reader: PdfReader) -> list[str]:
    return page_texts(reader)


def test_the_report_matches_the_file(demo_export: tuple[Path, PdfReport], reader: PdfReader) -> None:
    report = demo_export[1]
    assert report.pages == len(reader.pages) > 10
    assert report.uncovered == ()
    assert set(report.sections) == set(Section) - {Section.COVER, Section.CONTENTS}


def test_every_section_title_is_in_the_dossier(texts: list[str]) -> None:
    whole = flat(" ".join(texts))
    for title in [*BODY_TITLES, "Contents", "Putin in Mongolia, 2–3 September 2024"]:
        assert title in whole, title


def test_cyrillic_names_come_out_exactly(texts: list[str]) -> None:
    whole = flat(" ".join(texts))  # a name may wrap inside its table cell
    for name in ("Владимир Владимирович Путин", "Мария Алексеевна Львова-Белова", "Монгол Улс", "Khürelsükh"):
        assert name in whole, name


def _contents_numbers(contents_page: str) -> dict[str, int]:
    """The page number after each section title, read in order (group titles such as 'Visits' come between)."""
    numbers, start = {}, 0
    for title in BODY_TITLES:
        match = re.compile(re.escape(title) + r"\s*(\d+)\b").search(contents_page, start)
        assert match, f"{title} is not on the contents page"
        numbers[title] = int(match.group(1))
        start = match.end()
    return numbers


def test_contents_page_numbers_are_where_the_sections_start(texts: list[str], reader: PdfReader) -> None:
    numbers = _contents_numbers(texts[1])
    outline = {title: page for depth, title, page in outline_entries(reader) if depth == 0}
    for title, page in numbers.items():
        assert outline[title] == page, title
        body = flat(texts[page - 1]).split("Page ", 1)[1]  # past the running header
        assert title in body, f"{title} does not start on page {page}"
    assert list(numbers.values()) == sorted(numbers.values())


def test_outline_has_every_section_and_record_group(reader: PdfReader) -> None:
    entries = outline_entries(reader)
    assert [t for d, t, _ in entries if d == 0] == ["Contents", *BODY_TITLES]
    groups = {t for d, t, _ in entries if d == 1}
    assert {"Persons", "States", "Organisations", "2023", "2024"} <= groups
    assert any(t.startswith("Art. 27") for t in groups)
    records = {t for d, t, _ in entries if d == 2}
    assert {"Vladimir Putin", "Mongolia", "ICC Pre-Trial Chamber II"} <= records


def test_every_page_says_page_x_of_y(texts: list[str]) -> None:
    total = len(texts)
    for number, text in enumerate(texts, 1):
        assert f"Page {number} of {total}" in flat(text), number
        assert "PUBLIC – demonstration case" in text


def test_every_font_is_embedded_dejavu(reader: PdfReader) -> None:
    fonts = []
    for number in range(1, int(reader.trailer["/Size"])):
        obj = reader.get_object(number)
        if hasattr(obj, "get") and obj.get("/Type") == "/Font":
            fonts.append(obj)
    assert fonts
    for font in fonts:
        base = str(font["/BaseFont"])
        assert re.fullmatch(r"/[A-Z]{6}\+DejaVuSans(-Bold|-Oblique|-BoldOblique)?", base), base
        assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_metadata_names_the_case_and_casefile_only(demo_export: tuple[Path, PdfReport], reader: PdfReader) -> None:
    info = reader.metadata
    assert info is not None
    assert info.title == "Putin in Mongolia, 2–3 September 2024"
    assert info["/Creator"].startswith("Casefile ")
    assert "Case dossier" in str(info.subject)
    values = " ".join(str(v) for v in info.values())
    for private in (str(demo_export[1].path.parent), str(demo_export[0]), "demo.casefile", "/tmp"):
        assert private not in values
    user = getpass.getuser()
    assert not re.search(rf"\b{re.escape(user)}\b", values)
    assert str(demo_export[1].path.parent).encode() not in demo_export[1].path.read_bytes()


def test_links_point_at_pages_of_the_dossier(reader: PdfReader) -> None:
    annotations = link_annotations(reader)
    assert len(annotations) > 50
    assert all(a["/Subtype"] == "/Link" and "/Dest" in a for a in annotations), "the demo has no web addresses"
    pages = [p.indirect_reference for p in reader.pages]
    targets = [pages.index(a["/Dest"][0]) + 1 for a in annotations]
    starts = {title: page for depth, title, page in outline_entries(reader) if depth == 0}
    sources = range(starts["Sources"], starts["Link chart"])
    assert any(t in sources for t in targets), "source notes are clickable and lead to the Sources section"
    assert any(t == starts["Key facts"] for t in targets), "contents lines are clickable"


def test_the_same_case_gives_the_same_bytes(demo_export: tuple[Path, PdfReport], tmp_path: Path) -> None:
    again = export(demo_export[0], tmp_path / "again.pdf")
    assert same_dossier(again.path.read_bytes(), demo_export[1].path.read_bytes())


def test_letter_paper_and_a_landscape_link_chart(demo_export: tuple[Path, PdfReport], tmp_path: Path) -> None:
    report = export(demo_export[0], tmp_path / "letter.pdf", paper=Paper.LETTER)
    pages = PdfReader(report.path).pages
    assert (float(pages[0].mediabox.width), float(pages[0].mediabox.height)) == (612, 792)
    assert (float(pages[-1].mediabox.width), float(pages[-1].mediabox.height)) == (792, 612)
    assert "Link chart" in pages[-1].extract_text()


def test_switched_off_sections_are_left_out(demo_export: tuple[Path, PdfReport], tmp_path: Path) -> None:
    chosen = frozenset({Section.CHRONOLOGY, Section.SOURCES})
    report = export(demo_export[0], tmp_path / "two.pdf", sections=chosen)
    reader = PdfReader(report.path)
    whole = flat(" ".join(page_texts(reader)))
    assert "Chronology" in whole and "Sources" in whole
    for title in ("Contents", "Key facts", "Expert commentary", "Statute appendix", "Link chart"):
        assert title not in whole
    assert [t for d, t, _ in outline_entries(reader) if d == 0] == ["Chronology", "Sources"]


def test_the_cover_carries_the_case_details(texts: list[str]) -> None:
    cover = flat(texts[0])
    assert "Analyst: Casefile demo" in cover
    assert f"Exported: {EXPORT_DAY.day} November 2024" in cover
    assert "Produced by: Casefile" in cover


def test_the_compliance_assessment_follows_key_facts(texts: list[str]) -> None:
    whole = flat(" ".join(texts))
    after_contents = whole.index("Page 3 of")
    assert whole.index("Compliance assessment", after_contents) > whole.index("Key facts", after_contents)
    assert "Arrest and surrender duty engaged" in whole
    assert "Potential non-compliance (Art. 87(7))" in whole


def test_visits_say_whether_the_host_state_was_bound(texts: list[str]) -> None:
    whole = flat(" ".join(texts))
    assert "ICC State Party on those dates: Yes, on every day of the visit" in whole


def test_partial_dates_show_as_entered_in_the_chronology(texts: list[str]) -> None:
    whole = flat(" ".join(texts))
    assert "October 2024 (month only)" in whole  # the JURIST report, published "2024-10"


def test_a_chart_alone_starts_on_a_landscape_page(demo_export: tuple[Path, PdfReport], tmp_path: Path) -> None:
    report = export(demo_export[0], tmp_path / "chart.pdf", sections=frozenset({Section.LINK_CHART}))
    pages = PdfReader(report.path).pages
    assert len(pages) == 1
    assert float(pages[0].mediabox.width) > float(pages[0].mediabox.height)


def test_an_empty_case_exports_every_section(empty_case_path: Path, tmp_path: Path) -> None:
    report = export(empty_case_path, tmp_path / "empty.pdf")
    whole = flat(" ".join(page_texts(PdfReader(report.path))))
    assert "The case records no warrants." in whole
    assert "The case has no linked records to draw." in whole
    assert f"Page {report.pages} of {report.pages}" in whole


def test_quote_caveats_print_and_the_register_is_cited_cleanly(demo_export: tuple[Path, PdfReport]) -> None:
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(demo_export[1].path), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    flat_text = " ".join(text.split())
    # Peskov's caveat (facts.md) travels with his words, so they do not read as a verbatim Russian quote.
    assert "Analyst's note:" in flat_text and "the Russian original is not recorded" in flat_text
    # The States Parties register is cited by its citation column, never its raw provenance notes.
    assert "States Parties register, citing" in flat_text
    assert "github" not in flat_text.lower() and "theNewDynamic" not in flat_text


def test_the_dossier_speaks_plain_words_not_data_model_words(demo_export: tuple[Path, PdfReport]) -> None:
    import subprocess

    text = subprocess.run(["pdftotext", str(demo_export[1].path), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    flat_text = " ".join(text.split())
    for jargon in ("Kind: Ngo", "Kind: Outlet", " — called on — ", "The link's note", " — claimed immunity under — "):
        assert jargon not in flat_text, jargon
    laid_out = subprocess.run(["pdftotext", "-layout", str(demo_export[1].path), "-"], capture_output=True,
                              text=True, check=True).stdout  # fmt: skip
    assert re.search(r"\d+ +Human Rights Watch +NGO", laid_out), "the organisation's type, in its table row"
    assert "Mongolia claimed immunity under Art. 98" in flat_text


def test_a_precedent_is_cited_by_its_first_source_and_keeps_its_verification(
    demo_export: tuple[Path, PdfReport],
) -> None:
    import subprocess

    text = subprocess.run(["pdftotext", str(demo_export[1].path), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    flat_text = " ".join(text.split())
    # In the body a precedent points into the Precedents annex, which prints its sources and verification.
    assert "Rests on: Precedents annex, P1" in flat_text
    assert "Verification: verified Sources: https://" in flat_text
    assert " ; https://" not in flat_text  # the raw list separator of the reference data never prints


def test_the_statute_annex_prints_the_words_the_findings_rely_on(demo_export: tuple[Path, PdfReport]) -> None:
    import subprocess

    text = subprocess.run(["pdftotext", str(demo_export[1].path), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    annex = " ".join(text.split("Statute appendix")[-1].split())
    # 58(4) and 59(1) are not recorded in the demo case, but the findings rest on them.
    assert "Art. 58(4)" in annex and "The warrant of arrest shall remain in effect until otherwise ordered" in annex
    assert "Art. 59(1)" in annex and "Cited by: Finding 1: Arrest and surrender duty engaged" in annex
    assert annex.index("Art. 58(4)") < annex.index("Art. 59(1)") < annex.index("Art. 86")


def test_unsourced_claims_are_marked_and_listed_as_evidence_gaps(demo_export: tuple[Path, PdfReport]) -> None:
    import subprocess

    text = subprocess.run(["pdftotext", str(demo_export[1].path), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    flat_text = " ".join(text.split())
    # The three: the Art. 97 consultation request, the Art. 98 immunity claim, the HRW call.
    for claim in ("Mongolia requested consultations under Art. 97", "Mongolia claimed immunity under Art. 98",
                  "Human Rights Watch called on Mongolia"):  # fmt: skip
        assert f"{claim} [unsourced]" in flat_text, claim
    gaps = flat_text.split("Evidence gaps These records assert something but cite no source")[1].split("Sources")[0]
    assert all(claim in gaps for claim in ("Art. 97", "Art. 98", "Human Rights Watch called on Mongolia"))
    assert "comments on" not in gaps  # the case's structure is not a claim


def test_an_executive_summary_follows_the_contents(demo_export: tuple[Path, PdfReport]) -> None:
    import subprocess

    page3 = subprocess.run(["pdftotext", "-f", "3", "-l", "3", str(demo_export[1].path), "-"], capture_output=True,
                           text=True, check=True).stdout  # fmt: skip
    flat_text = " ".join(page3.split())
    assert flat_text.startswith("PUBLIC – demonstration case") and "Executive summary" in flat_text
    assert "2 findings on the visits this case records, 2 raised." in flat_text
    assert "Confirmed by: Pre-Trial Chamber II finding that Mongolia failed to comply" in flat_text


def test_the_document_language_is_set(demo_export: tuple[Path, PdfReport]) -> None:
    assert PdfReader(demo_export[1].path).trailer["/Root"]["/Lang"] == "en"


def test_no_doubled_full_stops(demo_export: tuple[Path, PdfReport]) -> None:
    import subprocess

    text = subprocess.run(["pdftotext", str(demo_export[1].path), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    flat_text = " ".join(text.split())
    assert ".)." not in flat_text and ".." not in flat_text.replace("...", "")
    assert "the exact date is unconfirmed)." in flat_text


def test_a_short_section_shares_its_page_instead_of_leaving_it_empty(reader: PdfReader) -> None:
    # A section not kept on its own page starts on the page where the one before it ends, whenever a third of
    # that page is left. In the outline: a section's entry on the same page as the last entry before it.
    entries = outline_entries(reader)
    shared = [
        title for (_, _, before), (depth, title, page) in itertools.pairwise(entries) if depth == 0 and page == before
    ]
    assert shared, "every section starts a new page"
