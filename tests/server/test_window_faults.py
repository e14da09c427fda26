"""The server restarted while the window has the case open: the window says so, keeps the pending edit, and
reconnects by itself, live updates included."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from casefile.domain.errors import StorageFailure
from casefile.domain.kinds import Kind
from casefile.services import records
from casefile.storage.server import ServerCase
from casefile.ui.main_window import MainWindow
from casefile.ui.server_case import SERVER_LOST
from tests.postgres import TestServer
from tests.server.window_helpers import cell_texts, open_server_case, show_record, type_into

pytest.importorskip("psycopg", reason="uv sync --extra test --extra server runs the server window tests")


def test_a_restart_is_said_the_typing_kept_and_the_window_reconnects(
    qtbot: QtBot, window: MainWindow, own_server: TestServer, errors_shown: list[BaseException]
) -> None:
    url = own_server.url("casefile")
    with ServerCase.create(url, "mongolia", "Монголия") as setup, setup.unit_of_work() as session:
        person = records.create(session, Kind.PERSON, {"name": "Свидетель А"})
    open_server_case(qtbot, window, url, "mongolia")
    show_record(window, person.id)
    banner = window.ui.banner
    try:
        with qtbot.waitSignal(window.server_cases.reconnecting, timeout=10_000):
            own_server.stop()
        assert banner.isVisible() and banner.text() == SERVER_LOST
        # An edit while the server is away is refused in words; the typing stays in its field.
        type_into(window, Kind.PERSON, "role", "Пока сервер стоит <b>&</b>", confirm=True)
        assert [type(e) for e in errors_shown] == [StorageFailure]
        assert "could not reach the case's server" in str(errors_shown[0])
        editor = window.ui.details.form(Kind.PERSON).editors["role"]
        assert editor.typed_text() == "Пока сервер стоит <b>&</b>" and editor.is_dirty()
        # Leaving it is not silent either: the pending edit is not saved, and not dropped.
        assert window.settle_pending_edit(ask=False) is False and editor.is_dirty()
        with qtbot.waitSignal(window.server_cases.reconnected, timeout=15_000):
            own_server.start()
    finally:
        if not (own_server.data / "postmaster.pid").exists():
            own_server.start()
    assert not banner.isVisible()
    # The kept typing saves now, and a colleague's change shows live again.
    editor.widget.setFocus()
    qtbot.keyClick(editor.widget, Qt.Key.Key_Return)
    with ServerCase.open(url, "mongolia") as theirs:
        with theirs.reading() as session:
            assert records.get(session, person.id).values["role"] == "Пока сервер стоит <b>&</b>"
        with theirs.unit_of_work() as session:
            records.update_fields(session, person.id, {"name": "Свидетель Б"})
    qtbot.waitUntil(lambda: "Свидетель Б" in cell_texts(window, person.id), timeout=3000)
    window.close_case()
