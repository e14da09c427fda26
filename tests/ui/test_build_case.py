"""An analyst builds a case from nothing in the real main window, undoes and redoes it, and reopens it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from casefile.domain.kinds import Kind
from casefile.services import case
from casefile.storage.casefile import CaseFile
from casefile.ui.main_window import MainWindow
from tests.ui.conftest import open_case
from tests.ui.helpers import choose_link, fill_new_record


def _show(window: MainWindow, kind: Kind) -> None:
    model = window.ui.kinds_model
    window.ui.kinds_view.setCurrentIndex(model.index(model.row_of(kind)))
    assert window.current_kind() == kind


def _add(window: MainWindow, monkeypatch: pytest.MonkeyPatch, kind: Kind, values: dict[str, object]) -> str:
    _show(window, kind)
    fill_new_record(monkeypatch, values)
    window.actions.new_record.trigger()
    record_id = window.selected_ids()[0]
    assert window.ui.details.record is not None and window.ui.details.record.id == record_id
    return record_id


def _link_labels(window: MainWindow) -> list[str]:
    model = window.ui.links.model
    return [
        f"{model.data(model.index(g, 0))}: {model.data(model.index(r, 0, model.index(g, 0)))}"
        for g in range(model.rowCount())
        for r in range(model.rowCount(model.index(g, 0)))
    ]


def _counts(path: Path) -> dict[Kind, int]:
    with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
        return case.counts(session)


def test_build_link_undo_redo_and_reopen(
    qtbot: QtBot, window: MainWindow, empty_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_case(qtbot, window, empty_case_path)
    person = _add(window, monkeypatch, Kind.PERSON, {"name": "Vladimir Putin", "original_name": "Владимир Путин"})
    state = _add(window, monkeypatch, Kind.STATE, {"name": "Mongolia", "iso2": "MN", "notes": "Монгол Улс"})
    article = _add(window, monkeypatch, Kind.ARTICLE, {"number": "87(7)", "title": "<b>Requests</b> & co"})
    _add(window, monkeypatch, Kind.WARRANT, {"subject": person, "issued": "2023-03-17", "articles": []})
    visit = _add(window, monkeypatch, Kind.VISIT, {"person": person, "state": state, "start": "2024-09-02"})
    quote = _add(window, monkeypatch, Kind.QUOTE, {"text": "under an obligation to execute", "speaker": person})

    choose_link(monkeypatch, "comments on", "87", lambda label: label.startswith("Art. 87(7)"))
    window.actions.link_to.trigger()
    assert _link_labels(window) == ["→ comments on (1): Art. 87(7)"]
    assert window.undo_stack.undoText().startswith("Link “under an obligation")

    window.select_record(article)
    assert _link_labels(window) == ["← comments on (1): “under an obligation to execute”"]

    window.select_record(quote)
    choose_link(monkeypatch, "comments on", "mongolia", lambda label: label.startswith("Vladimir Putin in Mongolia"))
    window.actions.link_to.trigger()
    window.select_record(visit)
    assert "← comments on (1): “under an obligation to execute”" in _link_labels(window)

    full = _counts(empty_case_path)
    assert (full[Kind.PERSON], full[Kind.STATE], full[Kind.WARRANT], full[Kind.LINK]) == (1, 1, 1, 2)
    steps = window.undo_stack.count()
    assert steps == 8
    for _ in range(steps):
        window.undo_stack.undo()
    assert sum(_counts(empty_case_path).values()) == 0
    for _ in range(steps):
        window.undo_stack.redo()
    assert _counts(empty_case_path) == full

    window.close_case()
    open_case(qtbot, window, empty_case_path)
    window.select_record(article)
    assert window.ui.details.record is not None and window.ui.details.record["title"] == "<b>Requests</b> & co"
    assert _link_labels(window) == ["← comments on (1): “under an obligation to execute”"]
    window.select_record(person)
    assert window.ui.details.record is not None and window.ui.details.record["original_name"] == "Владимир Путин"


def test_a_new_article_fills_its_title_and_paragraph_from_the_library_and_stays_editable(
    qtbot: QtBot, window: MainWindow, empty_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog

    from casefile.ui.dialogs.new_record import NewRecordDialog
    from tests.ui.conftest import type_text

    open_case(qtbot, window, empty_case_path)
    _show(window, Kind.ARTICLE)
    seen: dict[str, object] = {}

    def exec_(dialog: NewRecordDialog) -> int:
        number = dialog.form.editors["number"].widget
        for typed in ("86", "87(7)"):  # a first guess, corrected: the library follows the number
            number.setFocus()
            number.clear()  # type: ignore[attr-defined]
            type_text(number, typed)
            qtbot.keyClick(number, Qt.Key.Key_Return)
        seen["title"] = dialog.form.editors["title"].value()
        seen["text"] = dialog.form.editors["text"].value()
        # The analyst's words for this case: typed after the library's, in Hebrew and with markup.
        dialog.form.editors["text"].set_value(str(seen["text"]) + " הערה <b>&")
        dialog.accept()
        return int(QDialog.DialogCode.Accepted if dialog.created_id else QDialog.DialogCode.Rejected)

    monkeypatch.setattr(NewRecordDialog, "exec", exec_)
    window.actions.new_record.trigger()
    assert seen["title"] == "Requests for cooperation: general provisions"
    assert str(seen["text"]).startswith("7. Where a State Party fails to comply with a request to cooperate")
    assert "1. (a)" not in str(seen["text"])  # paragraph 7 only, not the whole of article 87
    record = window.ui.details.record
    assert record is not None and record["number"] == "87(7)"
    assert record["title"] == "Requests for cooperation: general provisions"
    assert str(record["text"]).endswith(" הערה <b>&")
    window.editing.edit_field(record, "title", "Non-compliance")  # type: ignore[union-attr]
    assert window.ui.details.record is not None and window.ui.details.record["title"] == "Non-compliance"
    window.undo_stack.undo()
    assert window.ui.details.record is not None
    assert window.ui.details.record["title"] == "Requests for cooperation: general provisions"
