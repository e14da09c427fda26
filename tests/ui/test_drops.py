"""A .casefile dropped on the window opens; anything else dropped there is not taken."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from casefile.ui.main_window import MainWindow
from tests.ui.conftest import open_case

_KEEP: list[QMimeData] = []  # a drop event does not own its data: keep it alive while the event is used


def _drop(*paths: Path) -> QDropEvent:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    _KEEP.append(data)
    return QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton,
                      Qt.KeyboardModifier.NoModifier)  # fmt: skip


def test_a_dropped_case_opens(qtbot: QtBot, window: MainWindow, empty_case_path: Path, demo_case_path: Path) -> None:
    open_case(qtbot, window, empty_case_path)
    drop = _drop(demo_case_path)
    # Qt delivers drops only during a real drag, which a test cannot start: hand the event to the filter.
    with qtbot.waitSignals([window.case_opened, window.verification.verified], timeout=20_000):
        assert window.drops.eventFilter(window, drop) and drop.isAccepted()
    assert window.document is not None and Path(window.document.path) == demo_case_path


def test_other_files_or_several_are_not_taken(window: MainWindow, tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("x")
    assert not window.drops.eventFilter(window, _drop(text))
    assert not window.drops.eventFilter(window, _drop(tmp_path / "a.casefile", tmp_path / "b.casefile"))
