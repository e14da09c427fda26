"""`casefile info` and `casefile search`: what they print, and how they refuse a bad file."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from casefile.domain.kinds import RECORD_KINDS, spec
from casefile.services import records
from casefile.storage.casefile import CaseFile
from casefile.storage.schema import SCHEMA_REVISION
from tests.cli.conftest import RunCli, names_in
from tests.storage.filestate import FileState


def _empty(folder: Path) -> Path:
    path = folder / "empty.casefile"
    path.write_bytes(b"")
    return path


def _noise(folder: Path) -> Path:
    path = folder / "noise.casefile"
    path.write_bytes(random.Random(2).randbytes(8192))
    return path


def _other_database(folder: Path) -> Path:
    path = folder / "addresses.casefile"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE people (name TEXT)")
        conn.execute("INSERT INTO people VALUES ('Монгол Улс')")
        conn.commit()
    return path


def _folder(folder: Path) -> Path:
    path = folder / "folder.casefile"
    path.mkdir()
    return path


BAD_FILES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "empty": (_empty, "is empty"),
    "noise": (_noise, "not an SQLite database"),
    "other program": (_other_database, "another program's SQLite database"),
    "folder": (_folder, "is a folder"),
}


def test_info_shows_title_revision_and_every_kind(cli: RunCli, demo_case_path: Path) -> None:
    run = cli("info", demo_case_path)
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0].startswith("Title:") and "Putin in Mongolia" in lines[0]
    assert any(line.split() == ["Schema", "revision:", str(SCHEMA_REVISION)] for line in lines)
    for kind in RECORD_KINDS:
        assert any(line.startswith(spec(kind).plural + " ") for line in lines), kind
    assert any(line.split() == ["Persons", "6"] for line in lines)
    assert any(line.split() == ["Warrants", "2"] for line in lines)


def test_info_on_an_empty_case(cli: RunCli, empty_case_path: Path) -> None:
    run = cli("info", empty_case_path)
    assert "Empty case" in run.out
    assert any(line.split() == ["Quotes", "0"] for line in run.out.splitlines())


def test_info_does_not_change_the_file(cli: RunCli, demo_case_path: Path) -> None:
    before = FileState.of(demo_case_path)
    assert cli("info", demo_case_path).code == 0
    assert FileState.of(demo_case_path) == before


@pytest.mark.parametrize("command", ["info", "search", "check", "export-json"])
@pytest.mark.parametrize("bad", sorted(BAD_FILES))
def test_commands_refuse_a_file_that_is_not_a_case(cli: RunCli, tmp_path: Path, command: str, bad: str) -> None:
    make, message = BAD_FILES[bad]
    path = make(tmp_path)
    before = FileState.of(path)
    extra = {"search": ["путин"], "export-json": [tmp_path / "out.json"]}.get(command, [])
    cli(command, path, *extra).assert_user_error(message)
    assert FileState.of(path) == before
    assert "out.json" not in names_in(tmp_path)


@pytest.mark.parametrize("command", ["info", "search", "check", "export-json"])
def test_commands_refuse_a_missing_file_and_create_none(cli: RunCli, tmp_path: Path, command: str) -> None:
    extra = {"search": ["путин"], "export-json": [tmp_path / "out.json"]}.get(command, [])
    cli(command, tmp_path / "typo.casefile", *extra).assert_user_error("There is no file at", "typo.casefile")
    assert names_in(tmp_path) == set()


def _hit_lines(out: str) -> list[str]:
    lines = out.splitlines()
    assert lines[0].split() == ["KIND", "RECORD", "MATCH"]
    return lines[1:]


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("путин", "Putin"),
        ("ПУТИН", "Putin"),
        ("khurelsukh", "Khürelsükh"),
        ("KHÜRELSÜKH", "Khürelsükh"),
        ("львова", "Lvova"),
    ],
)
def test_search_finds_people_across_scripts(cli: RunCli, demo_case_path: Path, query: str, label: str) -> None:
    run = cli("search", demo_case_path, query)
    assert run.code == 0, run.err
    hits = _hit_lines(run.out)
    assert any(line.startswith("Person") and label in line for line in hits), run.out


def test_search_marks_the_matched_words(cli: RunCli, demo_case_path: Path) -> None:
    hits = _hit_lines(cli("search", demo_case_path, "путин").out)
    assert "[Путин]" in hits[0]


def test_search_limit(cli: RunCli, demo_case_path: Path) -> None:
    assert len(_hit_lines(cli("search", demo_case_path, "Mongolia").out)) > 1
    assert len(_hit_lines(cli("search", demo_case_path, "Mongolia", "--limit", "1").out)) == 1


@pytest.mark.parametrize("limit", ["0", "-3", "many"])
def test_search_refuses_a_bad_limit(cli: RunCli, demo_case_path: Path, limit: str) -> None:
    cli("search", demo_case_path, "Mongolia", "--limit", limit).assert_user_error("--limit")


@pytest.mark.parametrize("query", ['"unbalanced', "AND", "brand-new", "<b>", '<font color="x">', "&", "   "])
def test_search_treats_any_query_as_text(cli: RunCli, demo_case_path: Path, query: str) -> None:
    run = cli("search", demo_case_path, query)
    assert run.code == 0, run.err
    assert run.err == ""


def test_search_without_hits_says_so(cli: RunCli, demo_case_path: Path) -> None:
    run = cli("search", demo_case_path, "zzyzx")
    assert run.code == 0
    assert run.out.strip() == "Nothing in the case matches 'zzyzx'."


def test_search_prints_markup_and_strips_terminal_controls(cli: RunCli, empty_case_path: Path) -> None:
    with CaseFile.open(empty_case_path) as case_file, case_file.unit_of_work() as session:
        records.create(session, "person", {"name": "Ada <b>Bold</b> & \x1b[31mRed\x1b[0m"})
    run = cli("search", empty_case_path, "ada")
    [hit] = _hit_lines(run.out)
    assert "Ada <b>Bold</b> & [31mRed[0m" in hit
    assert "\x1b" not in run.out
