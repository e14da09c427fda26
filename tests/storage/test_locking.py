"""One writer per case: a second writer is refused by name, read-only still works, stale locks are reclaimed."""

from __future__ import annotations

import errno
import json
import os
import socket
from collections.abc import Iterator
from dataclasses import asdict, replace
from pathlib import Path

import pytest

from casefile.domain.errors import CaseFileLocked, NotACaseFile
from casefile.domain.kinds import Kind
from casefile.services import records
from casefile.storage import locking
from casefile.storage.casefile import CaseFile
from tests.storage.filestate import FileState
from tests.storage.processes import Child, dead_pid

HOLDER = """
import sys
from casefile.storage.casefile import CaseFile
case = CaseFile.open(sys.argv[1])
print("locked", flush=True)
sys.stdin.read()
case.close()
print("released", flush=True)
"""


@pytest.fixture
def holder(empty_case_path: Path) -> Iterator[Child]:
    """Another Casefile process with the case open for writing until the test lets it go."""
    child = Child(HOLDER, empty_case_path)
    assert child.read_line() == "locked"
    yield child
    if child.proc.poll() is None:
        child.kill()


def _write_lock(case_path: Path, **changes: object) -> Path:
    owner = locking.LockOwner(
        host=socket.gethostname(), pid=os.getppid(), process_started=locking._process_start(os.getppid()),
        since="2024-09-02T10:00:00+00:00", token="t" * 32, program="Casefile 0.0-test",
    )  # fmt: skip
    path = locking.lock_path(case_path.resolve())
    path.write_text(json.dumps(asdict(replace(owner, **changes))), encoding="utf-8")  # type: ignore[arg-type]
    return path


def test_opening_for_writing_writes_a_lock_naming_this_process_and_close_removes_it(empty_case_path: Path) -> None:
    lock = locking.lock_path(empty_case_path.resolve())
    with CaseFile.open(empty_case_path) as case_file:
        assert not case_file.read_only
        owner = json.loads(lock.read_text(encoding="utf-8"))
        assert (owner["host"], owner["pid"]) == (socket.gethostname(), os.getpid())
        assert lock.name == f".{empty_case_path.name}.lock"
    assert not lock.exists()


def test_a_second_instance_is_refused_naming_host_and_process(holder: Child, empty_case_path: Path) -> None:
    before = FileState.of(empty_case_path)
    with pytest.raises(CaseFileLocked) as caught:
        CaseFile.open(empty_case_path)
    error = caught.value
    assert (error.host, error.pid) == (socket.gethostname(), holder.pid)
    assert f"process {holder.pid} on {socket.gethostname()}" in str(error)
    assert "Open it read-only, or close the other window" in str(error)
    assert FileState.of(empty_case_path).sha256 == before.sha256


def test_a_second_instance_can_read_while_the_first_writes(holder: Child, empty_case_path: Path) -> None:
    lock = locking.lock_path(empty_case_path.resolve())
    held = lock.read_bytes()
    with CaseFile.open(empty_case_path, read_only=True) as case_file, case_file.reading() as session:
        assert case_file.read_only
        assert records.list_records(session, Kind.PERSON) == []
    assert lock.read_bytes() == held  # a reader neither takes nor disturbs the writer's lock


def test_once_the_first_instance_closes_the_second_may_write(holder: Child, empty_case_path: Path) -> None:
    holder.say("")
    assert holder.finish() == 0
    with CaseFile.open(empty_case_path) as case_file:
        assert not case_file.read_only


def test_a_lock_left_by_a_dead_process_is_reclaimed(empty_case_path: Path) -> None:
    lock = _write_lock(empty_case_path, pid=dead_pid(), process_started=None)
    with CaseFile.open(empty_case_path) as case_file:
        assert not case_file.read_only
        assert json.loads(lock.read_text(encoding="utf-8"))["pid"] == os.getpid()
    assert not lock.exists()
    assert [p.name for p in empty_case_path.parent.iterdir() if ".stale" in p.name] == []


