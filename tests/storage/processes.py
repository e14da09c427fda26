"""Helpers for tests that run Casefile in a second process and wait on what it prints, never on sleeps."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LINE_TIMEOUT = 60.0  # generous: the machine is shared and loaded, and a start-up imports SQLAlchemy


class Child:
    """A Python child process whose printed lines arrive through a queue, so a read can time out."""

    def __init__(self, code: str, *args: str | Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        self.proc = subprocess.Popen(
            [sys.executable, "-c", code, *(str(a) for a in args)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=REPO,
        )
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._pumping = threading.Thread(target=self._pump, daemon=True)
        self._pumping.start()

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._lines.put(line.rstrip("\n"))
        self._lines.put(None)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def read_line(self, timeout: float = LINE_TIMEOUT) -> str:
        """The next line printed; fails the test if none comes in time or the child ended."""
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no line from the child within {timeout} s") from None
        if line is None:
            stderr = self.proc.stderr.read() if self.proc.stderr else ""
            raise AssertionError(f"the child ended early (exit {self.proc.wait()}): {stderr}")
        return line

    def say(self, text: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()

    def kill(self) -> None:
        """kill -9, then reap it, so its pid is really gone (a zombie still answers to signals)."""
        self.proc.kill()
        self.proc.wait(timeout=LINE_TIMEOUT)
        self._close_pipes()

    def finish(self) -> int:
        """Close its stdin (the children here take that as "quit") and wait for it to end."""
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        code = self.proc.wait(timeout=LINE_TIMEOUT)
        self._close_pipes()
        return code

    def _close_pipes(self) -> None:
        # Left open, each pipe is a ResourceWarning, which the suite treats as an error.
        self._pumping.join(timeout=LINE_TIMEOUT)
        for pipe in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if pipe is not None and not pipe.closed:
                try:
                    pipe.close()
                except BrokenPipeError:  # stdin of a killed child: nothing left to flush to
                    pass


def dead_pid() -> int:
    """The pid of a process that has ended and been reaped, so nothing answers to it."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid
