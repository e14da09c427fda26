"""Two analysts, one field: the window shows whose change its save met, when, and both values; keep mine or
theirs; nothing is lost and the analyst's typing is never dropped. Two sessions on the same server case."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from casefile.domain.errors import EditConflict
from casefile.domain.kinds import Kind
from casefile.domain.merge import Resolution
from casefile.services import records
from casefile.storage.server import ServerCase
from casefile.ui.dialogs.edit_conflict import EditConflictDialog, EditConflictDialogs
from casefile.ui.main_window import MainWindow
from tests.postgres import ServerCases
from tests.server.window_helpers import two_sessions, type_into

pytest.importorskip("psycopg", reason="uv sync --extra test --extra server runs the server window tests")

MINE = "Моя роль <b>&</b> שלי"
THEIRS = "دور الزميل 同事"


@dataclass
class Two:
    window: MainWindow
    mine: ServerCase  # the window's case
    theirs: ServerCase  # a colleague's session on the same case
    person: Any
    asked: list[tuple[EditConflict, str, str, str, str]]


@pytest.fixture
def two(qtbot: QtBot, window: MainWindow, server_cases: ServerCases) -> Iterator[Two]:
    with two_sessions(qtbot, window, server_cases) as (mine, theirs, person):
        yield Two(window, mine, theirs, person, [])


def _answer(monkeypatch: pytest.MonkeyPatch, two: Two, *answers: Resolution | None) -> None:
    queue = list(answers)

    def ask(_parent: object, conflict: EditConflict, record: str, field: str, mine: str, theirs: str) -> Any:
        two.asked.append((conflict, record, field, mine, theirs))
        return queue.pop(0)

    monkeypatch.setattr(EditConflictDialogs, "ask", classmethod(lambda cls, *args: ask(*args)))


def _colleague_sets(two: Two, **values: Any) -> None:
    with two.theirs.unit_of_work() as session:
        records.update_fields(session, two.person.id, values)


def _stored(two: Two, field: str) -> Any:
    with two.theirs.reading() as session:
        return records.get(session, two.person.id).values[field]


def _typed(two: Two, field: str) -> str:
    return str(two.window.ui.details.form(Kind.PERSON).editors[field].typed_text())


def test_keep_mine_saves_the_analysts_value_after_showing_whose_change_it_met(
    qtbot: QtBot, two: Two, monkeypatch: pytest.MonkeyPatch
) -> None:
    _answer(monkeypatch, two, Resolution.MINE)
    type_into(two.window, Kind.PERSON, "role", MINE, confirm=False)
    _colleague_sets(two, role=THEIRS)
    steps = two.window.undo_stack.count()
    type_into(two.window, Kind.PERSON, "role", MINE, confirm=True)
    ((conflict, record, field, mine, theirs),) = two.asked
    assert (record, field, mine, theirs) == (two.person.values["name"], "role or title", MINE, THEIRS)
    assert conflict.by == "postgres" and conflict.at is not None and conflict.at.endswith("UTC")
    assert _stored(two, "role") == MINE
    assert _typed(two, "role") == MINE and two.window.undo_stack.count() == steps + 1


def test_keep_theirs_leaves_the_colleagues_value_and_shows_it(
    qtbot: QtBot, two: Two, monkeypatch: pytest.MonkeyPatch
) -> None:
    _answer(monkeypatch, two, Resolution.THEIRS)
    _colleague_sets(two, role=THEIRS)
    steps = two.window.undo_stack.count()
    type_into(two.window, Kind.PERSON, "role", MINE, confirm=True)
    assert len(two.asked) == 1 and _stored(two, "role") == THEIRS
    assert _typed(two, "role") == THEIRS and two.window.undo_stack.count() == steps
    assert two.window.ui.details.form(Kind.PERSON).problem_text("role") == ""


def test_deciding_later_writes_nothing_and_keeps_the_typing_marked_in_its_field(
    qtbot: QtBot, two: Two, monkeypatch: pytest.MonkeyPatch
) -> None:
    _answer(monkeypatch, two, None, None, Resolution.MINE)
    _colleague_sets(two, role=THEIRS)
    type_into(two.window, Kind.PERSON, "role", MINE, confirm=True)
    form = two.window.ui.details.form(Kind.PERSON)
    assert _stored(two, "role") == THEIRS and _typed(two, "role") == MINE
    assert form.problem_text("role").startswith("Not saved: postgres changed this meanwhile.")
    # Leaving the record (or closing, quitting) does not drop it either: the pending edit meets the conflict again.
    assert two.window.settle_pending_edit(ask=False) is False
    assert _typed(two, "role") == MINE
    # Confirming the field again asks again; this time mine is kept.
    line = form.editors["role"].widget
    line.setFocus()
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert len(two.asked) == 3 and _stored(two, "role") == MINE


def test_another_field_the_colleague_also_changed_is_asked_about_not_overwritten(
    qtbot: QtBot, two: Two, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two fields typed and saved at once (the window losing focus saves them together): each conflict is asked.
    _answer(monkeypatch, two, Resolution.THEIRS, Resolution.MINE)
    editors = two.window.ui.details.form(Kind.PERSON).editors
    editors["role"].retype(MINE)  # typed, not confirmed: a focus change would confirm the first alone
    editors["nationality"].retype("Моя")
    _colleague_sets(two, role=THEIRS, nationality="Их")
    assert two.window.settle_pending_edit(ask=False) is True
    assert sorted(asked[0].field for asked in two.asked) == ["nationality", "role"]
    kept_theirs = two.asked[0][0].field
    kept_mine = two.asked[1][0].field
    assert _stored(two, kept_theirs) == {"role": THEIRS, "nationality": "Их"}[kept_theirs]
    assert _stored(two, kept_mine) == {"role": MINE, "nationality": "Моя"}[kept_mine]


def test_the_conflict_dialog_shows_who_when_and_both_values(qtbot: QtBot) -> None:
    conflict = EditConflict("…", "…", field="role", mine=MINE, theirs=THEIRS, by="борис", at="2026-12-05 18:01:02 UTC")
    dialog = EditConflictDialog(None, conflict, "Свидетель <i>A</i>", "role or title", MINE, THEIRS)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Someone else changed this field"
    assert dialog.mine_box.toPlainText() == MINE and dialog.theirs_box.toPlainText() == THEIRS
    assert dialog.mine_box.isReadOnly() and dialog.theirs_box.isReadOnly()
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert (
        "борис changed role or title of Свидетель <i>A</i> at 2026-12-05 18:01:02 UTC, after you began editing it."
        in texts
    )
    assert "Theirs (борис at 2026-12-05 18:01:02 UTC)" in texts and "Yours (not saved)" in texts
    qtbot.mouseClick(dialog.keep_theirs, Qt.MouseButton.LeftButton)
    assert dialog.choice == Resolution.THEIRS
