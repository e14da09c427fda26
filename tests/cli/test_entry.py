"""The command's shape: dispatch, help, starting the window, exit codes and one-line errors."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy.exc

from casefile.cli import cmd_info, main
from casefile.cli.main import COMMAND_MODULES, build_parser
from casefile.cli.main import COMMANDS as COMMAND_NAMES
from casefile.domain.errors import RecordNotFound
from tests.cli.conftest import RunCli, names_in

COMMANDS = ("new", "demo", "info", "search", "import-json", "export-json", "check")


def _subparsers(parser: argparse.ArgumentParser) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    [action] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return action


def test_every_command_module_adds_a_runnable_command() -> None:
    choices = _subparsers(build_parser()).choices
    assert set(COMMANDS) <= set(choices)
    assert len(choices) == len(COMMAND_MODULES)
    assert list(choices) == list(COMMAND_NAMES)  # the names `casefile PATH` tells apart from commands
    for name, sub in choices.items():
        assert callable(sub.get_default("run")), name


@pytest.fixture
def window_starts(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path | None, bool]]:
    """Record what the window would have been asked to open, instead of starting an event loop."""
    import casefile.ui.app

    calls: list[tuple[Path | None, bool]] = []
    monkeypatch.setattr(casefile.ui.app, "run", lambda path, demo=False: calls.append((path, demo)) or 0)
    return calls


def test_no_command_opens_the_window(cli: RunCli, window_starts: list[tuple[Path | None, bool]]) -> None:
    assert cli().code == 0
    assert window_starts == [(None, False)]


def test_a_window_that_cannot_start_says_so_in_one_line(cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    # `casefile` alone skips the command line's modules (so the window paints sooner); a failure is still
    # one plain line, as a command's would be, never a traceback.
    import casefile.ui.app

    def no_display(path: Path | None, demo: bool = False) -> int:
        raise ImportError("libEGL.so.1: cannot open shared object file")

    monkeypatch.setattr(casefile.ui.app, "run", no_display)
    run = cli()
    assert run.code == 1 and "Traceback" not in run.err
    assert run.err.splitlines() == [
        "casefile: error: unexpected failure: libEGL.so.1: cannot open shared object file "
        "(run again with --debug for details)"
    ]


def test_a_case_file_alone_opens_it_in_the_window(
    cli: RunCli, demo_case_path: Path, window_starts: list[tuple[Path | None, bool]]
) -> None:
    assert cli(demo_case_path).code == 0
    assert window_starts == [(demo_case_path, False)]


def test_demo_flag_opens_the_demo_in_the_window(cli: RunCli, window_starts: list[tuple[Path | None, bool]]) -> None:
    assert cli("--demo").code == 0
    assert window_starts == [(None, True)]


def test_a_mistyped_case_path_alone_is_an_error_and_creates_nothing(cli: RunCli, tmp_path: Path) -> None:
    run = cli(tmp_path / "Путин-визит.casefile")
    run.assert_user_error("There is no file at", "Путин-визит.casefile")
    assert names_in(tmp_path) == set()


def test_a_mistyped_command_lists_the_real_ones(cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    run = cli("serach")
    run.assert_user_error("invalid choice: 'serach'", "'search'", "casefile --help")
    assert names_in(tmp_path) == set()


def test_a_missing_argument_is_one_line(cli: RunCli) -> None:
    cli("info").assert_user_error("required: PATH", "casefile info --help")


def test_an_unknown_option_is_one_line(cli: RunCli, demo_case_path: Path) -> None:
    cli("info", demo_case_path, "--colour").assert_user_error("unrecognized arguments: --colour")


def test_help_and_version_exit_zero(cli: RunCli) -> None:
    run = cli("--help")
    assert run.code == 0
    assert "usage: casefile" in run.out
    version = cli("--version")
    assert version.code == 0
    assert version.out.startswith("Casefile ")


def test_command_help_exits_zero(cli: RunCli) -> None:
    run = cli("search", "--help")
    assert run.code == 0
    assert "--limit" in run.out


def test_user_error_has_no_traceback_unless_debug(cli: RunCli, tmp_path: Path) -> None:
    missing = tmp_path / "missing.casefile"
    quiet = cli("info", missing)
    quiet.assert_user_error()
    assert "Traceback" not in quiet.err
    loud = cli("info", missing, "--debug")
    assert loud.code == 2
    assert "Traceback" in loud.err
    assert loud.err.splitlines()[-1].startswith("casefile: error: There is no file at")


def test_debug_may_come_before_the_command(cli: RunCli, tmp_path: Path) -> None:
    run = cli("--debug", "info", tmp_path / "missing.casefile")
    assert run.code == 2
    assert "Traceback" in run.err


def _explode(args: argparse.Namespace) -> int:
    raise RuntimeError("the <b>disk</b> & the cable")


def test_unexpected_exception_is_one_line_exit_one(
    cli: RunCli, demo_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cmd_info, "run", _explode)
    run = cli("info", demo_case_path)
    assert run.code == 1
    [line] = run.err.splitlines()
    assert line == (
        "casefile: error: unexpected failure: the <b>disk</b> & the cable (run again with --debug for details)"
    )
    loud = cli("info", demo_case_path, "--debug")
    assert loud.code == 1
    assert "Traceback" in loud.err
    assert "RuntimeError" in loud.err


def test_an_unexpected_database_error_never_prints_sql(
    cli: RunCli, demo_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(args: argparse.Namespace) -> int:
        orig = sqlite3.OperationalError("no such column: secret_witness_name")
        raise sqlalchemy.exc.OperationalError("SELECT secret_witness_name FROM persons", {}, orig)

    monkeypatch.setattr(cmd_info, "run", fail)
    [line] = cli("info", demo_case_path).err.splitlines()
    assert line == (
        "casefile: error: unexpected failure: no such column: secret_witness_name (run again with --debug for details)"
    )


def _not_found(args: argparse.Namespace) -> int:
    raise RecordNotFound("No record has the id 'abc'.", "It may have been deleted.")


def test_any_casefile_error_exits_two_with_message_and_hint(
    cli: RunCli, demo_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cmd_info, "run", _not_found)
    cli("info", demo_case_path).assert_user_error("No record has the id 'abc'. It may have been deleted.")


def test_main_reads_sys_argv_when_given_none(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.argv", ["casefile", "--version"])
    assert main.main() == 0
    assert capsys.readouterr().out.startswith("Casefile ")


def test_starting_the_window_loads_no_command_module() -> None:
    """`casefile` alone goes to the window without importing every command (and SQLAlchemy) first."""
    import subprocess
    import sys

    heavy = "('sqlalchemy', 'casefile.cli.cmd_')"
    probe = f"import sys, casefile.cli.main; print(sorted(m for m in sys.modules if m.startswith({heavy})))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_command_loads_its_own_module_only(demo_case_path: Path) -> None:
    """`casefile info CASE` does not wait for the other commands' jobs, ReportLab or the window (issue 15 §5)."""
    import subprocess
    import sys

    heavy = "('casefile.cli.cmd_', 'casefile.jobs.', 'reportlab', 'openpyxl', 'pypdf', 'PySide6', 'casefile.ui')"
    probe = (  # through the `casefile` command's own entry, which also knows the window
        "import sys, contextlib, io\nfrom casefile.entry import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()):\n    assert main(['info', sys.argv[1]]) == 0\n"
        f"print(sorted(m for m in sys.modules if m.startswith({heavy})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(demo_case_path)], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "['casefile.cli.cmd_info', 'casefile.jobs.reading']"  # how a command reads a case
    # --help still lists every command.
    helped = subprocess.run([sys.executable, "-m", "casefile", "--help"], capture_output=True, text=True, check=True)
    assert all(name in helped.stdout for name in main.COMMANDS)
