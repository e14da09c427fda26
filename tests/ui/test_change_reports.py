"""How the window learns what an edit changed: the services report it, and each view follows once (issue 12 §6).

Before, a name edit in the Details form cost 54 SQL statements: the window read the record's label to
name the undo step, refreshed the Details panel twice, re-read the counts, the case's title and
every reference field one query at a time. The ceiling below is what it costs now, with room for one
or two more statements and none for a return of those.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from casefile.domain.kinds import Kind
from casefile.services.results import Changes
from casefile.ui.main_window import MainWindow
from tests.ui.conftest import open_case, type_text
from tests.ui.test_editing import _first_id

NAME_EDIT_CEILING = 32
NEW_NAME = "Владимир <b>&</b> Путин"


@contextmanager
def counted(window: MainWindow) -> Iterator[list[str]]:
    """The SQL statements the window sends while the block runs."""
    assert window.document is not None
    engine = window.document.case_file.engine
    statements: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


@pytest.fixture
def putin_shown(qtbot: QtBot, window: MainWindow, demo_case_path: Path) -> str:
    open_case(qtbot, window, demo_case_path)
    putin = _first_id(demo_case_path, Kind.PERSON, "Vladimir Putin")
    window.select_record(putin)
    return putin


def retype(window: MainWindow, field: str, text: str) -> QLineEdit:
    line = window.ui.details.form(Kind.PERSON).editors[field].widget
    assert isinstance(line, QLineEdit)
    line.setFocus()
    line.clear()
    type_text(line, text)
    return line


def reports(window: MainWindow) -> list[Changes]:
    seen: list[Changes] = []
    assert window.document is not None
    window.document.changed.connect(seen.append)
    return seen


def test_a_name_edit_stays_under_its_statement_ceiling(window: MainWindow, putin_shown: str) -> None:
    line = retype(window, "name", NEW_NAME)
    with counted(window) as statements:
        line.editingFinished.emit()
    assert window.editing is not None and window.editing.record(putin_shown)["name"] == NEW_NAME
    assert len(statements) <= NAME_EDIT_CEILING, "\n".join(statements)
    # Nothing is read in a transaction of its own before the write to name the undo step: it is named from
    # what the service returned. (Python 3.11's sqlite3 sends BEGIN as a statement; 3.12's does not.)
    first_write = next(i for i, s in enumerate(statements) if s.lstrip().upper().startswith("UPDATE"))
    assert sum(s.strip().upper() == "BEGIN" for s in statements[:first_write]) <= 1, statements[:first_write]
    assert window.actions.undo.text() == f"&Undo Edit name of {NEW_NAME}"


def test_one_report_per_edit_and_the_details_panel_shown_once(
    window: MainWindow, putin_shown: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    details = window.ui.details
    shown: list[str | None] = []
    original = details.show_record
    monkeypatch.setattr(details, "show_record", lambda rid: (shown.append(rid), original(rid))[1])
    seen = reports(window)
    retype(window, "name", NEW_NAME).editingFinished.emit()
    assert len(seen) == 1 and seen[0].initiator is details  # the Details form asked for it
    assert shown == [putin_shown]
    assert details.record is not None and details.record["name"] == NEW_NAME
    assert details._title.text() == f"Person: {NEW_NAME}"
    # Undo comes from the Edit menu: the report names no view, and the form follows it too.
    window.undo_stack.undo()
    assert len(seen) == 2 and seen[1].initiator is None
    assert shown == [putin_shown, putin_shown]
    assert details.record is not None and details.record["name"] == "Vladimir Putin"


def test_a_rename_reports_the_records_that_show_the_name(window: MainWindow, putin_shown: str) -> None:
    seen = reports(window)
    retype(window, "name", NEW_NAME).editingFinished.emit()
    changes = seen[0]
    assert changes.fields == {putin_shown: frozenset({"name"})}
    # His warrant and his visit are labelled with his name: they are reported as updated, and the
    # Links panel, which lists them, shows the new name without being asked.
    assert Kind.VISIT in changes.updated and Kind.WARRANT in changes.updated
    linked = [window.ui.links.model.data(window.ui.links.model.index(r, 0, g)) for g in _groups(window)
              for r in range(window.ui.links.model.rowCount(g))]  # fmt: skip
    assert any(NEW_NAME in str(text) for text in linked), linked


def test_a_plain_field_edit_rereads_neither_links_nor_counts(window: MainWindow, putin_shown: str) -> None:
    seen = reports(window)
    line = retype(window, "nationality", "Российская Федерация")
    with counted(window) as statements:
        line.editingFinished.emit()
    assert seen[-1].ids() == {putin_shown} and seen[-1].fields == {putin_shown: frozenset({"nationality"})}
    joined = "\n".join(statements)
    assert "FROM links" not in joined and "count(*)" not in joined
    assert "FROM cases" not in joined  # the title is read again only when the case record changes


def test_the_table_and_the_counts_follow_a_delete_and_its_undo(
    window: MainWindow, putin_shown: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casefile.ui.dialogs.confirm import Confirm

    monkeypatch.setattr(Confirm, "delete", classmethod(lambda cls, *a, **k: True))
    window.ui.kinds_view.setCurrentIndex(window.ui.kinds_model.index(window.ui.kinds_model.row_of(Kind.QUOTE)))
    before = window.ui.table_model.rowCount()
    window.ui.table.selectRow(0)
    window.actions.delete.trigger()
    assert window.ui.table_model.rowCount() == before - 1
    assert window.ui.kinds_model.data(window.ui.kinds_model.index(window.ui.kinds_model.row_of(Kind.QUOTE))).endswith(
        f"({before - 1})"
    )
    window.undo_stack.undo()
    assert window.ui.table_model.rowCount() == before


def _groups(window: MainWindow) -> list[Any]:
    model = window.ui.links.model
    return [model.index(r, 0) for r in range(model.rowCount())]
