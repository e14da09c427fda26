"""Another analyst's commit appears in the open window within about a second, without a reload (LISTEN/NOTIFY),
and never at the cost of what the analyst is typing."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from casefile.domain.kinds import Kind
from casefile.domain.merge import Resolution
from casefile.services import records
from casefile.storage.server import ServerCase
from casefile.ui.dialogs.edit_conflict import EditConflictDialogs
from casefile.ui.main_window import MainWindow
from tests.postgres import ServerCases
from tests.server.window_helpers import cell_texts, two_sessions, type_into

pytest.importorskip("psycopg", reason="uv sync --extra test --extra server runs the server window tests")


@dataclass
class Live:
    window: MainWindow
    theirs: ServerCase
    person: Any


@pytest.fixture
def live(qtbot: QtBot, window: MainWindow, server_cases: ServerCases) -> Iterator[Live]:
    with two_sessions(qtbot, window, server_cases) as (_mine, theirs, person):
        yield Live(window, theirs, person)


def _title(window: MainWindow) -> str:
    return str(window.ui.details._title.text())


def test_a_colleagues_edit_shows_in_the_table_and_details_within_a_second(qtbot: QtBot, live: Live) -> None:
    name = "Новое имя <b>&</b> 新"
    started = time.monotonic()
    with live.theirs.unit_of_work() as session:
        records.update_fields(session, live.person.id, {"name": name})
    qtbot.waitUntil(
        lambda: name in cell_texts(live.window, live.person.id) and name in _title(live.window), timeout=3000
    )
    assert time.monotonic() - started < 3
    assert live.window.ui.details.form(Kind.PERSON).editors["name"].typed_text() == name
    assert "1 change by postgres shown." in live.window.statusBar().currentMessage()


def test_a_colleagues_new_and_deleted_records_show_with_the_counts(qtbot: QtBot, live: Live) -> None:
    model = live.window.ui.table_model
    before = model.total
    with live.theirs.unit_of_work() as session:
        added = records.create(session, Kind.PERSON, {"name": "Свидетель Б (عربي)"})
    qtbot.waitUntil(lambda: model.row_of(added.id) >= 0, timeout=3000)
    assert model.total == before + 1
    live.window.select_record(added.id)
    with live.theirs.unit_of_work() as session:
        records.delete(session, added.id)
    qtbot.waitUntil(lambda: model.row_of(added.id) < 0, timeout=3000)
    assert live.window.ui.details.record is None and model.total == before


def test_the_windows_own_edit_is_not_read_back_from_the_server(qtbot: QtBot, live: Live) -> None:
    heard: list[object] = []
    assert live.window.server_cases.live is not None
    live.window.server_cases.live.heard.connect(heard.append)
    type_into(live.window, Kind.PERSON, "role", "Своя правка", confirm=True)
    with live.theirs.unit_of_work() as session:  # a colleague's edit after it: heard, so the window's was skipped
        records.update_fields(session, live.person.id, {"nationality": "Mongolian"})
    qtbot.waitUntil(lambda: bool(heard), timeout=3000)
    assert [[n.action for n in notices] for notices in heard] == [["edit"]]  # type: ignore[attr-defined]


def test_typing_in_the_shown_record_survives_a_colleagues_change_and_still_meets_it(
    qtbot: QtBot, live: Live, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(
        EditConflictDialogs,
        "ask",
        classmethod(lambda cls, p, c, r, f, mine, theirs: asked.append(theirs) or Resolution.MINE),
    )
    editors = live.window.ui.details.form(Kind.PERSON).editors
    editors["role"].retype("Печатаю…")  # typed in, not confirmed
    with live.theirs.unit_of_work() as session:
        records.update_fields(session, live.person.id, {"name": "Переименован", "role": "Их роль"})
    qtbot.waitUntil(lambda: "Переименован" in _title(live.window), timeout=3000)
    # Their new name is shown; the field being typed in keeps the typing, and its save still meets their role.
    assert editors["name"].typed_text() == "Переименован" and editors["role"].typed_text() == "Печатаю…"
    assert live.window.settle_pending_edit(ask=False) is True
    assert asked == ["Их роль"]
    with live.theirs.reading() as session:
        assert records.get(session, live.person.id).values["role"] == "Печатаю…"
