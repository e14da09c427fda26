"""`casefile share PATH OUT [--redact]`: a clean or redacted copy, the case unchanged, refusals on one line."""

from __future__ import annotations

from pathlib import Path

from casefile.domain.kinds import Kind
from casefile.services import audit, records
from casefile.storage.casefile import CaseFile
from tests.cli.conftest import RunCli, names_in


def _case_with_protected_person(path: Path) -> str:
    with CaseFile.open(path) as case_file, case_file.unit_of_work() as session:
        records.create(session, Kind.PERSON, {"name": "Quentin Marrowby", "protected": True})
        gone = records.create(session, Kind.PERSON, {"name": "Ottoline Wextrum"}).id
        records.delete(session, gone)
        return gone


def test_share_writes_a_clean_copy_and_leaves_the_case_alone(
    cli: RunCli, empty_case_path: Path, tmp_path: Path
) -> None:
    _case_with_protected_person(empty_case_path)
    out = tmp_path / "out" / "shared.casefile"
    out.parent.mkdir()

    run = cli("share", empty_case_path, out)

    assert run.code == 0, run.err
    assert "Wrote a clean copy" in run.out and "Left out 1 deleted record(s)" in run.out
    assert b"Wextrum" not in out.read_bytes() and b"Quentin Marrowby" in out.read_bytes()
    assert names_in(out.parent) == {"shared.casefile"}
    assert cli("check", out).code == 0
    # The case keeps every record; its audit trail gains one row saying what was shared.
    with CaseFile.open(empty_case_path, read_only=True) as case_file, case_file.reading() as session:
        assert [p.values["name"] for p in records.list_records(session, Kind.PERSON)] == ["Quentin Marrowby"]
        last = audit.entries(session)[-1]
        assert (last.action, last.details()["file"], last.details()["redacted"]) == ("share", "shared.casefile", False)


def test_share_redact_names_the_pseudonyms(cli: RunCli, empty_case_path: Path, tmp_path: Path) -> None:
    _case_with_protected_person(empty_case_path)
    out = tmp_path / "redacted.casefile"
    run = cli("share", empty_case_path, out, "--redact")
    assert run.code == 0, run.err
    assert "a redacted copy" in run.out and "Protected persons now appear as: Witness A." in run.out
    assert b"Marrowby" not in out.read_bytes()


def test_share_refuses_an_existing_target_without_replace(cli: RunCli, empty_case_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "shared.casefile"
    out.write_bytes(b"someone else's file")
    cli("share", empty_case_path, out).assert_user_error("already exists", "--replace")
    assert out.read_bytes() == b"someone else's file"

    assert cli("share", empty_case_path, out, "--replace").code == 0
    assert out.read_bytes().startswith(b"SQLite format 3\x00")


def test_share_refusals_are_one_line(cli: RunCli, empty_case_path: Path, tmp_path: Path) -> None:
    cli("share", empty_case_path, tmp_path / "missing" / "x.casefile").assert_user_error("does not exist")
    cli("share", empty_case_path, tmp_path / "x.txt").assert_user_error("does not end in .casefile")
    not_a_case = tmp_path / "notes.casefile"
    not_a_case.write_bytes(b"just some text, not a database")
    cli("share", not_a_case, tmp_path / "y.casefile").assert_user_error()
    assert not (tmp_path / "y.casefile").exists()
