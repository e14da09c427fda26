"""A full disk during share or an upgrade is told in one plain line, never as SQL (issue 9 §7)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy.exc

from casefile.jobs import share
from casefile.storage import migrate
from tests.cli.conftest import RunCli
from tests.storage.filestate import FileState

FIXTURES = Path(__file__).resolve().parents[1] / "migrations" / "fixtures"


def _full(*_args: object, **_kwargs: object) -> None:
    raise sqlite3.OperationalError("database or disk is full")


def test_share_onto_a_full_disk(
    cli: RunCli, demo_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(share, "_verify", _full)  # the copy is written when the disk fills up
    out = tmp_path / "out"
    out.mkdir()
    run = cli("share", demo_case_path, out / "shared.casefile")
    run.assert_user_error("The disk is full")
    assert "VACUUM" not in run.err and "sqlite" not in run.err.lower()
    assert list(out.iterdir()) == []


def test_an_upgrade_on_a_full_disk(cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = tmp_path / "old.casefile"
    shutil.copyfile(FIXTURES / "rev1.casefile", old)
    before = FileState.of(old).sha256

    def full(conn: object, target: str = "head") -> None:
        orig = sqlite3.OperationalError("database or disk is full")
        raise sqlalchemy.exc.OperationalError("CREATE TABLE audit_log (seq INTEGER)", {}, orig)

    monkeypatch.setattr(migrate, "upgrade", full)
    source = tmp_path / "evidence.txt"
    source.write_text("a note")
    run = cli("attach", old, "00000000-0000-0000-0000-000000000000", source)
    run.assert_user_error("The disk is full")
    assert "CREATE TABLE" not in run.err
    assert FileState.of(old).sha256 == before


def test_demo_into_a_folder_that_cannot_be_written(
    cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casefile.storage import casefile as storage

    real = sqlite3.connect

    def refusing(target: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        if str(target).endswith(".creating"):
            raise sqlite3.OperationalError("unable to open database file")  # what SQLite says in a read-only folder
        return real(target, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(storage.sqlite3, "connect", refusing)
    folder = tmp_path / "locked"
    folder.mkdir()
    cli("demo", folder / "demo.casefile").assert_user_error(f"cannot create a case in '{folder}'", "cannot be written")
    assert list(folder.iterdir()) == []


def test_a_symlinked_case_with_an_interrupted_save_is_restored(empty_case_path: Path, tmp_path: Path) -> None:
    from casefile.storage.casefile import CaseFile
    from tests.storage.journals import crash_copy

    real = crash_copy(empty_case_path, tmp_path / "real.casefile")
    link = tmp_path / "link.casefile"
    link.symlink_to(real)
    with CaseFile.open(link) as opened:
        assert any("undid that unfinished save" in w for w in opened.warnings)
    assert not Path(f"{real}-journal").exists()
