"""`casefile export-pdf`: a dossier from the command line, with one clear line when something is wrong."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from casefile.cli.cmd_export_pdf import ProgressBar
from casefile.cli.main import main
from casefile.storage.casefile import CaseFile


def _run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_export_pdf_writes_the_dossier(demo_case_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "dossier.pdf"
    code, said, err = _run(capsys, "export-pdf", demo_case_path, out, "--paper", "letter", "--redact")
    assert code == 0, err
    assert said.startswith("Wrote the dossier (redacted), ") and f"pages, to {out}." in said
    assert err == "", "no progress bar when stderr is not a terminal"
    assert float(PdfReader(out).pages[0].mediabox.width) == 612


def test_sections_choose_what_goes_in(demo_case_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "short.pdf"
    code, _, err = _run(capsys, "export-pdf", demo_case_path, out, "--sections", "cover,sources")
    assert code == 0, err
    text = " ".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Sources" in text and "Chronology" not in text


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--sections", "cover,nope"], "unknown section nope"),
        (["--sections", ","], "at least one section"),
        (["--paper", "a3"], "invalid choice: 'a3'"),
    ],
)
def test_bad_options_give_one_line(
    demo_case_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture, args: list[str], fragment: str
) -> None:
    code, _, err = _run(capsys, "export-pdf", demo_case_path, tmp_path / "x.pdf", *args)
    assert code == 2
    assert len(err.splitlines()) == 1 and fragment in err
    assert not (tmp_path / "x.pdf").exists()


def test_a_missing_case_gives_one_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    code, _, err = _run(capsys, "export-pdf", tmp_path / "none.casefile", tmp_path / "x.pdf")
    assert code == 2 and len(err.splitlines()) == 1
    assert not (tmp_path / "x.pdf").exists()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_draws_on_a_terminal_only() -> None:
    terminal = _Terminal()
    bar = ProgressBar(terminal)
    for done in (0, 5, 5, 10):
        bar.update(done, 10)
    bar.close()
    shown = terminal.getvalue()
    assert shown.count("\r") == 3 and shown.endswith("100%\n")
    assert "[###############---------------]  50%" in shown
    assert not ProgressBar(io.StringIO()).enabled


def test_characters_the_font_lacks_are_named(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    case_path = tmp_path / "cjk.casefile"
    # Devanagari: no font Casefile ships draws it (Chinese, Arabic and Hebrew have fonts of their own).
    CaseFile.create(case_path, "Визит कख").close()
    code, said, err = _run(capsys, "export-pdf", case_path, tmp_path / "cjk.pdf")
    assert code == 0, err
    assert "cannot draw 2 character(s)" in said and "U+0915 क, U+0916 ख" in said
    assert "Визит [U+0915][U+0916]" in PdfReader(tmp_path / "cjk.pdf").pages[0].extract_text()


def test_a_one_page_dossier_says_one_page(empty_case_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "one.pdf"
    code, said, err = _run(capsys, "export-pdf", empty_case_path, out, "--sections", "cover")
    assert code == 0, err
    assert ", 1 page, to " in said and "1 pages" not in said
