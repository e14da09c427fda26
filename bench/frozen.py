"""The packaged app against the same start from source: process start to the demo case's table painted.

Usage: xvfb-run -a uv run --extra build python bench/frozen.py [--app dist/Casefile] [--runs 7] [--no-fail]

Without --app, the app is built first with tools/build_app.py (about a minute). Both starts open the
same demo file and are timed by the same probe (casefile/ui/paint_probe.py: CASEFILE_PAINT_PROBE
prints the time the records table first paints with rows), median of alternating runs, after one
unmeasured round each; the source run has its bytecode cached (PYTHONDONTWRITEBYTECODE unset, a
private PYTHONPYCACHEPREFIX), as an installed Casefile would. Also reports the unpacked app's size.
Goals (issue 15 §1 and the notes): the frozen start within 1.2× of the source start; under 200 MB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.startup import child_env

ROOT = Path(__file__).resolve().parents[1]
START_GOAL = 1.2
SIZE_GOAL_MB = 200


def painted_after(command: list[str], env: dict[str, str]) -> float:
    started = time.time()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)
    line = next((x for x in done.stdout.splitlines() if x.startswith("PAINTED ")), None)
    if line is None:
        raise RuntimeError(f"no paint from {command[0]} (exit {done.returncode}): {done.stderr[-600:]}")
    return float(line.split()[1]) - started


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--app", type=Path, help="an app folder tools/build_app.py made (default: build one)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-fail", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        app = args.app
        if app is None:
            subprocess.run([sys.executable, str(ROOT / "tools" / "build_app.py"), "--out", str(home / "dist")],
                           check=True)  # fmt: skip
            app = home / "dist" / "Casefile"
        binary = app / ("casefile.exe" if os.name == "nt" else "casefile")
        env = child_env(home) | {"CASEFILE_PAINT_PROBE": "1"}
        if not os.environ.get("DISPLAY"):
            env["QT_QPA_PLATFORM"] = "offscreen"
        demo = home / "demo.casefile"
        subprocess.run([sys.executable, "-m", "casefile", "demo", str(demo)], env=env, check=True, capture_output=True)
        starts = {"source": [sys.executable, "-m", "casefile", str(demo)], "frozen": [str(binary), str(demo)]}
        for command in starts.values():  # warm the bytecode cache and the disk cache; not counted
            painted_after(command, env)
        times: dict[str, list[float]] = {name: [] for name in starts}
        for _ in range(args.runs):
            for name, command in starts.items():
                times[name].append(painted_after(command, env))
        size_mb = folder_size(app) / 1e6
    source, frozen = (statistics.median(times[n]) for n in ("source", "frozen"))
    ratio = frozen / source
    start_ok, size_ok = ratio <= START_GOAL, size_mb < SIZE_GOAL_MB
    print(f"{'what':<40} {'frozen':>9} {'source':>9} {'ratio':>7} {'goal':>8}  result")
    print(f"{'start to the demo table painted':<40} {frozen * 1000:>6,.0f} ms {source * 1000:>6,.0f} ms "
          f"{ratio:>6.2f}× {'≤ ' + format(START_GOAL, 'g') + '×':>8}  {'PASS' if start_ok else 'FAIL'}")  # fmt: skip
    print(f"{'unpacked app size':<40} {size_mb:>6,.0f} MB {'':>9} {'':>7} {'< ' + str(SIZE_GOAL_MB) + ' MB':>8}  "
          f"{'PASS' if size_ok else 'FAIL'}")  # fmt: skip
    return 0 if (start_ok and size_ok) or args.no_fail else 1


if __name__ == "__main__":
    sys.exit(main())
