"""Commands that open a case for writing refuse one whose journal names a super-journal (issue 9 §1)."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import RunCli
from tests.storage.filestate import FileState
from tests.storage.journals import hostile_case


def test_attach_and_merge_refuse_in_one_line(
    cli: RunCli, empty_case_path: Path, demo_case_path: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "thesis.docx"
    victim.write_bytes(b"four years of work")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    received = hostile_case(empty_case_path, inbox / "received.casefile", str(victim))
    journal = Path(f"{received}-journal")
    evidence = tmp_path / "evidence.txt"
    evidence.write_text("a scanned note")
    before = [FileState.of(p) for p in (received, journal, victim)]
    demo_before = FileState.of(demo_case_path).sha256

    cli("attach", received, "00000000-0000-0000-0000-000000000000", evidence).assert_user_error("super-journal")
    cli("merge", received, demo_case_path).assert_user_error("super-journal")
    # As the copy to merge in it is only read, and refused just the same.
    cli("merge", demo_case_path, received).assert_user_error("super-journal")
    cli("check", received)

    assert [FileState.of(p) for p in (received, journal, victim)] == before
    assert FileState.of(demo_case_path).sha256 == demo_before
