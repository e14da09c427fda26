"""Long work off the GUI thread: a job object in a QThread that reports back through signals."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

Progress = Callable[[int, int], None]
FractionProgress = Callable[[float], None]
Work = Callable[[Progress, Callable[[], bool]], Any]


class Cancelled(Exception):
    """Raised by work that stopped because the person pressed Cancel."""


class Job(QObject):
    """Runs work(progress, cancelled) in a worker thread. It never touches widgets."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Work) -> None:
        super().__init__()
        self._work = work
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self._work(self.progressed.emit, self.cancelled)
        except BaseException as exc:  # every failure must come back to the GUI thread as a message
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)


def start(job: Job, parent: QObject) -> QThread:
    """Run job in a new thread. The caller keeps both until thread.isFinished(), then releases them.

    No deleteLater here: the job's would run in the worker thread while Python may free the same
    job in the GUI thread, a double delete that crashed about one run in five with two jobs in a row.
    """
    thread = QThread(parent)
    job.moveToThread(thread)
    thread.started.connect(job.run)
    job.succeeded.connect(thread.quit)
    job.failed.connect(thread.quit)
    thread.start()
    return thread
