"""The `casefile` console command: parses arguments, runs one command, turns errors into exit codes."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, Protocol

from casefile import __version__
from casefile.cli import output
from casefile.cli.arguments import UsageError
from casefile.domain.errors import CasefileError

# Each command's name and the module that adds it through add_to(subparsers); the order is the
# order of --help. The modules are imported only when a command line is parsed: `casefile` alone,
# or `casefile PATH`, starts the window without loading every command's dependencies first.
COMMANDS: dict[str, str] = {
    "new": "cmd_new",
    "demo": "cmd_demo",
    "info": "cmd_info",
    "search": "cmd_search",
    "import-json": "cmd_import_json",
    "export-json": "cmd_export_json",
    "import-table": "cmd_import_table",
    "export-table": "cmd_export_table",
    "import-csl": "cmd_import_csl",
    "export-csl": "cmd_export_csl",
    "export-ftm": "cmd_export_ftm",
    "export-pdf": "cmd_export_pdf",
    "check": "cmd_check",
    "findings": "cmd_findings",
    "attach": "cmd_attach",
    "attachments": "cmd_attachments",
    "add-source-file": "cmd_add_source_file",
    "merge": "cmd_merge",
    "share": "cmd_share",
    "server": "cmd_server",
    "publish": "cmd_publish",
    "checkout": "cmd_checkout",
    "sync": "cmd_sync",
}
COMMAND_MODULES: tuple[str, ...] = tuple(COMMANDS.values())

EXIT_OK, EXIT_FAILED, EXIT_USER_ERROR = 0, 1, 2
DEBUG_FLAG = "--debug"


class _Parser(argparse.ArgumentParser):
    # argparse prints usage plus the error and exits; we want one line and our own exit path.
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message}.", f"Run '{self.prog} --help' for usage.")


def build_parser() -> argparse.ArgumentParser:
    return _build()[0]


def _build(
    only: str | None = None,
) -> tuple[argparse.ArgumentParser, argparse._SubParsersAction[argparse.ArgumentParser]]:
    """The parser; with `only`, just that command's (the others' modules, and all they import, stay unloaded)."""
    parser: argparse.ArgumentParser = _Parser(
        prog=output.PROG,
        description="Linked case files for human-rights analysts. With no command, opens the desktop window; "
        "give a case file alone to open it there, or run a command below.",
    )
    parser.add_argument("--version", action="version", version=f"Casefile {__version__}")
    parser.add_argument(DEBUG_FLAG, action="store_true", help="show the full traceback when something fails")
    parser.add_argument(DEMO_FLAG, action="store_true", help="open a fresh copy of the demo case in the window")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")
    for name in (COMMANDS[only],) if only else COMMAND_MODULES:
        importlib.import_module(f"casefile.cli.{name}").add_to(subparsers)
    return parser, subparsers


def main(argv: Sequence[str] | None = None, window: WindowStarter | None = None) -> int:
    """Run a command line; `window` starts the desktop window when it asks for one (casefile/entry.py)."""
    output.use_safe_streams()
    words = list(sys.argv[1:] if argv is None else argv)
    debug = DEBUG_FLAG in words
    words = [w for w in words if w != DEBUG_FLAG]
    try:
        return _dispatch(words, window or _no_window)
    except BaseException as exc:
        return report_failure(exc, debug=debug)


def report_failure(error: BaseException, *, debug: bool = False) -> int:
    """One line on stderr for what stopped the command (a traceback too with --debug); the exit code.

    Called from an `except` block (here, and by casefile/entry.py for the window alone)."""
    if isinstance(error, CasefileError):
        if debug:
            traceback.print_exc()
        output.print_error(error)
        return EXIT_USER_ERROR
    if isinstance(error, BrokenPipeError):
        _silence_stdout()
        return EXIT_FAILED
    if isinstance(error, KeyboardInterrupt):
        output.print_error("interrupted.")
        return 130
    if not isinstance(error, Exception):  # SystemExit and the like go on
        raise error
    if debug:
        traceback.print_exc()
    advice = "" if debug else " (run again with --debug for details)"
    from casefile.jobs.reading import plain_words  # only on failure: keeps start-up light

    output.print_error(f"unexpected failure: {plain_words(error)}{advice}")
    return EXIT_FAILED


def _clean_stale_work() -> None:
    """Remove what a killed Casefile left in its scratch folders (copies of cases, some unredacted)."""
    from casefile.scratch import clean_stale_work_quietly

    clean_stale_work_quietly()


def _silence_stdout() -> None:
    # `casefile info x | head` closes the pipe early; without this, Python's exit-time flush
    # prints a second BrokenPipeError after we have returned.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


DEMO_FLAG = "--demo"


class WindowStarter(Protocol):
    def __call__(self, path: Path | str | None, *, demo: bool = False) -> int: ...


def _no_window(path: Path | str | None, *, demo: bool = False) -> int:
    raise UsageError("This command line opens no window.", "Run 'casefile' on its own to open the window.")


def _dispatch(words: list[str], run_gui: WindowStarter) -> int:
    if words == [DEMO_FLAG]:
        return run_gui(None, demo=True)
    gui_path = _gui_request(words, list(COMMANDS))
    if isinstance(gui_path, str):  # a server case's address: refused here, in one line, if it holds a password
        from casefile.jobs.team_server import server_address

        server_address.split_address(gui_path)
    if gui_path is not None or not words:
        return run_gui(gui_path)
    _clean_stale_work()  # the window does this once it has painted (ui/app.py)
    # `casefile info CASE` loads the info command alone: a command's module brings in what it runs
    # (jobs, ReportLab…), and a short command should not wait for all of them. --help needs them all.
    only = words[0] if words[0] in COMMANDS else None
    parser, _subparsers = _build(only)
    try:
        args = parser.parse_args(words)
    except SystemExit as exc:  # --help and --version end here after printing
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    if args.command is None:
        return run_gui(None, demo=args.demo)
    result: int = args.run(args)
    return result


def _gui_request(words: list[str], commands: list[str]) -> Path | str | None:
    """The path of `casefile PATH` (the address of `casefile postgresql://…#case`, as typed), or None when the
    words are a command line to parse.

    A lone word that names no file and looks like no path is a mistyped command, so argparse
    gets it and says which commands exist.
    """
    if len(words) != 1 or words[0].startswith("-") or words[0] in commands:
        return None
    if words[0].lower().startswith(("postgresql://", "postgres://")):
        return words[0]  # not a Path: that would fold the URL's // into /
    path = Path(words[0])
    if path.exists() or path.suffix or len(path.parts) > 1:
        return path
    return None


if __name__ == "__main__":
    sys.exit(main())
