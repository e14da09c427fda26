"""Two link indexes with their root pages swapped: the check that gates editing catches it (issue 9 §5).

Before: the file opened, the window's background check (quick_check) passed and the case was
editable, while "links from X" returned the links to X.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from casefile.storage.inspection import full_check
from casefile.ui.main_window import MainWindow
from casefile.ui.verification import VerificationReport


def swap_link_indexes(path: Path) -> None:
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        roots = dict(conn.execute("SELECT name, rootpage FROM sqlite_schema WHERE name IN (?, ?)",
                                  ("ix_links_from_id", "ix_links_to_id")).fetchall())  # fmt: skip
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute(
            "UPDATE sqlite_schema SET rootpage = ? WHERE name = 'ix_links_from_id'", (roots["ix_links_to_id"],)
        )
        conn.execute(
            "UPDATE sqlite_schema SET rootpage = ? WHERE name = 'ix_links_to_id'", (roots["ix_links_from_id"],)
        )
        conn.execute("PRAGMA writable_schema = OFF")
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]  # what the window used to rely on


def test_the_background_check_names_the_swapped_indexes(demo_case_path: Path) -> None:
    swap_link_indexes(demo_case_path)
    problems = full_check(demo_case_path)
    assert problems
    assert any("ix_links_from_id" in p or "ix_links_to_id" in p for p in problems), problems


def test_the_window_keeps_it_read_only(
    qtbot: QtBot, window: MainWindow, demo_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    swap_link_indexes(demo_case_path)
    told: list[list[str]] = []
    monkeypatch.setattr(VerificationReport, "show_problems", classmethod(lambda cls, parent, name, p: told.append(p)))
    with qtbot.waitSignals([window.case_opened, window.verification.verified], timeout=20_000):
        window.open_path(demo_case_path)
    assert told and any("ix_links" in p for p in told[0])
    assert window.document is not None and not window.document.verified
    assert not window.actions.new_record.isEnabled()
