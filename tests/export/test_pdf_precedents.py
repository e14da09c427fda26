"""The Precedents annex: each precedent a finding cites, in full once, and named briefly in the body.

Read back with poppler's pdftotext, as a reader sees the pages.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from test_pdf_support import export, flat

from casefile.domain.dossier import Section
from casefile.domain.kinds import Kind
from casefile.jobs.demo import write_demo
from casefile.services import records
from casefile.storage.casefile import CaseFile

# The Mongolia decision's summary, from icc_precedents.csv: printed in the annex only.
MONGOLIA_SUMMARY = "Pre-Trial Chamber II found that Mongolia failed to comply with the Court's request to arrest"


def _text(pdf: Path) -> str:
    return flat(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_demo(tmp_path_factory.mktemp("precedents") / "demo.casefile")


@pytest.fixture(scope="module")
def demo_text(demo: Path) -> str:
    return _text(export(demo, demo.with_name("demo.pdf")).path)


def _annex(text: str) -> str:
    after = text.split("Precedents annex The decisions of the Court that the findings cite:")[1]
    return after.split("how far it was verified.", 1)[1].split("Evidence gaps")[0]


def test_the_annex_lists_every_cited_precedent_with_its_facts_and_sources(demo_text: str) -> None:
    annex = _annex(demo_text)
    first = annex.split("P2. ")[0]
    assert first.startswith(" P1. Pre-Trial Chamber II: Vladimir Vladimirovich Putin in Mongolia")
    for fact in ("Court: Pre-Trial Chamber II", "Date: 24 October 2024", "Reference: not found",
                 "Person: Vladimir Vladimirovich Putin", "State: Mongolia (MN), visit 2 September 2024 to 3 September",
                 "Claim kind: not recorded in the reference data", "Outcome: non-compliance found and referred",
                 "Verification: verified", "Sources: https://miragenews.com/icc-mongolia-failed-in-putin-arrest",
                 "Cited by: Finding 1; Finding 2", MONGOLIA_SUMMARY):  # fmt: skip
        assert fact in first, fact
    # The Jordan appeal, with its reference, and all fifteen decisions of the reference data.
    assert "Appeals Chamber: Omar Hassan Ahmad Al-Bashir in Jordan" in annex and "ICC-02/05-01/09-397" in annex
    assert "P15. " in annex and "P16. " not in annex


def test_the_body_names_each_precedent_briefly_and_points_into_the_annex(demo_text: str) -> None:
    body = demo_text.split("Compliance assessment Each finding follows")[1].split("Chronology")[0]
    assert "Confirmed by the Court's decision on this visit: Pre-Trial Chamber II, 24 October 2024 (Putin in " \
           "Mongolia; see Precedents annex, P1)." in body  # fmt: skip
    assert "Appeals Chamber, 6 May 2019, ICC-02/05-01/09-397 (Al-Bashir in Jordan; see Precedents annex, P" in body
    assert "Rests on: Precedents annex, P1" in body
    # The summary and the list of sources are printed once, in the annex.
    assert MONGOLIA_SUMMARY not in body and "miragenews" not in body
    assert demo_text.count(MONGOLIA_SUMMARY) == 1
    # The executive summary, too, says why in the body's short words.
    summary = demo_text.split("Executive summary 2 findings")[1].split("Key facts")[0]
    assert "(Putin in Mongolia; see Precedents annex, P1)" in summary
    assert "non-compliance found and referred" not in summary


def test_without_the_annex_the_body_names_precedents_in_full(demo: Path) -> None:
    sections = frozenset(Section) - {Section.PRECEDENTS}
    text = _text(export(demo, demo.with_name("no-annex.pdf"), sections=sections).path)
    assert "Precedents annex" not in text
    assert "Pre-Trial Chamber II, 24 October 2024 (Putin in Mongolia): non-compliance found and referred" in text


def test_a_redacted_annex_hides_a_protected_name(tmp_path: Path) -> None:
    path = write_demo(tmp_path / "demo.casefile")
    with CaseFile.open(path) as case_file, case_file.unit_of_work() as session:
        putin = next(p for p in records.list_records(session, Kind.PERSON) if p["name"] == "Vladimir Putin")
        records.update_fields(session, putin.id, {"protected": True})
    text = _text(export(path, tmp_path / "redacted.pdf", redact=True).path)
    annex = _annex(text)
    assert "P1. Pre-Trial Chamber II:" in annex and "Mongolia" in annex
    assert "putin" not in text.casefold() and "vladimir" not in text.casefold()
    assert "Witness A" in annex
