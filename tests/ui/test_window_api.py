"""The controllers talk to the window through `CaseWindow` (ui/window_api.py), not through MainWindow (issue 15 §3)."""

from __future__ import annotations

import re
from pathlib import Path

from casefile.ui.main_window import MainWindow
from casefile.ui.window_api import CaseWindow
from tests.test_layers import PACKAGE, imports_of, module_name, within

UI = PACKAGE / "ui"
# The composition root, and the app that builds it: the only modules that may name MainWindow.
MAY_IMPORT_THE_WINDOW = {"casefile.ui.main_window", "casefile.ui.app"}


def test_no_controller_imports_the_main_window() -> None:
    found = []
    for path in sorted(UI.rglob("*.py")):
        module = module_name(path)
        if module in MAY_IMPORT_THE_WINDOW:
            continue
        found += [i for i in imports_of(path.read_text(encoding="utf-8"), module)
                  if within(i.target, "casefile.ui.main_window")]  # fmt: skip
    assert found == []


def test_no_controller_reaches_into_the_windows_private_members() -> None:
    private = re.compile(r"\bwindow\._[a-z]")
    found = []
    for path in sorted(UI.rglob("*.py")):
        if path.name != "main_window.py":
            lines = enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            found += [f"{path.relative_to(PACKAGE)}:{n}" for n, line in lines if private.search(line)]
    assert found == []


def test_a_real_window_has_everything_the_interface_names(window: MainWindow) -> None:
    names = set(CaseWindow.__annotations__)  # the attributes and signals
    names |= {n for n, v in vars(CaseWindow).items() if callable(v) and not n.startswith("_")}
    assert {"document", "run_job", "track_job", "statusBar"} <= names
    missing = [n for n in sorted(names) if not hasattr(window, n)]
    assert missing == []


def test_the_interface_module_loads_without_the_window() -> None:
    import subprocess
    import sys

    probe = "import sys, casefile.ui.window_api; print('casefile.ui.main_window' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                          cwd=Path(PACKAGE).parent)  # fmt: skip
    assert done.stdout.strip() == "False"


def test_mypy_agrees_the_window_is_a_case_window(tmp_path: Path) -> None:
    """MainWindow builds its controllers with `self`, and they hand the window to Qt through as_widget():
    mypy must accept both, or the protocol has drifted from the window (ui/ is outside CI's mypy step)."""
    from mypy import api

    users = sorted(str(p) for p in UI.rglob("*.py") if "CaseWindow" in p.read_text(encoding="utf-8"))
    assert len(users) > 10
    args = [str(UI / "main_window.py"), *users, "--follow-imports=silent", "--cache-dir", str(tmp_path)]
    out, _err, _status = api.run(args)
    assert [line for line in out.splitlines() if "CaseWindow" in line] == []
