"""A received case whose journal names a super-journal must never make SQLite delete a file (issue 9 §1).

Every attack here is built by code from a real crash: a hot journal as SQLite leaves it in the
middle of a save, with the trailer SQLite writes for a multi-database transaction appended.
"""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest

from casefile.domain.errors import DamagedCaseFile
from casefile.storage import inspection
from casefile.storage.casefile import CaseFile
from casefile.storage.checks import check_file
from casefile.storage.journal import HEADER, MAGIC
from tests.storage.filestate import FileState
from tests.storage.journals import crash_copy, crash_in_multi_database_commit, hostile_case, play_back_with_sqlite


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    folder = tmp_path / "Documents"
    folder.mkdir()
    thesis = folder / "thesis.docx"
    thesis.write_bytes(b"PK\x03\x04 four years of work \xd0\x9f")
    return thesis


@pytest.fixture
def received(empty_case_path: Path, tmp_path: Path, victim: Path) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    return hostile_case(empty_case_path, inbox / "received.casefile", str(victim))


def _states(*paths: Path) -> list[FileState]:
    return [FileState.of(path) for path in paths]


def test_the_attack_is_real_sqlite_itself_deletes_the_named_file(empty_case_path: Path, tmp_path: Path) -> None:
    """Without Casefile's check, an ordinary SQLite open deletes the file the journal names."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    bait = scratch / "bait.txt"
    bait.write_text("not a journal")
    case = hostile_case(empty_case_path, scratch / "case.casefile", str(bait))
    play_back_with_sqlite(case)
    assert not bait.exists()


def test_opening_for_writing_refuses_and_touches_nothing(received: Path, victim: Path) -> None:
    journal = Path(f"{received}-journal")
    before = _states(received, journal, victim)

    with pytest.raises(DamagedCaseFile) as caught:
        CaseFile.open(received)

    assert "super-journal" in caught.value.message
    assert "did not come from Casefile" in caught.value.message
    assert "has been changed" in caught.value.hint
    assert _states(received, journal, victim) == before


def test_a_relative_super_journal_name_is_refused_too(
    empty_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.odt").write_text("relative to the working folder")
    case = hostile_case(empty_case_path, tmp_path / "received.casefile", "notes.odt")
    before = _states(case, tmp_path / "notes.odt")
    with pytest.raises(DamagedCaseFile):
        CaseFile.open(case)
    assert _states(case, tmp_path / "notes.odt") == before


def test_no_private_copy_is_made_before_the_refusal(received: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copies: list[str] = []
    monkeypatch.setattr(inspection.shutil, "copyfile", lambda *args: copies.append(str(args)))
    with pytest.raises(DamagedCaseFile):
        CaseFile.open(received)
    assert copies == []


def test_read_only_open_does_not_tell_the_user_to_open_it_writable(received: Path, victim: Path) -> None:
    before = _states(received, victim)
    with pytest.raises(DamagedCaseFile) as caught:
        CaseFile.open(received, read_only=True)
    assert "without read-only" not in caught.value.hint
    assert "super-journal" in caught.value.message
    assert _states(received, victim) == before


def test_check_refuses_and_creates_nothing_beside_the_case(received: Path, victim: Path) -> None:
    before = _states(received, Path(f"{received}-journal"), victim)
    report = check_file(received)
    assert not report.clean
    assert "super-journal" in report.problems[0]
    assert _states(received, Path(f"{received}-journal"), victim) == before


def test_a_symlinked_case_is_checked_where_sqlite_looks(received: Path, victim: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.casefile"
    link.symlink_to(received)
    before = _states(received, victim)
    with pytest.raises(DamagedCaseFile) as caught:
        CaseFile.open(link)
    assert "super-journal" in caught.value.message
    assert _states(received, victim) == before


def test_a_journal_that_is_a_symlink_is_refused(empty_case_path: Path, tmp_path: Path, victim: Path) -> None:
    case = crash_copy(empty_case_path, tmp_path / "crashed.casefile")
    journal = Path(f"{case}-journal")
    real = tmp_path / "elsewhere-journal"
    journal.rename(real)
    journal.symlink_to(real)
    with pytest.raises(DamagedCaseFile) as caught:
        CaseFile.open(case)
    assert "not an ordinary file" in caught.value.message


def test_a_sparse_three_gigabyte_journal_is_refused_from_its_header(
    empty_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = tmp_path / "crashed.casefile"
    shutil.copyfile(empty_case_path, case)
    journal = Path(f"{case}-journal")
    with journal.open("wb") as handle:
        handle.write(HEADER.pack(MAGIC, 0xFFFFFFFF, 1, 786_432, 512, 4096))
        handle.truncate(3 * 1024**3)  # takes no disk
    assert journal.stat().st_size == 3 * 1024**3
    copies: list[str] = []
    monkeypatch.setattr(inspection.shutil, "copyfile", lambda *args: copies.append(str(args)))
    before = FileState.of(case)

    with pytest.raises(DamagedCaseFile) as caught:
        CaseFile.open(case)

    assert "far more than a save of this case could hold" in caught.value.message
    assert copies == []
    assert FileState.of(case).sha256 == before.sha256
    assert journal.stat().st_size == 3 * 1024**3


def test_a_journal_with_a_damaged_header_is_refused(empty_case_path: Path, tmp_path: Path) -> None:
    case = crash_copy(empty_case_path, tmp_path / "crashed.casefile")
    journal = Path(f"{case}-journal")
    raw = bytearray(journal.read_bytes())
    raw[20:24] = (3).to_bytes(4, "big")  # a sector size that is no power of two
    journal.write_bytes(bytes(raw))
    before = _states(case, journal)
    with pytest.raises(DamagedCaseFile) as caught:
        CaseFile.open(case)
    assert "damaged header" in caught.value.message
    assert _states(case, journal) == before


def test_an_honest_crash_is_still_restored(empty_case_path: Path, tmp_path: Path) -> None:
    case = crash_copy(empty_case_path, tmp_path / "crashed.casefile")
    with CaseFile.open(case) as opened:
        assert any("undid that unfinished save" in warning for warning in opened.warnings)
    assert not Path(f"{case}-journal").exists()


def test_check_of_a_wal_mode_file_creates_nothing_beside_it(empty_case_path: Path, tmp_path: Path) -> None:
    case = tmp_path / "wal.casefile"
    shutil.copyfile(empty_case_path, case)
    raw = bytearray(case.read_bytes())
    raw[18] = raw[19] = 2  # the header's WAL-mode bytes
    case.write_bytes(bytes(raw))
    before = FileState.of(case)
    report = check_file(case)
    assert not report.clean and "WAL mode" in report.problems[0]
    assert FileState.of(case) == before


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="the crash is made with a POSIX file-size limit")
def test_a_journal_sqlite_itself_left_mid_commit_is_refused(empty_case_path: Path) -> None:
    journal, super_journal = crash_in_multi_database_commit(empty_case_path)
    assert super_journal.is_absolute() and super_journal.exists()
    # SQLite would delete whatever lies at that path after playback: make it the user's work.
    super_journal.write_text("two years of work", encoding="utf-8")
    before = _states(empty_case_path, journal, super_journal)
    with pytest.raises(DamagedCaseFile, match="super-journal"):
        CaseFile.open(empty_case_path)
    assert _states(empty_case_path, journal, super_journal) == before
