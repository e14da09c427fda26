"""What the window tests on a server case share: opening one as a person would, and reading what it shows."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from casefile.domain.kinds import Kind
from casefile.services import records
from casefile.storage.server import ServerCase
from casefile.ui.main_window import MainWindow
from tests.postgres import ServerCases
from tests.ui.conftest import type_text


def open_server_case(qtbot: QtBot, window: MainWindow, url: str, name: str) -> ServerCase:
    with qtbot.waitSignal(window.server_cases.opened, timeout=20_000) as opened:
        window.server_cases.open(url, name)
    case: ServerCase = opened.args[0]
    return case


@contextmanager
def served(window: MainWindow, server_cases: ServerCases) -> Iterator[str]:
    """A database with the template cases; the window lets go of its case before the database is dropped."""
    with server_cases.database() as url:
        try:
            yield url
        finally:
            window.close_case()


@contextmanager
def two_sessions(
    qtbot: QtBot, window: MainWindow, server_cases: ServerCases
) -> Iterator[tuple[ServerCase, ServerCase, Any]]:
    """The demo case open in the window with its first person shown, and a colleague's session on it."""
    with served(window, server_cases) as url, ServerCase.open(url, "demo") as theirs:
        mine = open_server_case(qtbot, window, url, "demo")
        person = first_person(mine)
        show_record(window, person.id)
        yield mine, theirs, person


def first_person(case: ServerCase) -> Any:
    with case.reading() as session:
        return sorted(records.list_records(session, Kind.PERSON), key=lambda r: r.id)[0]


def show_record(window: MainWindow, record_id: str) -> None:
    window.select_record(record_id)
    assert window.ui.details.record is not None and window.ui.details.record.id == record_id


def cell_texts(window: MainWindow, record_id: str) -> list[str]:
    model = window.ui.table_model
    row = model.row_of(record_id)
    if row < 0:
        return []
    return [str(model.index(row, column).data() or "") for column in range(model.columnCount())]


def type_into(window: MainWindow, kind: Kind, field: str, text: str, *, confirm: bool) -> None:
    """Replace a Details field's text as typed, one key event per character; Enter confirms it."""
    editor = window.ui.details.form(kind).editors[field]
    line = editor.widget
    line.setFocus()
    line.selectAll()  # type: ignore[attr-defined]
    QTest.keyClick(line, Qt.Key.Key_Delete)
    type_text(line, text)
    if confirm:
        QTest.keyClick(line, Qt.Key.Key_Return)
