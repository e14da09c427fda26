"""`casefile merge`: the per-kind report, conflicts refused without --prefer, hostile copies refused."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from casefile.domain.kinds import Kind
from casefile.services import attachments, records
from casefile.storage.casefile import CaseFile
from tests.cli.conftest import RunCli, names_in


@pytest.fixture
def theirs_path(demo_case_path: Path, tmp_path: Path) -> Path:
    target = tmp_path / "theirs.casefile"
    shutil.copyfile(demo_case_path, target)
    return target


def edit_first_person(path: Path, notes: str) -> str:
    with CaseFile.open(path) as case_file, case_file.unit_of_work() as session:
        person = records.list_records(session, Kind.PERSON)[0].id
        records.update_fields(session, person, {"notes": notes})
        return person


def notes_of(path: Path, person: str) -> str | None:
    with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
        return records.get(session, person).values["notes"]


def test_merge_prints_the_counts_per_kind(cli: RunCli, demo_case_path: Path, theirs_path: Path) -> None:
    with CaseFile.open(theirs_path) as case_file, case_file.unit_of_work() as session:
        records.create(session, Kind.SOURCE, {"title": "Fictional Gazette"})
    run = cli("merge", demo_case_path, theirs_path)
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[1].split() == ["Kind", "Added", "Updated", "Skipped", "In", "conflict"]
    sources = next(line for line in lines if line.startswith("Sources"))
    assert sources.split()[1:3] == ["1", "0"]
    assert "before the merge:" in run.out and ".premerge-" in run.out


def test_conflicts_without_prefer_exit_1_and_say_how_to_resolve(
    cli: RunCli, demo_case_path: Path, theirs_path: Path
) -> None:
    person = edit_first_person(demo_case_path, "mine")
    edit_first_person(theirs_path, "theirs")
    folder_before = names_in(demo_case_path.parent)
    run = cli("merge", demo_case_path, theirs_path)
    assert run.code == 1
    assert f"in conflict: person 'Vladimir Putin' ({person})" in run.out
    assert "--prefer mine" in run.out and "nothing was merged" in run.out
    persons = next(line for line in run.out.splitlines() if line.startswith("Persons"))
    assert persons.split()[-1] == "1"
    assert notes_of(demo_case_path, person) == "mine"
    assert names_in(demo_case_path.parent) == folder_before


@pytest.mark.parametrize(("prefer", "expected"), [("mine", "mine"), ("theirs", "theirs"), ("both", "mine")])
def test_prefer_settles_every_conflict(
    cli: RunCli, demo_case_path: Path, theirs_path: Path, prefer: str, expected: str
) -> None:
    person = edit_first_person(demo_case_path, "mine")
    edit_first_person(theirs_path, "theirs")
    run = cli("merge", demo_case_path, theirs_path, "--prefer", prefer)
    assert run.code == 0, run.err
    assert f"1 kept {prefer}" in run.out
    assert notes_of(demo_case_path, person) == expected


def test_a_copy_with_a_trigger_is_refused_in_one_line(cli: RunCli, demo_case_path: Path, theirs_path: Path) -> None:
    with closing(sqlite3.connect(theirs_path)) as conn:
        conn.execute("CREATE TRIGGER sneaky AFTER UPDATE ON persons BEGIN DELETE FROM links; END")
        conn.commit()
    before = demo_case_path.read_bytes()
    run = cli("merge", demo_case_path, theirs_path, "--prefer", "theirs")
    run.assert_user_error("sneaky", "not changed")
    assert demo_case_path.read_bytes() == before


def test_a_bad_prefer_value_is_a_usage_error(cli: RunCli, demo_case_path: Path, theirs_path: Path) -> None:
    cli("merge", demo_case_path, theirs_path, "--prefer", "newest").assert_user_error("--prefer")


def test_the_report_names_their_attachments(cli: RunCli, demo_case_path: Path, theirs_path: Path) -> None:
    with CaseFile.open(theirs_path) as case_file, case_file.unit_of_work() as session:
        source = records.list_records(session, Kind.SOURCE)[0].id
        attachments.attach(session, source, "scan.pdf", b"%PDF-1.4 a scan")
    run = cli("merge", demo_case_path, theirs_path)
    assert run.code == 0, run.err
    assert "Attachments: 1 added, 0 already here, 0 in conflict (both kept)" in run.out
    assert "Nothing to merge" not in run.out
