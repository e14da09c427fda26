"""Start-up of the desktop window (run by bench/gui.py), next to bare PySide6 windows started in the same run.

Each figure is wall time from starting a fresh interpreter to a paint event on the screen
(run under `xvfb-run -a`, so it is a real X server, not the offscreen platform):

- first paint: `casefile` with no case (its real entry, `casefile.entry.main`) until the main
  window paints, against a bare PySide6 window that imports nothing else;
- demo table painted: `casefile DEMO` until the records table paints with the demo's rows,
  against a bare PySide6 + SQLAlchemy window that opens the same file, reads the same kind's rows
  and fills a QTableWidget.

Bytecode is cached (this environment sets PYTHONDONTWRITEBYTECODE: it is unset and a private
PYTHONPYCACHEPREFIX is used, as bench/core.py does); one unmeasured round fills the cache. The
runs alternate Casefile and baseline so a noisy moment hits both. Settings, logs and scratch
folders go to a temporary home, and CASEFILE_ANALYST is set, so no first-run dialog appears.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# A child prints the wall-clock time of the paint that counts, then quits. The filter sees the
# Paint event before the widget draws; the quit waits for that paint to finish.
_WATCH = r"""
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QTableView

class Watch(QObject):
    done = False
    def __init__(self, wanted):
        super().__init__()
        self.wanted = wanted
    def eventFilter(self, obj, event):
        if not self.done and event.type() == QEvent.Type.Paint and self.wanted(obj):
            self.done = True
            QTimer.singleShot(0, self.finish)
        return False
    def finish(self):
        print("PAINTED", time.time(), flush=True)
        os._exit(0)

def is_main_window(obj):
    return obj.isWidgetType() and obj.isWindow() and obj.inherits("QMainWindow")

def is_filled_table(obj):
    view = obj.parent() if obj.isWidgetType() else None
    return isinstance(view, QTableView) and view.model() is not None and view.model().rowCount() > 0

def watch(wanted):
    app = QApplication.instance() or QApplication(sys.argv[:1])
    watcher = Watch(wanted)
    app.installEventFilter(watcher)
    return app, watcher
"""

CASEFILE_FIRST_PAINT = (
    _WATCH
    + r"""
app, watcher = watch(is_main_window)
from casefile.entry import main
main([])
"""
)

CASEFILE_DEMO_TABLE = (
    _WATCH
    + r"""
app, watcher = watch(lambda o: is_filled_table(o) and o.parent().accessibleName() == "Records")
from casefile.entry import main
main([sys.argv[1]])
"""
)

BARE_WINDOW = (
    _WATCH
    + r"""
from PySide6.QtWidgets import QMainWindow
app, watcher = watch(is_main_window)
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1366, 768)
window.show()
app.exec()
"""
)

# The same rows Casefile's first table shows (the persons of the demo), read with SQLAlchemy Core.
BARE_SQLALCHEMY_TABLE = (
    _WATCH
    + r"""
from PySide6.QtWidgets import QMainWindow, QTableWidget, QTableWidgetItem
import sqlalchemy as sa
app, watcher = watch(is_filled_table)
engine = sa.create_engine("sqlite:///" + sys.argv[1])
with engine.connect() as conn:
    rows = conn.execute(sa.text(
        "SELECT p.id, p.name, p.original_name, p.nationality, p.role FROM persons p "
        "JOIN records r ON r.id = p.id WHERE r.deleted_at IS NULL ORDER BY r.seq")).all()
window = QMainWindow()
table = QTableWidget(len(rows), 4)
table.setHorizontalHeaderLabels(["Name", "Original name", "Nationality", "Role"])
for i, row in enumerate(rows):
    for j, value in enumerate(row[1:]):
        table.setItem(i, j, QTableWidgetItem("" if value is None else str(value)))
window.setCentralWidget(table)
window.resize(1366, 768)
window.show()
app.exec()
"""
)

# Not Casefile's window: the bare table above, but reading through Casefile's own storage (the ORM models,
# CaseFile.open with its checks, services.tables). How close any window built on that storage can come
# to the bare table; the demo-table goal is measured against the bare table, and this row says why it fails.
STORAGE_FLOOR_TABLE = (
    _WATCH
    + r"""
