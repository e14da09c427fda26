"""Does a worker thread keep a Qt event loop responsive while a ~1,000-page dossier is exported?

A 10 ms QTimer runs on the GUI thread while export_pdf runs in a worker thread; the gaps between
timer ticks are how late the window would answer a click or repaint. ReportLab is pure Python
and holds the GIL, so the figure that matters is the worst gap, not the average.

Usage: QT_QPA_PLATFORM=offscreen python bench/pdf_gui.py [--quotes 5000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from bench.generate import generate
from casefile.domain.dossier import PdfOptions
from casefile.jobs.pdf import PdfReport, export_pdf

TICK_MS = 10


def measure(case: Path, out: Path) -> tuple[list[float], PdfReport, float]:
    """Timer gaps in milliseconds while the export runs, the export's report, and its wall time."""
    app = QApplication.instance() or QApplication([])
    gaps: list[float] = []
    last = [time.perf_counter()]
    result: list[PdfReport] = []
    worker = threading.Thread(target=lambda: result.append(export_pdf(case, out, PdfOptions())), daemon=True)

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now
        if not worker.is_alive():
            app.quit()

    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    started = time.perf_counter()
    worker.start()
    timer.start()
    app.exec()
    worker.join()
    return gaps, result[0], time.perf_counter() - started


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=5000, help="case size (5,000 quotes make about 1,000 pages)")
    parser.add_argument("--keep", type=Path, help="keep the case and the PDF in this folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temp:
        folder = args.keep or Path(temp)
        case = folder / f"pdf-{args.quotes}.casefile"
        if not case.exists():
            generate(case, args.quotes, seed=1)
        alone_started = time.perf_counter()
        export_pdf(case, folder / "alone.pdf", PdfOptions())
        alone = time.perf_counter() - alone_started
        gaps, report, wall = measure(case, folder / "threaded.pdf")
    ordered = sorted(gaps)
    print(f"| export alone | {alone:.1f} s |")
    print(f"| export in a worker thread, timer running | {wall:.1f} s, {report.pages:,} pages |")
    print(f"| timer ticks ({TICK_MS} ms asked) | {len(gaps):,} |")
    print(f"| median gap | {statistics.median(ordered):.1f} ms |")
    print(f"| 99th percentile gap | {ordered[int(len(ordered) * 0.99) - 1]:.1f} ms |")
    print(f"| worst gap | {ordered[-1]:.1f} ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
