"""Drive the window's dialogs the way a person would, without a nested event loop."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from casefile.ui.dialogs.link_dialog import LinkDialog
from casefile.ui.dialogs.new_record import NewRecordDialog
from tests.ui.conftest import type_text


def fill_new_record(monkeypatch: pytest.MonkeyPatch, values: dict[str, Any]) -> list[NewRecordDialog]:
    """The next New Record dialogs get these values typed in and OK pressed; returns the dialogs seen."""
    seen: list[NewRecordDialog] = []

    def exec_(dialog: NewRecordDialog) -> int:
        seen.append(dialog)
        for name, value in values.items():
            dialog.form.editors[name].set_value(value)
        dialog.accept()
        return int(QDialog.DialogCode.Accepted if dialog.created_id else QDialog.DialogCode.Rejected)

    monkeypatch.setattr(NewRecordDialog, "exec", exec_)
    return seen


def choose_link(monkeypatch: pytest.MonkeyPatch, kind: str, query: str, pick: Callable[[str], bool]) -> None:
    """The next Link to… dialog: type the kind and a few letters, then pick the first hit whose label fits."""

    def exec_(dialog: LinkDialog) -> int:
        dialog.kind.setCurrentText(kind)
        type_text(dialog.query, query)
        dialog.run_search()
        for row in range(dialog.results.rowCount()):
            if pick(dialog.results.hit_at(row).label):
                dialog.table.selectRow(row)
                dialog.accept()
                return int(QDialog.DialogCode.Accepted)
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(LinkDialog, "exec", exec_)
