"""atomic_write: the target is replaced whole or not at all, and no temporary file stays behind."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pytest

from casefile.domain.errors import StorageFailure
from casefile.export.atomic import atomic_write

PREVIOUS = "предыдущий <b>&</b>\n".encode()


def _write(data: bytes) -> Callable[[BinaryIO], None]:
    def write(handle: BinaryIO) -> None:
        handle.write(data)

    return write


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "out.json"
    path.write_bytes(PREVIOUS)
    return path


def test_writes_a_new_file(tmp_path: Path) -> None:
    path = tmp_path / "новый.json"
    atomic_write(path, _write(b"data"))
    assert path.read_bytes() == b"data"
    assert os.listdir(tmp_path) == ["новый.json"]


def test_replaces_an_existing_file_and_keeps_its_permissions(target: Path) -> None:
    target.chmod(0o640)
    atomic_write(target, _write(b"new"))
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert os.listdir(target.parent) == ["out.json"]


@pytest.mark.parametrize("failure", [ValueError("renderer failed"), KeyboardInterrupt()])
def test_failure_while_writing_leaves_the_previous_file(target: Path, failure: BaseException) -> None:
    def write(handle: BinaryIO) -> None:
        handle.write(b"half a docu")
        raise failure

    with pytest.raises(type(failure)):
        atomic_write(target, write)
    assert target.read_bytes() == PREVIOUS
    assert os.listdir(target.parent) == ["out.json"]


def test_failing_rename_becomes_a_storage_failure(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("casefile.export.atomic.os.replace", disk_full)
    with pytest.raises(StorageFailure, match=r"Could not write '.*out\.json': No space left on device\."):
        atomic_write(target, _write(b"new"))
    assert target.read_bytes() == PREVIOUS
    assert os.listdir(target.parent) == ["out.json"]


def test_failing_fsync_leaves_the_previous_file(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def io_error(_fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr("casefile.export.atomic.os.fsync", io_error)
    with pytest.raises(StorageFailure, match="Input/output error"):
        atomic_write(target, _write(b"new"))
    assert target.read_bytes() == PREVIOUS
    assert os.listdir(target.parent) == ["out.json"]


def test_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(StorageFailure, match="does not exist"):
        atomic_write(tmp_path / "nowhere" / "out.json", _write(b"x"))
    assert os.listdir(tmp_path) == []


def test_read_only_folder_is_a_storage_failure(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # CI runs as root, which ignores chmod; the folder refusing the temporary file is simulated instead.
    def denied(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("casefile.export.atomic.tempfile.mkstemp", denied)
    with pytest.raises(StorageFailure, match="Permission denied"):
        atomic_write(target, _write(b"new"))
    assert target.read_bytes() == PREVIOUS
    assert os.listdir(target.parent) == ["out.json"]
