"""File › Export PDF Dossier…: the dialog's choices reach the export, which runs in a worker."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from casefile.domain.dossier import Paper, Section
from casefile.domain.kinds import Kind
from casefile.services import records
from casefile.storage.casefile import CaseFile
from casefile.ui.dialogs.export_pdf import ExportPdfDialog, PdfDone
from casefile.ui.dialogs.redaction_report import RedactionReportDialog
from casefile.ui.main_window import MainWindow
from tests.ui.conftest import open_case


def test_export_pdf_from_the_window(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_case(qtbot, window, demo_case_path)
    target = tmp_path / "Досье"

    def exec_(dialog: ExportPdfDialog) -> int:
        dialog.path.setText(str(target))
        for section in (Section.CHRONOLOGY, Section.LINK_CHART):
            dialog.sections[section].setChecked(False)
        dialog.paper.setCurrentIndex(dialog.paper.findData(Paper.LETTER))
        dialog.accept()
        return int(dialog.result())

    offered: list[Path] = []
    monkeypatch.setattr(ExportPdfDialog, "exec", exec_)
    monkeypatch.setattr(PdfDone, "offer_to_open", classmethod(lambda cls, parent, report: offered.append(report.path)))
    with qtbot.waitSignal(window.job_finished, timeout=60_000):
        window.actions.export_pdf.trigger()
    pdf = target.with_name("Досье.pdf")
    assert offered == [pdf]
    reader = PdfReader(pdf)
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())  # names wrap in table cells
    assert "Compliance assessment" in text and "Владимир Владимирович Путин" in text
    assert "Chronology" not in [o.title for o in reader.outline if not isinstance(o, list)]
    assert round(float(reader.pages[0].mediabox.width)) == 612  # US Letter


def test_dialog_refuses_no_sections_and_a_missing_folder(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = ExportPdfDialog(tmp_path / "x.pdf")
    qtbot.addWidget(dialog)
    for box in dialog.sections.values():
        box.setChecked(False)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "at least one section" in dialog.problem.text()
    dialog.sections[Section.COVER].setChecked(True)
    dialog.path.setText(str(tmp_path / "missing" / "x.pdf"))
    dialog.accept()
    assert "does not exist" in dialog.problem.text()


def test_a_redacted_export_shows_the_redaction_report(
    qtbot: QtBot, window: MainWindow, empty_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with CaseFile.open(empty_case_path) as case_file, case_file.unit_of_work() as session:
        records.create(session, Kind.PERSON, {"name": "Li Na", "original_name": "李娜", "protected": True})
        records.create(session, Kind.QUOTE, {"text": "我们见到了李娜。Li agreed."})
    open_case(qtbot, window, empty_case_path)
    target = tmp_path / "redacted.pdf"

    def exec_(dialog: ExportPdfDialog) -> int:
        dialog.path.setText(str(target))
        dialog.redact.setChecked(True)
        dialog.accept()
        return int(dialog.result())

    shown: list[str] = []
    monkeypatch.setattr(ExportPdfDialog, "exec", exec_)
    monkeypatch.setattr(PdfDone, "offer_to_open", classmethod(lambda cls, parent, report: False))
    monkeypatch.setattr(
        RedactionReportDialog, "show_report", classmethod(lambda cls, parent, report: shown.append(report.text()))
    )
    with qtbot.waitSignal(window.job_finished, timeout=60_000):
        window.actions.export_pdf.trigger()
    qtbot.waitUntil(lambda: bool(shown))
    assert "Witness A: quote “我们见到了[Witness A]。[Witness A] agreed.”, field text: 2×" in shown[0]
    assert "Redaction report" not in "".join(page.extract_text() for page in PdfReader(target).pages)
