"""Times the desktop window: start-up against bare PySide6 windows, then a 100k-quote case against raw sqlite3.

Usage: xvfb-run -a python bench/gui.py [--startup-only] [--case PATH] [--quotes 100000] [--no-fail]
Start-up (bench/startup.py) runs first: Casefile's first paint and its demo table against bare
PySide6 windows started in the same run. Without --case, the 100k case is built with
bench/generate.py first (about a minute per 100k quotes).
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import startup

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the in-process table timings need no screen

FILTER_KEYSTROKES = ("в", "вл", "вла", "k", "kh", "khu", "и", "ис", "a", "an", "<", "<b")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def raw_read_quotes(path: Path) -> float:
    """Baseline: the same quote rows (id, preview, speaker, date, source, language) with plain sqlite3."""
    sql = (
        "SELECT q.id, substr(q.text, 1, 160), p.name, q.said_on, s.title, q.language FROM quotes q "
        "JOIN records r ON r.id = q.id LEFT JOIN persons p ON p.id = q.speaker_id "
        "LEFT JOIN sources s ON s.id = q.source_id WHERE r.deleted_at IS NULL ORDER BY r.seq"
    )
    start = time.perf_counter()
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute(sql).fetchall()
    assert rows
    return time.perf_counter() - start


def timed(action: Callable[[], None]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def measure_window(case: Path, settings: Path) -> dict[str, float]:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from casefile.domain.kinds import Kind
    from casefile.ui.app import make_application
    from casefile.ui.main_window import MainWindow
    from casefile.ui.settings import Settings

    app = make_application()
    window = MainWindow(Settings(QSettings(str(settings), QSettings.Format.IniFormat)))
    window.resize(1366, 768)
    window.show()
    QApplication.processEvents()
    opened: list[float] = []
    start = time.perf_counter()
    window.case_opened.connect(lambda _: opened.append(time.perf_counter()))
    window.open_path(case)
    while not opened:
        app.processEvents()
    kinds = window.ui.kinds_model

    def show_quotes() -> None:
        window.ui.kinds_view.setCurrentIndex(kinds.index(kinds.row_of(Kind.QUOTE)))
        window.ui.table.viewport().repaint()

    results = {"open to first painted table": opened[0] - start + timed(window.ui.table.viewport().repaint)}
    results["switch to the 100k quotes table, painted"] = timed(show_quotes)
    results["sort by a column"] = timed(lambda: (window.ui.table.sortByColumn(1, Qt.SortOrder.AscendingOrder),
                                                 window.ui.table.viewport().repaint()))  # fmt: skip
    results["jump to the last row"] = timed(lambda: _jump_to_end(window))
    strokes = []
    for text in FILTER_KEYSTROKES:
        strokes.append(
            timed(lambda t=text: (window.ui.table_model.set_filter(t), window.ui.table.viewport().repaint()))
        )
    results["median filter keystroke to updated table"] = statistics.median(strokes)
    results["first filter keystroke (builds the folded text)"] = strokes[0]
    window.close_case()
    return results


def _jump_to_end(window) -> None:  # type: ignore[no-untyped-def]
    model = window.ui.table_model
    model.fetch_all()
    window.ui.table.scrollTo(model.index(model.rowCount() - 1, 0))
    window.ui.table.viewport().repaint()


GOALS = {
    "open to first painted table": 1.0,
    "switch to the 100k quotes table, painted": 1.0,
    "sort by a column": 0.300,
    "median filter keystroke to updated table": 0.100,
    "jump to the last row": 0.200,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--case", type=Path)
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--no-fail", action="store_true")
    parser.add_argument("--startup-only", action="store_true", help="only the start-up table")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="casefile-bench-gui-"))
    from casefile.jobs.demo import write_demo

    demo = write_demo(work / "demo.casefile")
    pairs = startup.measure(demo, work)
    print("Start-up, process start to paint (median of 7 alternating runs, bytecode cached):")
    print(startup.report(pairs) + "\n")
    failed = not all(p.passes for p in pairs)
    if args.startup_only:
        return 1 if failed and not args.no_fail else 0
    case = args.case
    if case is None:
        from bench.generate import generate

        case = work / "bench.casefile"
        generate(case, args.quotes)
    rows = list(measure_window(case, work / "settings.ini").items())
    raw = statistics.median(raw_read_quotes(case) for _ in range(3))
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"case: {case} ({case.stat().st_size / 1e6:,.0f} MB)")
    print(f"raw sqlite3 read of the same quote rows (baseline): {_ms(raw)}")
    print()
    print(f"{'what':<52} {'casefile':>10} {'÷ raw':>7} {'goal':>9}  result")
    for name, seconds in rows:
        goal = GOALS.get(name)
        verdict = "" if goal is None else ("PASS" if seconds <= goal else "FAIL")
        failed |= verdict == "FAIL"
        goal_text = "" if goal is None else _ms(goal)
        print(f"{name:<52} {_ms(seconds):>10} {seconds / raw:>6.1f}x {goal_text:>9}  {verdict}")
    verdict = "PASS" if peak_mib < 500 else "FAIL"
    failed |= verdict == "FAIL"
    print(f"{'peak memory (RSS)':<52} {peak_mib:>7,.0f} MiB {'':>7} {'500 MiB':>9}  {verdict}")
    return 1 if failed and not args.no_fail else 0


if __name__ == "__main__":
    sys.exit(main())
