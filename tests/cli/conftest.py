"""Running the `casefile` command in-process and reading what it printed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from casefile.entry import main  # the `casefile` command as installed: window or command line


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    def assert_user_error(self, *fragments: str) -> None:
        """Exit 2 and exactly one stderr line, with no traceback, naming what went wrong."""
        assert self.code == 2, (self.code, self.out, self.err)
        lines = self.err.splitlines()
        assert len(lines) == 1, self.err
        assert lines[0].startswith("casefile: error: ")
        for fragment in fragments:
            assert fragment in lines[0], (fragment, lines[0])


RunCli = Callable[..., Run]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> RunCli:
    def run(*args: str | Path) -> Run:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def names_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}