def test_a_recycled_pid_does_not_keep_a_stale_lock(empty_case_path: Path) -> None:
    if locking._process_start(os.getppid()) is None:
        pytest.skip("process start times are only readable where /proc exists")
    _write_lock(empty_case_path, process_started="1")  # a live pid, but not the process that took the lock
    with CaseFile.open(empty_case_path) as case_file:
        assert not case_file.read_only


def test_our_own_pid_from_an_earlier_run_is_stale(empty_case_path: Path) -> None:
    # Containers restart with the same small pids: a lock naming our pid but a token we never issued.
    _write_lock(empty_case_path, pid=os.getpid(), process_started=locking._process_start(os.getpid()))
    with CaseFile.open(empty_case_path) as case_file:
        assert not case_file.read_only


def test_a_live_process_on_this_host_keeps_its_lock(empty_case_path: Path) -> None:
    lock = _write_lock(empty_case_path)
    held = lock.read_bytes()
    with pytest.raises(CaseFileLocked, match=f"process {os.getppid()}"):
        CaseFile.open(empty_case_path)
    assert lock.read_bytes() == held


def test_a_lock_from_another_computer_is_respected_and_explained(empty_case_path: Path) -> None:
    lock = _write_lock(empty_case_path, host="colleague-laptop", pid=dead_pid())
    with pytest.raises(CaseFileLocked) as caught:
        CaseFile.open(empty_case_path)
    assert caught.value.host == "colleague-laptop"
    assert "on the computer 'colleague-laptop'" in str(caught.value)
    assert f"delete the file '{lock.name}'" in str(caught.value)
    assert lock.exists()


def test_an_unreadable_lock_is_respected_briefly_then_reclaimed(empty_case_path: Path) -> None:
    lock = locking.lock_path(empty_case_path.resolve())
    lock.write_bytes(b"\x00half-written")
    with pytest.raises(CaseFileLocked, match="right now"):
        CaseFile.open(empty_case_path)
    old = lock.stat().st_mtime - locking.UNREADABLE_GRACE_SECONDS - 1
    os.utime(lock, (old, old))
    with CaseFile.open(empty_case_path) as case_file:
        assert not case_file.read_only


def test_one_process_may_open_a_case_twice_and_the_lock_goes_with_the_last_close(empty_case_path: Path) -> None:
    lock = locking.lock_path(empty_case_path.resolve())
    first = CaseFile.open(empty_case_path)
    second = CaseFile.open(empty_case_path)
    first.close()
    first.close()  # closing twice must not release the other opening's share
    assert lock.exists()
    second.close()
    assert not lock.exists()


def test_a_read_only_open_takes_no_lock(empty_case_path: Path) -> None:
    with CaseFile.open(empty_case_path, read_only=True):
        assert not locking.lock_path(empty_case_path.resolve()).exists()


def test_a_refused_file_leaves_no_lock_behind(tmp_path: Path) -> None:
    path = tmp_path / "notes.casefile"
    path.write_bytes(b"plain text, not a case")
    with pytest.raises(NotACaseFile):
        CaseFile.open(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.casefile"]


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES, errno.EPERM])
def test_a_folder_that_cannot_be_written_opens_the_case_read_only(
    empty_case_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    # Root ignores chmod, so read-only media are simulated where the lock file is created.
    def refuse(path: Path, owner: locking.LockOwner) -> None:
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr(locking, "_create", refuse)
    before = FileState.of(empty_case_path)
    with CaseFile.open(empty_case_path) as case_file:
        assert case_file.read_only
    assert FileState.of(empty_case_path) == before


def test_reclaiming_never_removes_a_lock_taken_meanwhile(empty_case_path: Path) -> None:
    # Between reading a stale lock and setting it aside, another process reclaimed it and took a fresh one.
    lock = _write_lock(empty_case_path, token="fresh" * 6)
    fresh = lock.read_bytes()
    locking._set_aside(lock, b'{"stale": "what we read earlier"}')
    assert lock.read_bytes() == fresh
    assert [p.name for p in lock.parent.iterdir() if ".stale" in p.name] == []
