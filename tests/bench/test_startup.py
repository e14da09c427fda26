"""bench/startup.py's children really reach the paint they wait for (no timing is asserted here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import startup

pytestmark = pytest.mark.slow


def test_each_start_up_child_paints_and_reports(demo_case_path: Path, tmp_path: Path) -> None:
    env = startup.child_env(tmp_path) | {"QT_QPA_PLATFORM": "offscreen"}
    demo = (str(demo_case_path),)
    children = [(startup.CASEFILE_FIRST_PAINT, ()), (startup.CASEFILE_DEMO_TABLE, demo),
                (startup.BARE_WINDOW, ()), (startup.BARE_SQLALCHEMY_TABLE, demo),
                (startup.STORAGE_FLOOR_TABLE, demo)]  # fmt: skip
    for script, args in children:
        # A first-run name dialog would stop the demo child before it opens the case: it would never paint.
        assert 0 < startup.paint_time(script, env, *args) < 60
