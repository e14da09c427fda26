"""The reader: a source's saved web page or PDF as passages, and New Quote from Selection.

The text is derived from the stored bytes each time (checked against their SHA-256 by
attachments.read_verified, read by export/evidence_files.read_facts); the stored file is never
changed. A quote gets the exact words selected, the source, and the pinpoint of the passage the
selection starts in ("p. 2" for a PDF, "para. 3" for a page).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QTextEdit, QVBoxLayout, QWidget

from casefile.domain.attachments import display_name
from casefile.domain.errors import CasefileError
from casefile.domain.kinds import Kind
from casefile.domain.web_page import DocumentFacts, Passage
from casefile.export.evidence_files import read_facts
from casefile.services import attachments
from casefile.services.attachments import AttachmentInfo
from casefile.ui.document import CaseDocument
from casefile.ui.editing import Editing

if TYPE_CHECKING:
    from casefile.ui.window_api import CaseWindow


def _units(text: str) -> int:
    """Length as Qt counts it: UTF-16 code units (a character outside the BMP counts two)."""
    return len(text.encode("utf-16-le")) // 2


def _slice(text: str, start: int, end: int) -> str:
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


def _plain(text: str) -> str:
    # QTextDocument makes a paragraph of each line; a carriage return would otherwise be lost.
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n").replace("\u2028", "\n")


class ReaderDialog(QDialog):
    quote_created = Signal(str)

    def __init__(self, editing: Editing, info: AttachmentInfo, facts: DocumentFacts, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._editing = editing
        self.info = info
        name = display_name(info.file_name)
        self.setWindowTitle(f"{name} — {editing.label_of(info.source_id)}")
        self.setAccessibleName("Reader")
        self.text = QTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName("The document's text")
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self._spans: list[tuple[int, int, Passage]] = []
        self._fill(facts.passages)
        about = QLabel(self)
        about.setWordWrap(True)
        about.setTextFormat(Qt.TextFormat.PlainText)
        notes = "; ".join(facts.notes)
        about.setText(f"Read from the stored file (SHA-256 {info.sha256[:12]}…), which is never changed."
                      + (f" {notes[:1].upper()}{notes[1:]}." if notes else ""))  # fmt: skip
        self.quote_button = QPushButton("New Quote from Selection", self)
        self.quote_button.setShortcut(QKeySequence("Ctrl+Shift+Q"))
        self.quote_button.setAccessibleName("New quote from the selected words")
        self.quote_button.clicked.connect(self.new_quote)
        self.status = QLabel("Select words in the text, then choose New Quote from Selection.", self)
        self.status.setWordWrap(True)
        self.text.selectionChanged.connect(self._update)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.quote_button)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.text, 1)
        layout.addLayout(row)
        self.resize(820, 680)
        self._update()

    def _fill(self, passages: tuple[Passage, ...]) -> None:
        cursor = QTextCursor(self.text.document())
        pin = QTextCharFormat()
        pin.setForeground(QColor("#6b6b6b"))
        pin.setFontWeight(QFont.Weight.Bold)
        body = QTextCharFormat()
        spaced = QTextBlockFormat()
        spaced.setTopMargin(12)  # a gap before each pinpoint sets the passages apart
        if not passages:
            cursor.insertText("This file holds no text Casefile can read (a scanned PDF has only pictures).", pin)
        for number, passage in enumerate(passages):
            if number:
                cursor.insertBlock(spaced)
            cursor.insertText(passage.pinpoint, pin)
            cursor.insertBlock(QTextBlockFormat())
            start = cursor.position()
            text = _plain(passage.text)
            cursor.insertText(text, body)
            self._spans.append((start, cursor.position(), Passage(passage.pinpoint, text)))
        self.text.moveCursor(QTextCursor.MoveOperation.Start)

    def select(self, pinpoint: str, words: str) -> None:
        """Select these words in the passage with this pinpoint, as a person dragging over them would."""
        for start, _end, passage in self._spans:
            at = passage.text.find(words) if passage.pinpoint == pinpoint else -1
            if at >= 0:
                cursor = self.text.textCursor()
                cursor.setPosition(start + _units(passage.text[:at]))
                cursor.setPosition(start + _units(passage.text[: at + len(words)]), QTextCursor.MoveMode.KeepAnchor)
                self.text.setTextCursor(cursor)
                return
        raise LookupError(f"'{words}' is not in {pinpoint}")

    def selection(self) -> tuple[str, str] | None:
        """The selected words, taken from the passages (pinpoint headings left out), and where they start."""
        cursor = self.text.textCursor()
        first, last = cursor.selectionStart(), cursor.selectionEnd()
        parts, pinpoint = [], None
        for start, end, passage in self._spans:
            low, high = max(first, start), min(last, end)
            if low < high:
                parts.append(_slice(passage.text, low - start, high - start))
                pinpoint = pinpoint or passage.pinpoint
        text = "\n\n".join(parts).strip()
        return (text, pinpoint or "") if text else None

    def _update(self) -> None:
        writable = self._editing.document.editable
        self.quote_button.setEnabled(writable and self.selection() is not None)

    def new_quote(self) -> None:
        chosen = self.selection()
        if chosen is None:
            return
        text, pinpoint = chosen
        try:
            quote_id = self._editing.create(Kind.QUOTE, {"text": text, "source": self.info.source_id,
                                                          "pinpoint": pinpoint})  # fmt: skip
        except CasefileError as exc:
            self.status.setText(str(exc))
            return
        self.status.setText(f"Added a quote from {pinpoint}. Give it its speaker and date in Details.")
        self.quote_created.emit(quote_id)


class ReaderController(QObject):
    opened = Signal(object)  # the ReaderDialog

    def __init__(self, window: CaseWindow) -> None:
        super().__init__(window.as_widget())
        self.window = window
        self.dialogs: list[ReaderDialog] = []
        window.ui.details.attachments.read_requested.connect(self.read)
        window.case_closed.connect(self._close_all)

    def read(self, attachment_id: str) -> None:
        document = self.window.document
        if document is None:
            return
        case_file = document.case_file

        def work(_p: object, _c: object) -> tuple[CaseDocument, AttachmentInfo, DocumentFacts]:
            with case_file.reading() as session:
                info, data = attachments.read_verified(session, attachment_id)
            return document, info, read_facts(info.file_name, data)

        self.window.run_job("Reading the attachment…", work, self._show)

    def _show(self, result: tuple[CaseDocument, AttachmentInfo, DocumentFacts]) -> None:
        document, info, facts = result
        editing = self.window.editing
        if editing is None or document is not self.window.document:
            return
        dialog = ReaderDialog(editing, info, facts, self.window.as_widget())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.quote_created.connect(self.window.select_record)
        dialog.finished.connect(lambda _result, d=dialog: self._forget(d))
        self.dialogs.append(dialog)
        dialog.show()  # not modal: the analyst reads beside the window
        self.opened.emit(dialog)

    def _forget(self, dialog: ReaderDialog) -> None:
        if dialog in self.dialogs:
            self.dialogs.remove(dialog)

    def _close_all(self) -> None:
        for dialog in list(self.dialogs):
            dialog.close()
        self.dialogs.clear()
