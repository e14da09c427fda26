"""File › Merge Case…: choose a colleague's copy, settle each conflict side by side, and see the report.

The checking and comparing, and then the writing, run in workers through MainWindow.run_job;
only the choices are asked on the GUI thread. A merge is not an undoable step: the undo
stack is cleared afterwards, and the backup file written before the merge restores the case.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QRadioButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casefile.domain.kinds import FieldType, spec
from casefile.domain.merge import Resolution
from casefile.jobs.merge import MergeReport, PreparedMerge, apply_prepared, prepare_merge
from casefile.services import labels
from casefile.services.merge import MergeConflict, MergePlan
from casefile.ui.dialogs.files import CASE_FILTER

if TYPE_CHECKING:
    from casefile.ui.window_api import CaseWindow

_CHOICE_TEXT = {Resolution.MINE: "Keep mine", Resolution.THEIRS: "Keep theirs", Resolution.BOTH: "Keep both"}


class MergeDialogs:
    """The questions a merge asks, behind class methods tests can replace."""

    @classmethod
    def choose_other(cls, parent: QWidget | None, folder: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, "Merge a colleague's copy of the case", folder, CASE_FILTER)
        return Path(name) if name else None

    @classmethod
    def resolve(
        cls, parent: QWidget | None, plan: MergePlan, names: Mapping[str, str], *, sync: bool = False
    ) -> dict[str, Resolution] | None:
        """Each conflict's choice; with sync, yours or the server's only (a sync keeps one version on both sides)."""
        dialog = ConflictDialog(plan, names, parent, sync=sync)
        return dialog.choices() if dialog.exec() == QDialog.DialogCode.Accepted else None

    @classmethod
    def show_report(cls, parent: QWidget | None, report: MergeReport) -> None:
        QMessageBox.information(parent, "Merge finished", report_text(report))


def report_text(report: MergeReport) -> str:
    lines = [f"Merged {report.other.name} into {report.path.name}."]
    for kind, counts in report.counts.items():
        if counts.added or counts.updated or counts.conflicts:
            lines.append(
                f"{spec(kind).plural}: {counts.added} added, {counts.updated} updated, {counts.skipped} skipped, "
                f"{counts.conflicts} in conflict"
            )
    lines += report.attachment_lines()
    skipped = sum(c.skipped for c in report.counts.values())
    lines.append(f"{skipped} records were already the same or newer here, and were skipped.")
    if report.backup is not None:
        lines.append(f"Your case as it was before the merge is kept in {report.backup.name}.")
    else:
        lines.append("The copy held nothing new; your case was not changed.")
    return "\n".join(lines)


def display(value: Any, field_type: FieldType, names: Mapping[str, str]) -> str:
    """A field value as a person reads it: names rather than ids, lists one per line."""
    if value is None or value == "" or value == []:
        return "—"
    if field_type == FieldType.REF:
        return names.get(value, value)
    if field_type == FieldType.REFS:
        return "\n".join(names.get(v, v) for v in value)
    if field_type == FieldType.TEXTLIST:
        return "\n".join(str(v) for v in value)
    if field_type == FieldType.BOOL:
        return "Yes" if value else "No"
    return str(value)


def reference_ids(plan: MergePlan) -> set[str]:
    """Every id the conflicting versions refer to, so their names can be looked up once."""
    found: set[str] = set()
    for conflict in plan.conflicts:
        for field in spec(conflict.kind).fields:
            for values in (conflict.mine.values, conflict.theirs.values):
                value = values.get(field.name)
                if field.type == FieldType.REF and value:
                    found.add(value)
                elif field.type == FieldType.REFS and value:
                    found.update(value)
    return found


class ConflictPanel(QGroupBox):
    """One conflict: both versions field by field, differing fields in bold, and the three choices."""

    def __init__(
        self, conflict: MergeConflict, names: Mapping[str, str], parent: QWidget | None = None, *, sync: bool = False
    ) -> None:
        super().__init__(f"{spec(conflict.kind).label}: {conflict.label}", parent)
        self.conflict = conflict
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(["Field", "Yours", "Theirs"])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self._fill(names)
        self.buttons: dict[Resolution, QRadioButton] = {}
        self.group = QButtonGroup(self)
        row = QHBoxLayout()
        for resolution, text in _CHOICE_TEXT.items():
            button = QRadioButton(text, self)
            button.setAccessibleName(f"{text} for {conflict.label}")
            self.group.addButton(button)
            self.buttons[resolution] = button
            row.addWidget(button)
        self.buttons[Resolution.BOTH].setEnabled(conflict.allows_both and not sync)
        if sync:
            self.buttons[Resolution.BOTH].setToolTip("A sync keeps one version in the file and on the server.")
        elif not conflict.allows_both:
            self.buttons[Resolution.BOTH].setToolTip("A case holds this once: keep yours or theirs.")
        self.buttons[Resolution.MINE].setChecked(True)  # the choice that changes nothing
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self._summary(), self))
        layout.addWidget(self.table)
        layout.addLayout(row)

    def _summary(self) -> str:
        mine, theirs = self.conflict.mine, self.conflict.theirs
        yours = f"deleted {mine.deleted_at:%Y-%m-%d %H:%M} UTC" if mine.deleted_at else f"{mine.updated:%Y-%m-%d %H:%M}"
        return f"{self.conflict.reason.capitalize()}. Yours: {yours}; theirs: {theirs.updated:%Y-%m-%d %H:%M} (UTC)."

    def _fill(self, names: Mapping[str, str]) -> None:
        bold = QFont()
        bold.setBold(True)
        for field in spec(self.conflict.kind).fields:
            row = self.table.rowCount()
            self.table.insertRow(row)
            cells = (
                field.label,
                display(self.conflict.mine.values.get(field.name), field.type, names),
                display(self.conflict.theirs.values.get(field.name), field.type, names),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if field.name in self.conflict.differing:
                    item.setFont(bold)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()

    def choice(self) -> Resolution:
        return next(r for r, button in self.buttons.items() if button.isChecked())

    def choose(self, resolution: Resolution) -> None:
        self.buttons[resolution].setChecked(True)


class ConflictDialog(QDialog):
    """Every conflict of a merge, one panel each; OK merges with the choices, Cancel merges nothing."""

    def __init__(
        self, plan: MergePlan, names: Mapping[str, str], parent: QWidget | None = None, *, sync: bool = False
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Records changed in both copies")
        count = len(plan.conflicts)
        intro = QLabel(
            f"{count} record{'s were' if count != 1 else ' was'} changed both here and in "
            f"“{plan.their_title}”. Compare the versions and choose, for each, which to keep. Keep both adds "
            "theirs as a new record linked to yours as an alternative version.",
            self,
        )
        intro.setWordWrap(True)
        if sync:
            intro.setText(
                f"{count} record{'s were' if count != 1 else ' was'} changed both in this file and on the server "
                "since the last sync. Compare the versions and choose, for each, which the file and the server keep."
            )
        self.panels = [ConflictPanel(conflict, names, self, sync=sync) for conflict in plan.conflicts]
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        for panel in self.panels:
            column.addWidget(panel)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Sync" if sync else "Merge")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll)
        layout.addWidget(buttons)
        self.resize(820, 600)

    def choices(self) -> dict[str, Resolution]:
        return {panel.conflict.id: panel.choice() for panel in self.panels}


class MergeController(QObject):
    """Runs File › Merge Case… for the window: check and compare, ask, write, report."""

    merged = Signal(object)  # the MergeReport, once the merge has been written or found nothing to do

    def __init__(self, window: CaseWindow) -> None:
        super().__init__(window.as_widget())
        self._window = window

    def start(self) -> None:
        window = self._window
        if window.document is None or window.document.read_only or window.document.file_path is None:
            return  # a server case does not merge files: File › Sync with Server… does, from a checked-out copy
        window.settle_pending_edit(ask=False)  # what is being typed is part of "mine"
        other = MergeDialogs.choose_other(window.as_widget(), window.settings.last_folder())
        if other is None:
            return
        mine = Path(window.document.path)
        # The steps are not reported: run_job's progress updater would touch the dialog from the worker thread.
        work: Callable[[Any, Any], PreparedMerge] = lambda _progress, cancelled: prepare_merge(  # noqa: E731
            mine, other, None, cancelled
        )
        window.run_job(f"Checking and comparing {other.name}…", work, self._compared)

    def _compared(self, prepared: PreparedMerge) -> None:
        window = self._window
        choices: dict[str, Resolution] | None = {}
        if prepared.plan.conflicts and window.document is not None:
            ids = reference_ids(prepared.plan)
            names = window.document.read(lambda s: {i: label.text for i, label in labels.labels(s, ids).items()})
            choices = MergeDialogs.resolve(window.as_widget(), prepared.plan, names)
        if choices is None:
            window.statusBar().showMessage("Merge cancelled; your case was not changed.", 8000)
            return
        settled = choices
        window.run_job(
            f"Merging {prepared.other.name}…",
            lambda _progress, cancelled: apply_prepared(prepared, settled, None, cancelled),
            self._applied,
        )

    def _applied(self, report: MergeReport) -> None:
        window = self._window
        if report.result is not None and window.document is not None:
            # Undo snapshots predate the merge; replaying one now could overwrite what it brought in.
            window.undo_stack.clear()
            window.document.changed.emit(report.result.changes)
        MergeDialogs.show_report(window.as_widget(), report)
        self.merged.emit(report)
