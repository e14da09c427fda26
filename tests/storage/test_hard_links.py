"""A hard link defeated the lock and crash recovery: a case with a second name is not written (issue 9 §6)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from casefile.domain.errors import CaseFileLinked
from casefile.jobs.json_io import export_json
from casefile.storage.casefile import CaseFile
from tests.storage.filestate import FileState


@pytest.fixture
def linked(demo_case_path: Path, tmp_path: Path) -> Path:
    other = tmp_path / "other name.casefile"
    os.link(demo_case_path, other)
    return other


def test_neither_name_is_opened_for_writing(demo_case_path: Path, linked: Path) -> None:
    before = FileState.of(demo_case_path)
    for name in (demo_case_path, linked):
        with pytest.raises(CaseFileLinked) as caught:
            CaseFile.open(name)
        assert "hard link" in caught.value.message and "read-only" in caught.value.hint
        assert caught.value.path == str(name)
    assert FileState.of(demo_case_path) == before  # no lock file, no journal: nothing beside it


def test_it_still_opens_read_only_and_exports(demo_case_path: Path, linked: Path, tmp_path: Path) -> None:
    with CaseFile.open(linked, read_only=True) as case_file:
        assert case_file.read_only
    export_json(linked, tmp_path / "out.json")
    assert (tmp_path / "out.json").stat().st_size > 0


def test_a_case_whose_other_name_is_gone_opens_again(demo_case_path: Path, linked: Path) -> None:
    linked.unlink()
    with CaseFile.open(demo_case_path) as case_file:
        assert not case_file.read_only
