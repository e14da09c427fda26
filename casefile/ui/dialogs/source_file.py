"""File › Import ▸ Web Page or PDF…: read the file in a worker, let the analyst review the proposed
source, then store the source and the unchanged file together as one undoable step.

A file Casefile refuses (password-protected, not a page, too big) is explained by the window's
error message, and nothing is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from casefile.domain.attachments import display_name
from casefile.domain.errors import CasefileError
from casefile.domain.kinds import Kind
from casefile.domain.text import fold_for_match
from casefile.domain.web_page import DocumentFacts
from casefile.jobs.source_files import read_evidence
from casefile.services import records, source_files
from casefile.ui.document import CaseDocument
from casefile.ui.editing import Editing
from casefile.ui.import_commands import Imported, UndoableImport
from casefile.ui.widgets.record_form import RecordForm, refusal_text, scrolled_with_problem
from casefile.ui.workers import Cancelled

if TYPE_CHECKING:
    from casefile.ui.window_api import CaseWindow


class AddSourceFromFile(UndoableImport):
    """The source, its new outlet if any, and the attachment: written once, then undone and redone as one."""

    def __init__(self, document: CaseDocument, values: dict[str, Any], outlet: str | None, name: str, data: bytes,
                 text: str) -> None:  # fmt: skip
        super().__init__(document, Imported(()), text)
        self._pending: tuple[dict[str, Any], str | None, str, bytes] | None = (values, outlet, name, data)
        self.source_id = ""

    def do(self) -> None:
        if self._pending is None:
            super().do()
            return
        values, outlet, name, data = self._pending

        def work(session: Session) -> Imported:
            added = source_files.add(session, values, outlet, name, data)
            outlet_id = records.get(session, added.source_id).values.get("outlet")
            new_outlet = ((Kind.ORGANISATION, outlet_id),) if added.outlet_created else ()
            return Imported((*new_outlet, (Kind.SOURCE, added.source_id)), attachments=(added.attachment_id,))

        self.imported = self.document.write(work, lambda imported: imported.changes())
        self.source_id = self.imported.created[-1][1]
        self._pending = None  # the bytes are in the case now; undo and redo only hide and show them


class SourceReviewDialog(QDialog):
    """The source as the file proposes it, for the analyst to correct before anything is stored."""

    def __init__(self, editing: Editing, path: Path, facts: DocumentFacts, data: bytes,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._editing, self._path, self._data = editing, path, data
        self.source_id: str | None = None
        self.setWindowTitle("New source from a file")
        self.setAccessibleName("Review the new source")
        about = QLabel(self)
        about.setWordWrap(True)
        about.setTextFormat(Qt.TextFormat.PlainText)
        notes = "".join(f"\n• {note}" for note in facts.notes)
        about.setText(f"{display_name(path.name)} is stored unchanged as the source's attachment, with its "
                      f"SHA-256. Check what it says about itself before saving.{notes}")  # fmt: skip
        self.form = RecordForm(Kind.SOURCE, editing.choices, self)
        self.form.set_values(source_files.proposed_values(facts, date.today()))
        self.new_outlet = QLineEdit(self)
        self.new_outlet.setAccessibleName("New outlet")
        self.new_outlet.setPlaceholderText("the name of an outlet to add, if it is not in the list")
        self._prefill_outlet(facts.outlet)
        # Right under the Outlet picker: pick one the case has, or name a new one.
        rows = self.form.layout()
        assert isinstance(rows, QFormLayout)
        outlet_row, _role = rows.getWidgetPosition(self.form.editors["outlet"].widget.parentWidget())
        rows.insertRow(outlet_row + 1, "…or a new outlet, added as an organisation", self.new_outlet)
        scroll, self.problem = scrolled_with_problem(self.form, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(620, 700)

    def _prefill_outlet(self, name: str | None) -> None:
        """The page's outlet: the case's organisation of that name if there is exactly one, else a new one."""
        if not name:
            return
        matches = [rid for rid, label in self._editing.choices(self.form.editors["outlet"].field)
                   if fold_for_match(label) == fold_for_match(name)]  # fmt: skip
        if len(matches) == 1:
            self.form.editors["outlet"].set_value(matches[0])
        elif matches:
            self.problem.setText(f"The case has {len(matches)} organisations named '{name}': choose the outlet.")
        else:
            self.new_outlet.setText(name)

    def accept(self) -> None:
        try:
            values = {k: v for k, v in self.form.values().items() if v not in ("", None, [])}
            outlet = None if values.get("outlet") else self.new_outlet.text().strip() or None
            command = AddSourceFromFile(self._editing.document, values, outlet, self._path.name, self._data,
                                        f"Add source from {display_name(self._path.name)}")  # fmt: skip
            command.execute()
        except CasefileError as exc:
            self.problem.setText(refusal_text(self.form, exc))
            return
        self._editing.stack.push(command)
        self.source_id = command.source_id
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, editing: Editing, path: Path, facts: DocumentFacts, data: bytes) -> str | None:
        dialog = cls(editing, path, facts, data, parent)
        return dialog.source_id if dialog.exec() == QDialog.DialogCode.Accepted else None


class SourceFileFlow(QObject):
    def __init__(self, window: CaseWindow) -> None:
        super().__init__(window.as_widget())
        self.window = window

    def start(self, document: CaseDocument, path: Path) -> None:
        def work(_p: object, cancelled: Callable[[], bool]) -> tuple[CaseDocument, Path, bytes, DocumentFacts]:
            data, facts = read_evidence(path)
            if cancelled():
                raise Cancelled("Cancelled; nothing was stored.")
            return document, path, data, facts

        self.window.run_job(f"Reading {display_name(path.name)}…", work, self._read)

    def _read(self, result: tuple[CaseDocument, Path, bytes, DocumentFacts]) -> None:
        document, path, data, facts = result
        editing = self.window.editing
        if editing is None or document is not self.window.document:
            return
        created = SourceReviewDialog.ask(self.window.as_widget(), editing, path, facts, data)
        if created:
            self.window.select_record(created)
            self.window.job_finished.emit(created)
