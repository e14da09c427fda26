"""The PDF file itself: replaced only when complete, untouched on cancel or failure, progress reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_pdf_support import export

from casefile.domain.dossier import ExportCancelled, PdfOptions
from casefile.domain.errors import CasefileError, StorageFailure
from casefile.export.pdf import render as render_module
from casefile.jobs.pdf import export_pdf

PREVIOUS = b"%PDF-1.4 the previous dossier"


@pytest.fixture
def previous(tmp_path: Path) -> Path:
    path = tmp_path / "out" / "dossier.pdf"
    path.parent.mkdir()
    path.write_bytes(PREVIOUS)
    return path


def _untouched(path: Path) -> None:
    assert path.read_bytes() == PREVIOUS
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name], "no temporary file is left behind"


def test_a_cancelled_export_leaves_the_previous_file(demo_case_path: Path, previous: Path) -> None:
    calls: list[int] = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(ExportCancelled):
        export_pdf(demo_case_path, previous, PdfOptions(), cancelled=cancelled)
    _untouched(previous)


def test_cancelling_before_rendering_writes_nothing(demo_case_path: Path, previous: Path) -> None:
    with pytest.raises(ExportCancelled):
        export_pdf(demo_case_path, previous, PdfOptions(), cancelled=lambda: True)
    _untouched(previous)


def test_a_failing_render_leaves_the_previous_file(
    demo_case_path: Path, previous: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(render_module.DossierDoc, "build_stream", broken)
    with pytest.raises(StorageFailure, match="No space left"):
        export_pdf(demo_case_path, previous, PdfOptions())
    _untouched(previous)


def test_a_finished_export_replaces_the_file_and_reports_progress(demo_case_path: Path, previous: Path) -> None:
    seen: list[tuple[int, int]] = []
    report = export_pdf(demo_case_path, previous, PdfOptions(), progress=lambda done, total: seen.append((done, total)))
    assert previous.read_bytes().startswith(b"%PDF-1.4") and previous.read_bytes() != PREVIOUS
    assert previous.read_bytes().rstrip().endswith(b"%%EOF")
    assert seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert report.pages > 10 and report.seconds > 0


def test_the_case_file_is_never_the_target(demo_case_path: Path) -> None:
    before = demo_case_path.read_bytes()
    with pytest.raises(CasefileError, match="is the case file itself"):
        export_pdf(demo_case_path, demo_case_path, PdfOptions())
    assert demo_case_path.read_bytes() == before


def test_a_folder_or_a_missing_folder_is_refused(demo_case_path: Path, tmp_path: Path) -> None:
    with pytest.raises(CasefileError, match="is a folder"):
        export(demo_case_path, tmp_path)
    with pytest.raises(StorageFailure, match="does not exist"):
        export(demo_case_path, tmp_path / "nowhere" / "x.pdf")
