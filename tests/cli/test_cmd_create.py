"""`casefile new` and `casefile demo`: they create a case, and refuse to overwrite or to guess."""

from __future__ import annotations

from pathlib import Path

from casefile.services import case
from casefile.storage.casefile import CaseFile
from tests.cli.conftest import RunCli, names_in
from tests.storage.filestate import FileState


def test_new_creates_an_empty_case_with_cover_details(cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "Монгол Улс.casefile"
    run = cli("new", path, "--title", 'Путин <b>in</b> Mongolia & "friends"', "--analyst", "Анна",
              "--classification", '<font color="x">CONFIDENTIAL – internal</font>')  # fmt: skip
    assert run.code == 0, run.err
    assert 'Путин <b>in</b> Mongolia & "friends"' in run.out
    with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
        summary = case.summary(session)
    assert summary.case["title"] == 'Путин <b>in</b> Mongolia & "friends"'
    assert summary.case["analyst"] == "Анна"
    assert summary.case["classification"] == '<font color="x">CONFIDENTIAL – internal</font>'
    assert sum(summary.counts.values()) == 0


def test_new_without_optional_details(cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "plain.casefile"
    assert cli("new", path, "--title", "Plain").code == 0
    with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
        assert case.the_case(session)["analyst"] is None


def test_new_refuses_an_existing_file(cli: RunCli, demo_case_path: Path) -> None:
    before = FileState.of(demo_case_path)
    cli("new", demo_case_path, "--title", "Again").assert_user_error("already exists", "Choose another name")
    assert FileState.of(demo_case_path) == before


def test_new_needs_the_casefile_extension(cli: RunCli, tmp_path: Path) -> None:
    cli("new", tmp_path / "case.json", "--title", "T").assert_user_error("does not end in .casefile", "case.casefile")
    cli("new", tmp_path / "case", "--title", "T").assert_user_error("case.casefile")
    assert names_in(tmp_path) == set()


def test_new_refuses_a_missing_folder(cli: RunCli, tmp_path: Path) -> None:
    cli("new", tmp_path / "nowhere" / "c.casefile", "--title", "T").assert_user_error("does not exist")
    assert names_in(tmp_path) == set()


def test_new_refuses_a_blank_title(cli: RunCli, tmp_path: Path) -> None:
    cli("new", tmp_path / "c.casefile", "--title", "   ").assert_user_error("title", "--title")
    assert names_in(tmp_path) == set()


def test_new_needs_a_title(cli: RunCli, tmp_path: Path) -> None:
    cli("new", tmp_path / "c.casefile").assert_user_error("--title")
    assert names_in(tmp_path) == set()


def test_demo_writes_the_demo_case(cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "demo.casefile"
    run = cli("demo", path)
    assert run.code == 0, run.err
    assert str(path) in run.out
    info = cli("info", path)
    assert "Putin in Mongolia" in info.out


def test_demo_refuses_an_existing_file(cli: RunCli, empty_case_path: Path) -> None:
    before = FileState.of(empty_case_path)
    cli("demo", empty_case_path).assert_user_error("already exists")
    assert FileState.of(empty_case_path) == before


def test_demo_needs_the_casefile_extension(cli: RunCli, tmp_path: Path) -> None:
    cli("demo", tmp_path / "demo.sqlite").assert_user_error("demo.casefile")
    assert names_in(tmp_path) == set()
