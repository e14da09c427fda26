"""File › Sync with Server… on a checked-out file: the file's changes go up, the server's come down, and a record
changed on both sides goes through the merge's conflict review (yours or the server's), in both directions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from casefile.domain.kinds import Kind
from casefile.domain.merge import Resolution
from casefile.services import records
from casefile.storage.server import ServerCase
from casefile.storage.server_checkout import checkout
from casefile.ui.dialogs.merge_dialog import MergeDialogs
from casefile.ui.main_window import MainWindow
from casefile.ui.sync import NOT_CHECKED_OUT
from tests.postgres import ServerCases
from tests.server.window_helpers import first_person, served
from tests.ui.conftest import open_case

pytest.importorskip("psycopg", reason="uv sync --extra test --extra server runs the server window tests")


def _names(case: Any) -> set[str]:
    with case.reading() as session:
        return {r.values["name"] for r in records.list_records(session, Kind.PERSON)}


@contextmanager
def _changed_on_both_sides(
    qtbot: QtBot, window: MainWindow, server_cases: ServerCases, local: Path, mine: str, theirs: str
) -> Iterator[tuple[ServerCase, Any]]:
    """A checked-out file open in the window; the first person's role changed in it and on the server."""
    with served(window, server_cases) as url, ServerCase.open(url, "demo") as server:
        checkout(url, "demo", local)
        person = first_person(server)
        open_case(qtbot, window, local)
        assert window.editing is not None
        window.editing.edit_field(window.editing.record(person.id), "role", mine)
        with server.unit_of_work() as session:
            records.update_fields(session, person.id, {"role": theirs})
        yield server, person


def _reviewing(monkeypatch: pytest.MonkeyPatch, answer: Resolution | None) -> list[tuple[str, Any, Any, bool]]:
    seen: list[tuple[str, Any, Any, bool]] = []

    def resolve(_parent: object, plan: Any, _names: object, *, sync: bool = False) -> dict[str, Resolution] | None:
        seen.extend((c.id, c.mine.values["role"], c.theirs.values["role"], sync) for c in plan.conflicts)
        return None if answer is None else {c.id: answer for c in plan.conflicts}

    monkeypatch.setattr(MergeDialogs, "resolve", classmethod(lambda cls, *a, **k: resolve(*a, **k)))
    return seen


@pytest.mark.parametrize("keep", [Resolution.MINE, Resolution.THEIRS])
def test_sync_sends_and_brings_changes_and_asks_about_a_record_changed_on_both_sides(
    qtbot: QtBot,
    window: MainWindow,
    server_cases: ServerCases,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    keep: Resolution,
) -> None:
    local = tmp_path / "Офлайн <b>&.casefile"
    with _changed_on_both_sides(qtbot, window, server_cases, local, "В файле <i>", "На сервере — خادم") as (
        server,
        person,
    ):
        assert window.actions.sync.isEnabled() and "'demo'" in window.actions.sync.toolTip()
        assert window.editing is not None
        window.editing.create(Kind.PERSON, {"name": "Только в файле 文件"})
        with server.unit_of_work() as session:
            records.create(session, Kind.PERSON, {"name": "Только на сервере"})
        reviewed = _reviewing(monkeypatch, keep)
        with qtbot.waitSignal(window.server_cases.sync.synced, timeout=30_000) as done:
            window.actions.sync.trigger()
        assert done.args[0].applied and window.undo_stack.count() == 0
        assert reviewed == [(person.id, "В файле <i>", "На сервере — خادم", True)]
        kept = "В файле <i>" if keep == Resolution.MINE else "На сервере — خادم"
        # Both sides hold both new persons and the role chosen; the window shows what came down.
        assert {"Только в файле 文件", "Только на сервере"} <= _names(server)
        with server.reading() as session:
            assert records.get(session, person.id).values["role"] == kept
        assert window.document is not None
        assert {"Только в файле 文件", "Только на сервере"} <= _names(window.document.case_file)
        window.select_record(person.id)
        assert window.ui.details.form(Kind.PERSON).editors["role"].typed_text() == kept


def test_cancelling_the_review_changes_neither_side(
    qtbot: QtBot, window: MainWindow, server_cases: ServerCases, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    local = tmp_path / "offline.casefile"
    with _changed_on_both_sides(qtbot, window, server_cases, local, "Mine", "Theirs") as (server, person):
        assert window.editing is not None
        reviewed = _reviewing(monkeypatch, None)
        window.actions.sync.trigger()
        qtbot.waitUntil(lambda: bool(reviewed), timeout=20_000)
        assert "Sync cancelled" in window.statusBar().currentMessage()
        with server.reading() as session:
            assert records.get(session, person.id).values["role"] == "Theirs"
        assert window.editing.record(person.id).values["role"] == "Mine"


def test_a_file_never_checked_out_cannot_sync_and_says_why(
    qtbot: QtBot, window: MainWindow, empty_case_path: Path
) -> None:
    open_case(qtbot, window, empty_case_path)
    assert not window.actions.sync.isEnabled() and window.actions.sync.toolTip() == NOT_CHECKED_OUT
