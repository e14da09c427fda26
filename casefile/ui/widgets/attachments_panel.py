"""The attachments of the selected source, shown under its details: name, type, size and short hash."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casefile.domain.attachments import display_name
from casefile.jobs.attachments import VerifyReport
from casefile.services import attachments
from casefile.services.attachments import AttachmentInfo
from casefile.ui.document import CaseDocument

IdRole = Qt.ItemDataRole.UserRole + 1
SHORT_HASH = 12


class Column(IntEnum):
    NAME = 0
    TYPE = 1
    SIZE = 2
    HASH = 3


_HEADERS = {Column.NAME: "Name", Column.TYPE: "Type", Column.SIZE: "Size", Column.HASH: "SHA-256"}


READABLE_SUFFIXES = (".html", ".htm", ".mhtml", ".mht", ".pdf")


def readable(info: AttachmentInfo) -> bool:
    """A saved web page or a PDF, which the reader shows as passages."""
    return info.media_type in ("text/html", "application/pdf", "multipart/related") or (
        Path(display_name(info.file_name)).suffix.lower() in READABLE_SUFFIXES
    )


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size:,} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


class AttachmentDialogs:
    """The file choosers and the verification report, behind class methods tests can replace."""

    @classmethod
    def choose_file(cls, parent: QWidget | None, folder: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, "Attach a file to the source", folder, "All files (*)")
        return Path(name) if name else None

    @classmethod
    def choose_folder(cls, parent: QWidget | None, folder: str) -> Path | None:
        name = QFileDialog.getExistingDirectory(parent, "Export the attachment into folder", folder)
        return Path(name) if name else None

    @classmethod
    def show_report(cls, parent: QWidget | None, report: VerifyReport) -> None:
        box = QMessageBox(parent)
        box.setWindowTitle("Verify Case")
        box.setIcon(QMessageBox.Icon.Information if report.clean else QMessageBox.Icon.Warning)
        box.setText(report.summary())
        box.setInformativeText(report_advice(report))
        if report.mismatches:
            box.setDetailedText("\n\n".join(m.describe() for m in report.mismatches))
        box.exec()


def report_advice(report: VerifyReport) -> str:
    if report.mismatches:
        return (
            "Those files were changed or damaged inside the case file after they were imported. Do not rely on "
            "them: take them from a backup copy of the case, or ask the sender for a fresh copy. Export refuses them."
        )
    if not report.complete:
        return "Run Verify Case again to check the rest."
    return "Nothing was changed in the case file."


class AttachmentTableModel(QAbstractTableModel):
    """Rows of AttachmentInfo; the id of each is under IdRole."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AttachmentInfo] = []
        self._names: dict[str, str] = {}

    def set_rows(self, rows: list[AttachmentInfo]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._names = {r.id: display_name(r.file_name) for r in rows}
        self.endResetModel()

    def info_at(self, row: int) -> AttachmentInfo:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 4:
            return _HEADERS[Column(section)]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        info = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(info, Column(index.column()))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(info)
        if role == IdRole:
            return info.id
        return None

    def _display(self, info: AttachmentInfo, column: Column) -> str:
        if column == Column.NAME:
            name = self._names[info.id]
            return f"↳ {name}" if info.derived_from else name
        if column == Column.TYPE:
            return info.media_type
        if column == Column.SIZE:
            return human_size(info.size)
        return info.sha256[:SHORT_HASH]

    def _tooltip(self, info: AttachmentInfo) -> str:
        lines = [
            self._names[info.id],
            f"SHA-256: {info.sha256}",
            f"Imported {info.imported_at:%Y-%m-%d %H:%M:%S} UTC by {info.analyst or 'unknown analyst'}",
        ]
        if info.derived_from:
            origin = self._names.get(info.derived_from, info.derived_from)
            lines.append(f"Derived from {origin}")
        if info.note:
            lines.append(info.note)
        return "\n".join(lines)


class AttachmentsPanel(QWidget):
    """Lists a source's attachments; the window's controller does the attaching, exporting and verifying."""

    attach_requested = Signal(str)  # a source id
    export_requested = Signal(str)  # an attachment id
    read_requested = Signal(str)  # an attachment id: open it in the reader (ui/reader.py)
    verify_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Attachments")
        self._document: CaseDocument | None = None
        self.source_id: str | None = None
        self.model = AttachmentTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Attachments of the selected source")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._on_export)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.attach_button = self._button("Attach File…", "Attach a file to this source", self._on_attach)
        self.export_button = self._button("Export…", "Export the selected attachment", self._on_export)
        self.verify_button = self._button("Verify Case", "Re-hash every attachment of the case", self.verify_requested)
        self.read_button = self._button("Read…", "Read the selected page or PDF and quote from it", self._on_read)
        title = QLabel("Attachments", self)
        title.setStyleSheet("font-weight: bold;")
        buttons = QHBoxLayout()
        for button in (self.attach_button, self.read_button, self.export_button, self.verify_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.setVisible(False)

    def _button(self, text: str, accessible: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(accessible)
        button.clicked.connect(slot)
        return button

    def set_document(self, document: CaseDocument | None) -> None:
        self._document = document
        self.show_source(None)

    def show_source(self, source_id: str | None) -> None:
        """Show a source's attachments, or hide the panel when no source is selected."""
        self.source_id = source_id if self._document is not None else None
        self.refresh()

    def refresh(self) -> None:
        document, source_id = self._document, self.source_id
        rows = document.read(lambda s: attachments.list_for(s, source_id)) if document and source_id else []
        self.model.set_rows(rows)
        self.setVisible(source_id is not None)
        self._update_buttons()

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.info_at(rows[0].row()).id if rows else None

    def _update_buttons(self) -> None:
        writable = self._document is not None and not self._document.read_only
        self.attach_button.setEnabled(writable and self.source_id is not None)
        self.export_button.setEnabled(self.selected_id() is not None)
        rows = self.table.selectionModel().selectedRows()
        self.read_button.setEnabled(bool(rows) and readable(self.model.info_at(rows[0].row())))
        self.verify_button.setEnabled(self._document is not None)

    def _on_attach(self) -> None:
        if self.source_id is not None:
            self.attach_requested.emit(self.source_id)

    def _on_read(self) -> None:
        attachment_id = self.selected_id()
        if attachment_id is not None:
            self.read_requested.emit(attachment_id)

    def _on_export(self, *_index: object) -> None:  # also the slot of doubleClicked(index)
        attachment_id = self.selected_id()
        if attachment_id is not None:
            self.export_requested.emit(attachment_id)
