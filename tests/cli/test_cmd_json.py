"""`casefile export-json` and `casefile import-json`: a lossless round trip, and nothing left behind on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casefile.services import audit
from casefile.storage.casefile import CaseFile
from tests.cli.conftest import RunCli, names_in
from tests.interchange_cases import anchor_entries, without_anchor
from tests.storage.filestate import FileState


def test_export_import_export_is_byte_identical(cli: RunCli, demo_case_path: Path, tmp_path: Path) -> None:
    first, second, copy = tmp_path / "first.json", tmp_path / "second.json", tmp_path / "copy.casefile"
    assert cli("export-json", demo_case_path, first).code == 0
    run = cli("import-json", first, copy)
    assert run.code == 0, run.err
    assert "93 records" in run.out
    assert cli("export-json", copy, second).code == 0
    assert without_anchor(first) == without_anchor(second)
    assert "Путин" in first.read_text(encoding="utf-8")


def test_export_changes_nothing_in_the_case_but_its_audit_trail(
    cli: RunCli, demo_case_path: Path, tmp_path: Path
) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert cli("export-json", demo_case_path, first).code == 0
    assert cli("export-json", demo_case_path, second).code == 0
    assert without_anchor(first) == without_anchor(second)
    assert anchor_entries(second) == anchor_entries(first) + 1  # the first export logged itself
    with CaseFile.open(demo_case_path, read_only=True) as case_file, case_file.reading() as session:
        assert [e.details()["file"] for e in audit.entries(session)[-2:]] == ["first.json", "second.json"]


def test_export_refuses_to_write_over_the_case_itself(cli: RunCli, demo_case_path: Path) -> None:
    before = FileState.of(demo_case_path)
    cli("export-json", demo_case_path, demo_case_path).assert_user_error("destroy the case")
    assert FileState.of(demo_case_path) == before


def test_export_to_a_missing_folder(cli: RunCli, demo_case_path: Path, tmp_path: Path) -> None:
    cli("export-json", demo_case_path, tmp_path / "nowhere" / "out.json").assert_user_error("nowhere")


@pytest.fixture
def exported(cli: RunCli, demo_case_path: Path, tmp_path: Path) -> dict[str, object]:
    path = tmp_path / "exported.json"
    assert cli("export-json", demo_case_path, path).code == 0
    document: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    path.unlink()
    demo_case_path.unlink()
    return document


def _write(folder: Path, text: str) -> Path:
    path = folder / "in.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_import_refuses_broken_json(cli: RunCli, tmp_path: Path) -> None:
    source = _write(tmp_path, '{"format": "casefile/1", "case": {"title": "Путин <b>')
    cli("import-json", source, tmp_path / "new.casefile").assert_user_error("not valid JSON", "line 1")
    assert names_in(tmp_path) == {"in.json"}


def test_import_lists_every_problem_with_its_path(cli: RunCli, tmp_path: Path, exported: dict[str, object]) -> None:
    persons = exported["persons"]
    assert isinstance(persons, list)
    persons[0]["protected"] = "yes"
    persons[1]["id"] = persons[2]["id"]
    visits = exported["visits"]
    assert isinstance(visits, list)
    visits[0]["person"] = "00000000-0000-4000-8000-000000000000"
    source = _write(tmp_path, json.dumps(exported, ensure_ascii=False))
    run = cli("import-json", source, tmp_path / "new.casefile")
    run.assert_user_error("persons[0]", "visits[0]")
    assert names_in(tmp_path) == {"in.json"}


def test_import_refuses_an_existing_case(cli: RunCli, tmp_path: Path, empty_case_path: Path) -> None:
    source = _write(tmp_path, "{}")
    before = FileState.of(empty_case_path)
    cli("import-json", source, empty_case_path).assert_user_error("already exists")
    assert FileState.of(empty_case_path) == before


def test_import_refuses_swapped_arguments(cli: RunCli, demo_case_path: Path, tmp_path: Path) -> None:
    before = FileState.of(demo_case_path)
    cli("import-json", demo_case_path, tmp_path / "out.json").assert_user_error("does not end in .casefile")
    assert FileState.of(demo_case_path) == before
    assert "out.json" not in names_in(tmp_path)


def test_import_from_a_missing_json(cli: RunCli, tmp_path: Path) -> None:
    cli("import-json", tmp_path / "typo.json", tmp_path / "new.casefile").assert_user_error("typo.json")
    assert names_in(tmp_path) == set()
