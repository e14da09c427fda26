"""File › Import ▸ and File › Export ▸ beyond Case JSON: spreadsheets, Zotero CSL-JSON, FollowTheMoney,
and a source from a saved web page or PDF.

Reading, planning, writing and exporting run through MainWindow.run_job (progress and Cancel).
An import is written by a job in one unit of work and pushed as one undo step (ui/import_commands.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QDropEvent
from PySide6.QtWidgets import QMenu

from casefile.domain.audit import Action
from casefile.domain.kinds import Kind, spec
from casefile.export import sheets
from casefile.jobs import audit_events
from casefile.jobs.csl_io import export_csl, read_items
from casefile.jobs.ftm_io import FORMAT as FTM_FORMAT
from casefile.jobs.ftm_io import export_ftm
from casefile.jobs.json_io import refuse_writing_over_case
from casefile.jobs.server_share import from_checkout
from casefile.jobs.tables_io import FORMATS, export_table, write_rows
from casefile.services import csl as csl_service
from casefile.services import table_import
from casefile.services.redaction import RedactionReport
from casefile.storage.server import ServerCase
from casefile.ui import workers
from casefile.ui.dialogs.data_files import CSL_FILTER, EVIDENCE_SUFFIXES, FTM_FILTER, DataFileDialogs, ExportChoice
from casefile.ui.dialogs.redaction_report import RedactionReportDialog
from casefile.ui.dialogs.source_file import SourceFileFlow
from casefile.ui.dialogs.table_import import PlanView, TableChoice, TableImportDialog, plan_view
from casefile.ui.document import CaseDocument
from casefile.ui.file_only import needs_every_name
from casefile.ui.import_commands import FieldChange, Imported, UndoableImport, old_values
from casefile.ui.reader import ReaderController

if TYPE_CHECKING:
    from casefile.ui.window_api import CaseWindow


def _checked(cancelled: Callable[[], bool]) -> None:
    if cancelled():
        raise workers.Cancelled("Cancelled; nothing was imported.")


class ImportExportController(QObject):
    """Adds its actions to the File menu's Import ▸ and Export ▸ submenus and runs them."""

    def __init__(self, window: CaseWindow) -> None:
        super().__init__(window.as_widget())
        self.window = window
        import_menu = window.menuBar().findChild(QMenu, "import_menu")
        export_menu = window.menuBar().findChild(QMenu, "export_menu")
        assert import_menu is not None and export_menu is not None  # made by ui/actions.py
        self.import_table = self._action(import_menu, "&Spreadsheet…", self.start_table_import)
        self.import_csl = self._action(import_menu, "&Zotero CSL-JSON…", self.start_csl_import)
        self.import_source_file = self._action(import_menu, "&Web Page or PDF…", self.start_source_file)
        self.export_table = self._action(export_menu, "&Spreadsheet…", self.start_table_export)
        self.export_csl = self._action(export_menu, "&Zotero CSL-JSON…", self.start_csl_export)
        self.export_ftm = self._action(export_menu, "&FollowTheMoney…", self.start_ftm_export)
        self.source_files = SourceFileFlow(window)
        self.reader = ReaderController(window)  # Read… in the attachments panel: quote from the stored file
        window.case_opened.connect(self.update_enabled)
        window.case_closed.connect(self.update_enabled)
        window.verification.verified.connect(self.update_enabled)
        window.ui.kinds_view.selectionModel().currentChanged.connect(self.update_enabled)
        table = window.ui.table.viewport()
        table.setAcceptDrops(True)
        table.installEventFilter(self)
        self.update_enabled()

    def _action(self, menu: QMenu, text: str, slot: Callable[[], Any]) -> QAction:
        action = QAction(text, self.window.as_widget())
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def update_enabled(self, *_: object) -> None:
        document = self.window.document
        writable = document is not None and document.editable
        for action in (self.import_table, self.import_csl, self.import_source_file):
            action.setEnabled(writable)
        for action in (self.export_table, self.export_csl, self.export_ftm):
            needs_every_name(action, document, document is not None)  # a server case's comes from a checkout

    def _folder(self) -> str:
        return self.window.settings.last_folder()

    def _writable(self) -> CaseDocument | None:
        document = self.window.document
        if document is None or not document.editable:
            return None
        self.window.settle_pending_edit(ask=False)
        return document

    # -- spreadsheets in ---------------------------------------------------------------------------
    def start_table_import(self) -> None:
        document = self._writable()
        if document is None:
            return
        path = DataFileDialogs.open_table(self.window.as_widget(), self._folder())
        if path is None:
            return

        def work(_p: object, cancelled: Callable[[], bool]) -> tuple[CaseDocument, Path, sheets.Sheet]:
            sheet = sheets.read_sheet(path)
            _checked(cancelled)  # Cancel while reading: no dialog follows
            return document, path, sheet

        self.window.run_job(f"Reading {path.name}…", work, self._table_read)

    def _table_read(self, result: tuple[CaseDocument, Path, sheets.Sheet]) -> None:
        document, path, sheet = result
        if document is not self.window.document:
            return
        kind = self.window.current_kind() or Kind.PERSON
        case_file = document.case_file

        def planner(kind: Kind, mapping: dict[int, str], duplicates: table_import.Duplicates,
                    done: Callable[[PlanView], None]) -> None:  # fmt: skip
            def work(_p: object, _c: object) -> PlanView:
                with case_file.reading() as session:
                    return plan_view(session, sheet, kind, mapping, duplicates)

            self.window.run_job(f"Checking {path.name}…", work, _Relay(self, done).deliver)

        choice = TableImportDialog.ask(self.window.as_widget(), sheet, path.name, kind, planner)
        if choice is not None:
            self._write_table(document, path, sheet, choice)

    def _write_table(self, document: CaseDocument, path: Path, sheet: sheets.Sheet, choice: TableChoice) -> None:
        case_file = document.case_file

        def work(_progress: object, cancelled: Callable[[], bool]) -> tuple[CaseDocument, Imported, str]:
            with case_file.unit_of_work() as session:
                plan = table_import.plan(session, choice.kind, sheet.rows, choice.mapping, sheet.headers,
                                         choice.duplicates)  # fmt: skip
                changed = tuple(
                    (choice.kind, FieldChange(c.record_id, old_values(session, c.record_id, list(c.values)), c.values))
                    for c in plan.changed
                )
                created = table_import.apply(session, plan, path.name)
                _checked(cancelled)  # before the commit: a cancel leaves the case as it was
            imported = Imported(tuple((choice.kind, i) for i in created), changed)
            return document, imported, plan.summary()[0]

        noun = spec(choice.kind).plural.lower()
        text = f"Import {noun} from {path.name}"
        self.window.run_job(f"Importing {path.name}…", work, _Relay(self, lambda r: self._imported(r, text)).deliver)

    def _imported(self, result: tuple[CaseDocument, Imported, str], text: str) -> None:
        document, imported, said = result
        editing = self.window.editing
        if editing is not None and self.window.document is document:
            editing.stack.push(UndoableImport(document, imported, text))  # the job wrote it: push skips redo
            document.changed.emit(imported.changes())
        self.window.statusBar().showMessage(f"{text}: {said}", 10_000)
        self.window.job_finished.emit(imported)

    # -- Zotero in ---------------------------------------------------------------------------------
    def start_csl_import(self) -> None:
        document = self._writable()
        if document is None:
            return
        path = DataFileDialogs.open_csl(self.window.as_widget(), self._folder())
        if path is None:
            return
        case_file = document.case_file

        def work(_p: object, cancelled: Callable[[], bool]) -> tuple[CaseDocument, Path, csl_service.CslPlan]:
            items = read_items(path)
            with case_file.reading() as session:
                plan = csl_service.plan_import(session, items)
            _checked(cancelled)
            return document, path, plan

        self.window.run_job(f"Reading {path.name}…", work, self._csl_planned)

    def _csl_planned(self, result: tuple[CaseDocument, Path, csl_service.CslPlan]) -> None:
        document, path, plan = result
        if document is not self.window.document or not DataFileDialogs.confirm_csl(
            self.window.as_widget(), path.name, plan
        ):
            return
        case_file = document.case_file

        def work(_p: object, cancelled: Callable[[], bool]) -> tuple[CaseDocument, Imported, str]:
            items = read_items(path)
            with case_file.unit_of_work() as session:
                fresh = csl_service.plan_import(session, items)  # the case as it is now
                created = csl_service.apply_import(session, fresh, path.name)
                _checked(cancelled)
            outlets = len(fresh.outlets_to_create)
            kinds = [Kind.ORGANISATION] * outlets + [Kind.SOURCE] * (len(created) - outlets)
            said = f"{len(created) - outlets} sources added, {outlets} outlets created"
            return document, Imported(tuple(zip(kinds, created, strict=True))), said

        text = f"Import sources from {path.name}"
        self.window.run_job(f"Importing {path.name}…", work, _Relay(self, lambda r: self._imported(r, text)).deliver)

    # -- a saved web page or PDF ---------------------------------------------------------------------
    def start_source_file(self) -> None:
        if self._writable() is not None:
            path = DataFileDialogs.open_evidence(self.window.as_widget(), self._folder())
            if path is not None:
                self.add_source_file(path)

    def add_source_file(self, path: Path) -> None:
        """Read this page or PDF and offer the source it proposes for review."""
        document = self._writable()
        if document is not None:
            self.source_files.start(document, path)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A saved page or PDF dropped on the Sources table starts Web Page or PDF… with it."""
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            assert isinstance(event, QDropEvent)
            path = self._dropped_file(event)
            if path is None:
                return False
            event.acceptProposedAction()
            if event.type() == QEvent.Type.Drop:
                self.add_source_file(path)
            return True
        return super().eventFilter(watched, event)

    def _dropped_file(self, event: QDropEvent) -> Path | None:
        if self.window.current_kind() != Kind.SOURCE or not self.import_source_file.isEnabled():
            return None
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        files = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
        if len(files) != 1 or files[0].suffix.lower() not in EVIDENCE_SUFFIXES:
            return None
        return files[0]

    # -- exports ---------------------------------------------------------------------------------------
    def _export_start(self) -> tuple[CaseDocument, Path] | None:
        document = self.window.document
        if document is None:
            return None
        self.window.settle_pending_edit(ask=False)  # the export holds what is being typed too
        # A server case has no path: its name suggests the exported files' names (see _on_case).
        return document, document.file_path or Path(self._folder()) / f"{document.short_name}.casefile"

    def _on_case(
        self, document: CaseDocument, case_path: Path, out: Path, fmt: str, export: Callable[[Path, bool], Any]
    ) -> Callable[[], Any]:
        """The export run on a file's path; a server case's on a private checkout, logged on the server."""
        read_only = document.read_only
        case = document.case_file
        if not isinstance(case, ServerCase):
            return lambda: export(case_path, read_only)
        detail = {"format": fmt, "file": out.name}
        return lambda: from_checkout(case, Action.EXPORT, lambda copy: export(copy, True), lambda _r: detail)

    def start_table_export(self) -> None:
        started = self._export_start()
        kind = self.window.current_kind()
        if started is None or kind is None:
            return
        document, case_path = started
        plural = spec(kind).plural
        suggested = case_path.with_name(f"{case_path.stem} {plural.lower()}.xlsx")
        choice = DataFileDialogs.export_table(
            self.window.as_widget(), suggested, plural, self.window.ui.table_model.total
        )
        if choice is None:
            return
        path = choice.path
        path = path if path.suffix.lower() in FORMATS else path.with_name(path.name + ".xlsx")
        if choice.as_shown:
            headers, rows = self._table_as_shown()
            case_file = document.case_file

            def shown(_p: object, _c: object) -> tuple[Path, int, None]:
                refuse_writing_over_case(case_path, path)
                write_rows(path, headers, rows, plural)
                detail = {"format": path.suffix.lower()[1:], "file": path.name, "kind": kind.value, "as_shown": True}
                audit_events.record(case_file, Action.EXPORT, detail)
                return path, len(rows), None

            self.window.run_job(f"Exporting {path.name}…", shown, self._exported)
            return
        redact = choice.redact
        export = self._on_case(document, case_path, path, path.suffix.lower()[1:],
                               lambda p, ro: export_table(p, path, kind, read_only=ro, redact=redact))  # fmt: skip
        self._run_export(path, export)

    def _table_as_shown(self) -> tuple[list[str], list[list[str]]]:
        """The table's visible columns in their order, and its rows after filter and sort."""
        header = self.window.ui.table.horizontalHeader()
        model = self.window.ui.table_model
        columns = [header.logicalIndex(v) for v in range(header.count())]
        columns = [c for c in columns if not header.isSectionHidden(c)]
        headers = [str(model.headerData(c, header.orientation())) for c in columns]
        return headers, [[row[c + 1] for c in columns] for row in model.shown_rows()]

    def start_csl_export(self) -> None:
        self._simple_export("Export sources as CSL-JSON", ".json", " sources", CSL_FILTER, export_csl, "csl-json")

    def start_ftm_export(self) -> None:
        self._simple_export("Export as FollowTheMoney", ".jsonl", " ftm", FTM_FILTER, export_ftm, FTM_FORMAT)

    def _simple_export(
        self, title: str, suffix: str, tail: str, file_filter: str, job: Callable[..., Any], fmt: str
    ) -> None:
        started = self._export_start()
        if started is None:
            return
        document, case_path = started
        choice: ExportChoice | None = DataFileDialogs.export_file(
            self.window.as_widget(), title, case_path.with_name(case_path.stem + tail + suffix), file_filter
        )
        if choice is None:
            return
        path = choice.path
        export = self._on_case(document, case_path, path, fmt,
                               lambda p, ro: job(p, path, read_only=ro, redact=choice.redact))  # fmt: skip
        self._run_export(path, export)

    def _run_export(self, path: Path, export: Callable[[], tuple[Any, RedactionReport | None]]) -> None:
        def work(_p: object, _c: object) -> tuple[Path, Any, RedactionReport | None]:
            written, report = export()
            return path, written, report

        self.window.run_job(f"Exporting {path.name}…", work, self._exported)

    def _exported(self, result: tuple[Path, Any, RedactionReport | None]) -> None:
        path, written, report = result
        self.window.analysis.case_changed()  # the export was written to the audit trail
        self.window.job_finished.emit(path)
        count = written if isinstance(written, int) else len(getattr(written, "entities", []))
        self.window.statusBar().showMessage(f"Exported {count:,} to {path}", 10_000)
        if report is not None:
            RedactionReportDialog.show_report(self.window.as_widget(), report)


class _Relay(QObject):
    """Brings a worker's result to a plain callback in the GUI thread (a bound QObject method is queued)."""

    def __init__(self, parent: QObject, callback: Callable[[Any], None]) -> None:
        super().__init__(parent)
        self._callback = callback

    def deliver(self, result: Any) -> None:
        self._callback(result)
        self.deleteLater()