from pathlib import Path
from PySide6.QtWidgets import QMainWindow, QTableWidget, QTableWidgetItem
from casefile.domain.kinds import Kind
from casefile.services import tables
from casefile.storage.casefile import CaseFile
app, watcher = watch(is_filled_table)
case = CaseFile.open(Path(sys.argv[1]))
with case.reading() as session:
    rows = tables.table_rows(session, Kind.PERSON)
window = QMainWindow()
table = QTableWidget(len(rows), len(rows[0]) - 1)
for i, row in enumerate(rows):
    for j, value in enumerate(row[1:]):
        table.setItem(i, j, QTableWidgetItem(value))
window.setCentralWidget(table)
window.resize(1366, 768)
window.show()
app.exec()
"""
)


@dataclass(frozen=True)
class Pair:
    what: str
    casefile: float
    baseline: float
    baseline_name: str
    goal: float | None  # the most Casefile may take, as a multiple of the baseline; None: for information

    @property
    def ratio(self) -> float:
        return self.casefile / self.baseline

    @property
    def passes(self) -> bool:
        return self.goal is None or self.ratio <= self.goal


def child_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return env | {
        "PYTHONPYCACHEPREFIX": str(home / "pycache"),
        "XDG_CONFIG_HOME": str(home / "config"),  # QSettings: no recent cases, no saved layout
        "XDG_STATE_HOME": str(home / "state"),  # the log file
        "XDG_DATA_HOME": str(home / "data"),
        "CASEFILE_ANALYST": "Benchmark",  # no first-run name dialog
        "CASEFILE_KEY_DIR": str(home / "keys"),
        "CASEFILE_WORK_DIR": str(home / "work"),
    }


def paint_time(script: str, env: dict[str, str], *args: str) -> float:
    """Seconds from starting the interpreter to the paint the script waits for."""
    started = time.time()
    done = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    painted = [line for line in done.stdout.splitlines() if line.startswith("PAINTED")]
    if not painted:
        raise RuntimeError(f"the window never painted (exit {done.returncode}): {done.stderr[-800:]}")
    return float(painted[0].split()[1]) - started


def measure(demo: Path, home: Path, runs: int = 7) -> list[Pair]:
    env = child_env(home)
    if not os.environ.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"  # no X server: still comparable, but run under xvfb-run -a
    else:
        env.pop("QT_QPA_PLATFORM", None)
    scripts = {
        "casefile first": (CASEFILE_FIRST_PAINT,),
        "bare window": (BARE_WINDOW,),
        "casefile table": (CASEFILE_DEMO_TABLE, str(demo)),
        "bare table": (BARE_SQLALCHEMY_TABLE, str(demo)),
        "storage floor": (STORAGE_FLOOR_TABLE, str(demo)),
    }
    for script in scripts.values():  # fills the bytecode cache; not counted
        paint_time(*script[:1], env, *script[1:])
    times: dict[str, list[float]] = {name: [] for name in scripts}
    for _ in range(runs):
        for name, script in scripts.items():
            times[name].append(paint_time(script[0], env, *script[1:]))
    median = {name: statistics.median(values) for name, values in times.items()}
    return [
        Pair("first paint of the window", median["casefile first"], median["bare window"],
             "bare PySide6 window, nothing else imported", 1.3),
        Pair("demo case's table painted", median["casefile table"], median["bare table"],
             "bare PySide6 + SQLAlchemy window filling a QTableWidget from the demo file", 1.2),
        Pair("  floor: Casefile's storage", median["storage floor"], median["bare table"],
             "the same bare table, read through Casefile's storage layer instead of plain SQLAlchemy", None),
    ]  # fmt: skip


def report(pairs: list[Pair]) -> str:
    lines = [
        f"{'what':<28} {'casefile':>10} {'baseline':>10} {'ratio':>7} {'goal':>7}  result  (baseline)",
    ]
    for p in pairs:
        verdict = "" if p.goal is None else "PASS" if p.passes else "FAIL"
        goal = "" if p.goal is None else f"≤ {p.goal:g}×"
        lines.append(
            f"{p.what:<28} {p.casefile * 1000:>7,.0f} ms {p.baseline * 1000:>7,.0f} ms {p.ratio:>6.2f}× "
            f"{goal:>7}  {verdict:<6}  ({p.baseline_name})"
        )
    return "\n".join(lines)
