"""Guards the PySide6 pin: 6.12.0 on Python 3.11 over-releases None on every void Qt call and aborts.

Each call of a Qt method returning void dropped one reference to None too many; after about
5,000 calls None's count hit zero and the process died with `Fatal Python error: none_dealloc`.
"""

from __future__ import annotations

import gc
import sys
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import PySide6
import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QLabel

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"
TOTAL_CALLS = 20_000
# Measured in chunks far below the ~5,000 calls that kill an affected process, so a
# regression fails this test instead of aborting the whole run.
CHUNK = 500
# The loop itself may briefly hold a few references to None (frames, locals); a leak loses one per call.
SLACK = 20


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".")[:3])


@pytest.fixture
def label(qapp: QApplication) -> Iterator[QLabel]:
    widget = QLabel()
    yield widget
    widget.deleteLater()


@pytest.fixture
def gc_paused() -> Iterator[None]:
    # A collection in mid-measurement could free unrelated objects holding None.
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _void_calls(label: QLabel) -> list[Callable[[], None]]:
    size = QSize(120, 40)
    return [
        lambda: label.setText("Путин <b>&</b>"),
        lambda: label.resize(size),
        lambda: label.setToolTip('<font color="x">Монгол Улс</font>'),
        lambda: label.setEnabled(True),
        QApplication.processEvents,
    ]


def test_void_qt_calls_do_not_release_none(label: QLabel, gc_paused: None) -> None:
    calls = _void_calls(label)
    start = sys.getrefcount(None)
    made = 0
    while made < TOTAL_CALLS:
        before = sys.getrefcount(None)
        for i in range(CHUNK):
            calls[i % len(calls)]()
        made += CHUNK
        after = sys.getrefcount(None)
        assert after >= before - SLACK, f"None lost {before - after} references in {CHUNK} void Qt calls"
    assert sys.getrefcount(None) >= start - SLACK
    assert label.text() == "Путин <b>&</b>"


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12: its count never moves")
def test_the_measurement_sees_a_chunk_of_references(gc_paused: None) -> None:
    """A chunk's worth of references to None is far above the slack, so a leak of one per call shows."""
    before = sys.getrefcount(None)
    held = [None] * CHUNK
    assert sys.getrefcount(None) - before >= CHUNK > SLACK
    del held
    assert sys.getrefcount(None) - before < SLACK


def test_installed_pyside_satisfies_the_pin() -> None:
    assert (6, 11, 3) <= _version(PySide6.__version__) < (6, 12), PySide6.__version__


def test_project_pins_pyside_below_the_broken_release() -> None:
    dependencies = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]
    assert "PySide6-Essentials>=6.11.3,<6.12" in dependencies
