"""Takes the README's screenshots of the real window: run under xvfb-run (or offscreen) from the repo root.

xvfb-run -s "-screen 0 1366x768x24" uv run python tools/screenshots.py docs/screenshots
"""

from __future__ import annotations

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


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp())
    app = make_application()
    window = MainWindow(Settings(QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)))
    window.resize(1366, 768)
    window.show()
    # Shoot once the background check has finished, so the window shows what an analyst can edit.
    window.verification.verified.connect(lambda _: QTimer.singleShot(400, lambda: _shoot(app, window, out)))
    window.open_path(write_demo(work / "Demo - Putin in Mongolia.casefile"))
    app.exec()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
