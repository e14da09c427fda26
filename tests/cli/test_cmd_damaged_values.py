"""Commands on a case holding values no Casefile writes: one line naming them (issue 9 §4)."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import RunCli
from tests.storage.bad_values import damage


def test_the_command_line_says_it_in_one_line(cli: RunCli, demo_case_path: Path, tmp_path: Path) -> None:
    damage(demo_case_path)
    cli("export-json", demo_case_path, tmp_path / "out.json").assert_user_error("holds values Casefile did not write")
    run = cli("check", demo_case_path)
    assert run.code == 1 and "'maybe' is not yes or no" in run.out
