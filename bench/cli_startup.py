"""Start-up of the command line: `casefile info DEMO` next to a bare interpreter doing the least it could.

Usage: uv run python bench/cli_startup.py [--runs 9] [--no-fail]

Each figure is wall time from starting a fresh interpreter to its exit, the median of alternating
runs with bytecode cached (PYTHONDONTWRITEBYTECODE unset, a private PYTHONPYCACHEPREFIX, one
unmeasured round first), as bench/startup.py does for the window. The baseline imports
`sqlalchemy.orm` and reads the same file's record count with `sqlite3`: what any command that opens
a case through the ORM cannot avoid. Goal (issue 15 §5): within 1.5× of it.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.startup import child_env

GOAL = 1.5
BARE = (
    "import sqlalchemy.orm, sqlite3, sys\n"
    "with sqlite3.connect(sys.argv[1]) as conn:\n"
    "    print(conn.execute('SELECT count(*) FROM records').fetchone()[0])\n"
)


def wall(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=120)
    return time.perf_counter() - started


def measure(demo: Path, home: Path, runs: int) -> tuple[float, float]:
    env = child_env(home)
    info = [sys.executable, "-m", "casefile", "info", str(demo)]
    bare = [sys.executable, "-c", BARE, str(demo)]
    wall(info, env), wall(bare, env)  # fill the bytecode cache
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        times[0].append(wall(info, env))
        times[1].append(wall(bare, env))
    return statistics.median(times[0]), statistics.median(times[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--no-fail", action="store_true", help="exit 0 even when the goal is missed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        demo = home / "demo.casefile"
        subprocess.run([sys.executable, "-m", "casefile", "demo", str(demo)], env=child_env(home), check=True,
                       capture_output=True)  # fmt: skip
        casefile, baseline = measure(demo, home, args.runs)
    ratio = casefile / baseline
    verdict = "PASS" if ratio <= GOAL else "FAIL"
    print(f"{'what':<34} {'casefile':>9} {'baseline':>9} {'ratio':>7} {'goal':>7}  result")
    print(f"{'casefile info DEMO (process)':<34} {casefile * 1000:>6,.0f} ms {baseline * 1000:>6,.0f} ms "
          f"{ratio:>6.2f}× {'≤ ' + format(GOAL, 'g') + '×':>7}  {verdict}")  # fmt: skip
    print("baseline: python -c 'import sqlalchemy.orm, sqlite3' reading the record count; bytecode cached")
    return 0 if verdict == "PASS" or args.no_fail else 1


if __name__ == "__main__":
    sys.exit(main())
