"""Older and newer files on the command line: the file's own revision, and newer files read-only (issue 9 §7)."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from casefile.storage.schema import SCHEMA_REVISION
from tests.cli.conftest import RunCli
from tests.storage.filestate import FileState

FIXTURES = Path(__file__).resolve().parents[1] / "migrations" / "fixtures"


def newer(path: Path) -> Path:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_REVISION + 1}")
        conn.execute("UPDATE file_meta SET value = 'Casefile 9.0.0' WHERE key = 'written_by'")
        conn.commit()
    return path


def test_info_reports_a_revision_one_file_as_revision_one(cli: RunCli, tmp_path: Path) -> None:
    old = tmp_path / "old.casefile"
    shutil.copyfile(FIXTURES / "rev1.casefile", old)
    before = FileState.of(old)
    run = cli("info", old)
    assert run.code == 0, run.err
    assert "Schema revision:  1 (older than this Casefile's" in run.out
    assert FileState.of(old) == before  # read, never upgraded


def test_a_newer_file_is_read_only_for_reading_commands(cli: RunCli, demo_case_path: Path, tmp_path: Path) -> None:
    path = newer(demo_case_path)
    before = FileState.of(path)
    info = cli("info", path)
    assert info.code == 0, info.err
    assert f"{SCHEMA_REVISION + 1} (newer than this Casefile's" in info.out and "read-only" in info.out
    assert cli("search", path, "Монгол").code == 0
    assert cli("findings", path).code == 0
    assert cli("export-json", path, tmp_path / "out.json").code == 0
    assert FileState.of(path).sha256 == before.sha256
    # Writing is still refused, with the version named.
    cli("attach", path, "00000000-0000-0000-0000-000000000000", tmp_path / "out.json").assert_user_error(
        "Casefile 9.0.0"
    )


def test_exports_of_an_older_file_read_an_upgraded_private_copy(cli: RunCli, tmp_path: Path) -> None:
    """Every older revision exports (PDF, JSON, sheets, FTM) with the file itself untouched."""
    outputs = tmp_path / "out"
    outputs.mkdir()
    for revision in range(1, SCHEMA_REVISION):
        old = tmp_path / f"rev{revision}.casefile"
        shutil.copyfile(FIXTURES / f"rev{revision}.casefile", old)
        before = FileState.of(old)
        for command, out in (("export-pdf", "d.pdf"), ("export-json", "d.json"), ("export-ftm", "d.jsonl")):
            run = cli(command, old, outputs / f"{revision}-{out}")
            assert run.code == 0, (revision, command, run.err)
        run = cli("export-table", old, outputs / f"{revision}.csv", "--kind", "person")
        assert run.code == 0, (revision, run.err)
        assert FileState.of(old) == before, revision
