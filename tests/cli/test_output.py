"""Printing: tables, one-line errors, safe text, and Cyrillic on streams that are not UTF-8."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from casefile.cli import output
from casefile.domain.errors import NotACaseFile

REPO = Path(__file__).resolve().parents[2]


def test_table_aligns_columns_of_mixed_scripts() -> None:
    lines = output.table([("Person", "Владимир Путин", "x"), ("Source", "HRW", "y")], headers=("KIND", "RECORD", "M"))
    assert lines == [
        "KIND    RECORD          M",
        "Person  Владимир Путин  x",
        "Source  HRW             y",
    ]


def test_table_of_nothing_is_empty() -> None:
    assert output.table([]) == []


def test_clean_flattens_lines_and_drops_control_characters() -> None:
    assert output.clean('<b>Путин</b>\n& <font color="x">\x1b[2J\x07</font>\tend') == (
        '<b>Путин</b> & <font color="x">[2J</font> end'
    )
    assert output.clean(None) == ""


def test_error_line_is_one_line_with_hint() -> None:
    error = NotACaseFile("'Монгол Улс.casefile' is\nempty.", "Ask again.")
    assert output.error_line(error) == "casefile: error: 'Монгол Улс.casefile' is empty. Ask again."


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252"])
def test_safe_streams_print_cyrillic_on_a_narrow_stream(monkeypatch: pytest.MonkeyPatch, encoding: str) -> None:
    raw = io.BytesIO()
    narrow = io.TextIOWrapper(raw, encoding=encoding)
    monkeypatch.setattr(sys, "stdout", narrow)
    monkeypatch.setattr(sys, "stderr", narrow)
    output.use_safe_streams()
    output.say("Путин в Монгол Улс")
    output.print_error("lone \udc80 surrogate")
    sys.stdout.flush()
    text = raw.getvalue().decode("utf-8")
    assert "Путин в Монгол Улс" in text
    assert "casefile: error: lone ? surrogate" in text


def test_safe_streams_leave_utf8_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    monkeypatch.setattr(sys, "stdout", stream)
    output.use_safe_streams()
    assert stream.errors == "strict"


def _run(*args: str | Path, cwd: Path, encoding: str = "utf-8") -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONUTF8": "0"}
    return subprocess.run([sys.executable, *map(str, args)], cwd=cwd, env=env, capture_output=True, timeout=120)


@pytest.mark.slow
def test_python_main_py_runs_the_command(demo_case_path: Path) -> None:
    done = _run(REPO / "main.py", "info", demo_case_path, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert b"Putin in Mongolia" in done.stdout


@pytest.mark.slow
def test_python_dash_m_casefile_prints_cyrillic_through_a_latin1_pipe(demo_case_path: Path, tmp_path: Path) -> None:
    done = _run("-m", "casefile", "search", demo_case_path, "путин", cwd=REPO, encoding="latin-1")
    assert done.returncode == 0, done.stderr
    assert "[Путин]" in done.stdout.decode("utf-8")


@pytest.mark.slow
def test_subprocess_user_error_is_one_line_exit_two(tmp_path: Path) -> None:
    done = _run("-m", "casefile", "info", tmp_path / "Путин.casefile", cwd=REPO, encoding="ascii")
    assert done.returncode == 2
    lines = done.stderr.decode("utf-8").splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("casefile: error: There is no file at") and "Путин.casefile" in lines[0]
    assert list(tmp_path.iterdir()) == []
