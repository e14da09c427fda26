"""The link chart at scale: the most connected records with their neighbours, said in words, with a legend."""

from __future__ import annotations

import subprocess
from pathlib import Path

from test_pdf_support import export, flat

from casefile.domain.dossier import PdfOptions, Section
from casefile.domain.kinds import Kind
from casefile.services import records
from casefile.services.dossier import CHART_LIMIT, build_dossier_and_report
from casefile.storage.casefile import CaseFile

NAMES = ["Иван Петров", "דוד כהן", "أحمد علي", "李娜", "Bat-Erdene <b>&</b>"]


def _large_case(path: Path) -> Path:
    """Three hubs with 60 neighbours each, chains between them, and 40 records with no link at all."""
    with CaseFile.open(path) as case_file, case_file.unit_of_work() as session:
        people = [records.create(session, Kind.PERSON, {"name": f"{NAMES[i % 5]} {i}"}).id for i in range(220)]
        for hub in range(3):
            for n in range(60):
                other = people[3 + hub * 60 + n]
                records.create(session, Kind.LINK, {"from": people[hub], "to": other, "kind": "knows"})
        for i in range(3, 180, 2):
            records.create(session, Kind.LINK, {"from": people[i], "to": people[i + 1], "kind": "met"})
    return path


def test_at_scale_the_chart_shows_hubs_with_their_neighbours(empty_case_path: Path, tmp_path: Path) -> None:
    path = _large_case(empty_case_path)
    with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
        dossier, _ = build_dossier_and_report(session, PdfOptions(sections=frozenset({Section.LINK_CHART})))
    chart = dossier.chart
    assert len(chart.nodes) == CHART_LIMIT and chart.omitted == 183 - CHART_LIMIT
    linked = {e.a for e in chart.edges} | {e.b for e in chart.edges}
    assert {n.id for n in chart.nodes} <= linked  # no box stands alone
    labels = {n.label for n in chart.nodes}
    assert {"Иван Петров 0", "דוד כהן 1", "أحمد علي 2"} <= labels  # every hub, each with its neighbourhood

    report = export(path, tmp_path / "chart.pdf", sections=frozenset({Section.LINK_CHART}))
    text = flat(subprocess.run(["pdftotext", str(report.path), "-"], capture_output=True, text=True).stdout)
    assert f"Showing {CHART_LIMIT} of 183 linked records: the most connected and their neighbours" in text
    assert "a link, with its kind beside it" in text and "Person" in text
    assert "Иван Петров 0" in text and "李娜 3" in text
