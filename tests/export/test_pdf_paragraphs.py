"""Numbered paragraphs: the body is numbered so a reader can cite "para. 14" (issue 10 §4).

One count runs through the body sections; the front matter, the executive summary and the
annexes carry no numbers; the summary gives the paragraph of each finding's reasoning.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from report_case import make_case
from test_pdf_support import export

from casefile.domain.dossier import NUMBERED_SECTIONS, PdfOptions, Section
from casefile.jobs.demo import write_demo
from casefile.jobs.pdf import PdfReport
from casefile.services.dossier import build_dossier
from casefile.storage.casefile import CaseFile

MARGIN = 56.0  # the text frame starts 20 mm from the left edge; paragraph numbers stand left of it


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, PdfReport]:
    folder = tmp_path_factory.mktemp("paragraphs")
    case = write_demo(folder / "demo.casefile")
    return case, export(case, folder / "demo.pdf")


def _margin_numbers(pdf: Path) -> list[tuple[int, int]]:
    """(page index, number) of every number pdftotext sees in the left margin, top to bottom."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    out = []
    for index, page in enumerate(re.split(r"<page ", xml)[1:]):
        found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(\d+)</word>', page)
        out += [(index, float(y), int(word)) for x, y, word in found if float(x) < MARGIN]
    return [(index, number) for index, _, number in sorted(out)]


def _paras(case: Path) -> dict[Section, list[int]]:
    with CaseFile.open(case, read_only=True) as case_file, case_file.reading() as session:
        dossier = build_dossier(session, PdfOptions())
    out: dict[Section, list[int]] = {}
    for content in dossier.sections:
        numbers = [f.para for f in content.findings]
        for group in content.groups:
            numbers += [x.para for x in (*group.entries, *group.lines, *group.quotes)]
        out[content.section] = numbers
    return out


def test_one_count_runs_through_the_body_only(demo: tuple[Path, PdfReport]) -> None:
    paras = _paras(demo[0])
    body = [n for section in NUMBERED_SECTIONS for n in paras.get(section, [])]
    assert body == list(range(1, len(body) + 1)) and len(body) > 40
    for section in (Section.SUMMARY, Section.APPENDIX, Section.EVIDENCE_GAPS):
        assert paras[section] and set(paras[section]) == {0}, section


def test_every_number_is_printed_in_the_margin_in_order(demo: tuple[Path, PdfReport]) -> None:
    paras = _paras(demo[0])
    count = sum(len(paras.get(section, [])) for section in NUMBERED_SECTIONS)
    printed = [n for _, n in _margin_numbers(demo[1].path)]
    assert printed == list(range(1, count + 1))


def test_the_summary_gives_the_paragraph_of_each_finding(demo: tuple[Path, PdfReport]) -> None:
    done = subprocess.run(["pdftotext", str(demo[1].path), "-"], capture_output=True, text=True, check=True)
    text = " ".join(done.stdout.split())
    start = text.index("Executive summary 2 findings")
    summary = text[start : text.index("Key facts", start)]
    found = [int(n) for n in re.findall(r"Finding \d in the compliance assessment, para\. (\d+)", summary)]
    paras = _paras(demo[0])
    assert found == paras[Section.COMPLIANCE]


def test_a_mixed_script_case_is_numbered_too(tmp_path: Path) -> None:
    make_case(tmp_path / "mixed.casefile")
    report = export(tmp_path / "mixed.casefile", tmp_path / "mixed.pdf")
    paras = _paras(tmp_path / "mixed.casefile")
    count = sum(len(paras.get(section, [])) for section in NUMBERED_SECTIONS)
    assert [n for _, n in _margin_numbers(report.path)] == list(range(1, count + 1))
