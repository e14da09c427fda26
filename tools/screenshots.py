"""Takes the README's screenshots of the real window: run under xvfb-run from the repo root.

xvfb-run -a -s "-screen 0 2732x1536x24" uv run python tools/screenshots.py docs/screenshots

The panels are shot at 1366×768; then the main window again at 1024×600 and at double scale
(QT_SCALE_FACTOR=2, 1366×768 virtual: hence the large screen), each in a process of its own since
the scale is fixed when Qt starts. `--size WxH --main-only NAME` shoots just one of those.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from casefile.domain.kinds import Kind
from casefile.jobs.demo import write_demo
from casefile.ui.app import make_application
from casefile.ui.dialogs.link_dialog import LinkDialog
from casefile.ui.main_window import MainWindow
from casefile.ui.settings import Settings


def _select_first(window: MainWindow, kind: Kind) -> None:
    window.ui.kinds_view.setCurrentIndex(window.ui.kinds_model.index(window.ui.kinds_model.row_of(kind)))
    window.ui.table.selectRow(0)


def _shoot(app: QApplication, window: MainWindow, out: Path) -> None:
    _select_first(window, Kind.QUOTE)
    app.processEvents()
    window.grab().save(str(out / "main-window-quote.png"))
    assert window.editing is not None
    dialog = LinkDialog(window.editing, window.selected_ids()[0], window)
    dialog.kind.setCurrentText("comments on")
    dialog.query.setText("art 87")
    dialog.run_search()
    dialog.show()
    app.processEvents()
    dialog.grab().save(str(out / "link-dialog.png"))
    dialog.close()
    _select_first(window, Kind.VISIT)
    for dock, name in zip(
        window.analysis.docks, ("findings", "precedents", "timeline", "link-chart", "audit-trail"), strict=True
    ):
        dock.raise_()
        app.processEvents()
        window.analysis.refresh_visible()
        app.processEvents()
        window.grab().save(str(out / f"{name}.png"))
    app.quit()


def _shoot_main(app: QApplication, window: MainWindow, out: Path, name: str) -> None:
    """Putin in the Details form, his links, and the findings: the window as an analyst first sees it."""
    _select_first(window, Kind.PERSON)
    window.analysis.docks[0].raise_()
    app.processEvents()
    window.analysis.refresh_visible()
    app.processEvents()
    window.grab().save(str(out / f"{name}.png"))
    app.quit()


def _run(out: Path, size: tuple[int, int], main_only: str | None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp())
    app = make_application()
    window = MainWindow(Settings(QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)))
    window.resize(*size)
    window.show()

    def shoot() -> None:
        if main_only:
            _shoot_main(app, window, out, main_only)
        else:
            _shoot(app, window, out)

    # Shoot once the background check has finished, so the window shows what an analyst can edit.
    window.verification.verified.connect(lambda _: QTimer.singleShot(400, shoot))
    window.open_path(write_demo(work / "Demo - Putin in Mongolia.casefile"))
    app.exec()


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", nargs="?", default="docs/screenshots", type=Path)
    parser.add_argument("--size", default="1366x768", help="the window's size in (virtual) pixels")
    parser.add_argument("--main-only", metavar="NAME", help="shoot only the main window, as NAME.png")
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.split("x"))
    _run(args.out, (width, height), args.main_only)
    if args.main_only:
        return
    me = [sys.executable, __file__, str(args.out), "--main-only"]
    subprocess.run([*me, "main-window-1366x768"], check=True)
    subprocess.run([*me, "main-window-1024x600", "--size", "1024x600"], check=True)
    subprocess.run([*me, "main-window-2x"], check=True, env={**os.environ, "QT_SCALE_FACTOR": "2"})


if __name__ == "__main__":
    main(sys.argv[1:])
