"""The main window: the composition root that owns the open case, the undo stack and the views."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, QModelIndex, QObject, QThread, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QPaintEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import QMainWindow, QProgressDialog, QWidget

from casefile.domain.errors import CasefileError, CaseFileLocked, NewerCaseFile
from casefile.ui import workers
from casefile.ui.actions import Actions, build_actions
from casefile.ui.dialogs.confirm import Confirm
from casefile.ui.dialogs.errors import ErrorDialog
from casefile.ui.dialogs.unsaved import UnsavedDialogs
from casefile.ui.settings import Settings
from casefile.ui.start_page import install_welcome

# The modules below load SQLAlchemy, the case store and the panels. They are imported where they are
# used, not here, so the window paints its frame and start page first and builds the rest a moment
# later (build(); bench/startup.py measures it). Here they are named for the type checker only.
if TYPE_CHECKING:
    from PySide6.QtCore import Qt

    from casefile.domain.kinds import Kind
    from casefile.services.results import Changes, RecordData
    from casefile.storage.casefile import CaseFile
    from casefile.storage.open_case import OpenCase
    from casefile.ui.analysis import AnalysisPanels
    from casefile.ui.attachments import AttachmentsController
    from casefile.ui.dialogs.export_pdf import PdfExportController
    from casefile.ui.dialogs.merge_dialog import MergeController
    from casefile.ui.dialogs.share_dialog import ShareController
    from casefile.ui.docking import DockLayout
    from casefile.ui.document import CaseDocument
    from casefile.ui.drops import CaseDrops
    from casefile.ui.editing import Editing
    from casefile.ui.import_export import ImportExportController
    from casefile.ui.keyboard import PaneCycler
    from casefile.ui.layout import WindowLayout
    from casefile.ui.record_menus import RecordMenus
    from casefile.ui.server_case import ServerCases
    from casefile.ui.table_editing import TableEditing
    from casefile.ui.verification import VerificationController
    from casefile.ui.verify_export import VerifyExportController


class MainWindow(QMainWindow):
    case_opened = Signal(str)
    case_closed = Signal()
    open_failed = Signal(object)
    job_finished = Signal(object)
    job_failed = Signal(object)
    built = Signal()  # the panels exist: a case can be shown (at once, unless the window was made `deferred`)

    # The panels and controllers, made by build().
    ui: WindowLayout
    analysis: AnalysisPanels
    pdf_export: PdfExportController
    verification: VerificationController
    dock_layout: DockLayout
    merging: MergeController
    sharing: ShareController
    attachments: AttachmentsController
    verify_export: VerifyExportController
    import_export: ImportExportController
    server_cases: ServerCases
    table_editing: TableEditing
    record_menus: RecordMenus
    drops: CaseDrops
    panes: PaneCycler

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None, *,
                 deferred: bool = False) -> None:  # fmt: skip
        """The window's frame: menus, start page, size. The panels come from build(), at once or,
        when `deferred` (the app's start), just after the frame's first paint."""
        super().__init__(parent)
        self._opening: Path | None = None  # the case being opened, to offer it read-only if refused
        self._settling = False  # going back to the record being edited: do not ask again
        self.is_built = False
        self._layout_restored = True  # until build() restores the panes' layout
        # Typing is saved when the analyst leaves Casefile too: another window, logging out, quitting.
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._on_application_state)
            app.commitDataRequest.connect(self._on_session_ending)
            app.aboutToQuit.connect(self._on_session_ending)
        self.settings = settings or Settings()
        self.undo_stack = QUndoStack(self)
        self.document: CaseDocument | None = None
        self.editing: Editing | None = None
        self._threads: list[tuple[QThread, workers.Job]] = []
        self.actions: Actions = build_actions(
            self, self.undo_stack.createUndoAction(self, "&Undo"), self.undo_stack.createRedoAction(self, "&Redo")
        )
        self.welcome = install_welcome(self)  # start page, Preferences, User Guide (ui/start_page.py)
        geometry = self.settings.bytes_value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 760)
        self.setWindowTitle("Casefile")
        # Deferred, paintEvent starts build() once the frame has painted. Menus are wired in build(),
        # which runs before any click or key reaches the window: input waits in the event queue behind it.
        self._build_after_paint = deferred
        if not deferred:
            self.build()

    def build(self) -> None:
        """Make the panels and controllers and wire them; the window can then show a case."""
        if self.is_built:
            return
        from casefile.ui import keyboard
        from casefile.ui.analysis import AnalysisPanels
        from casefile.ui.attachments import AttachmentsController
        from casefile.ui.dialogs.export_pdf import PdfExportController
        from casefile.ui.dialogs.merge_dialog import MergeController
        from casefile.ui.dialogs.share_dialog import ShareController
        from casefile.ui.docking import DockLayout
        from casefile.ui.drops import CaseDrops
        from casefile.ui.import_export import ImportExportController
        from casefile.ui.layout import WindowLayout
        from casefile.ui.record_menus import RecordMenus
        from casefile.ui.server_case import ServerCases
        from casefile.ui.table_editing import TableEditing
        from casefile.ui.verification import VerificationController
        from casefile.ui.verify_export import VerifyExportController

        self.is_built = True
        self.ui = WindowLayout(self, self._load_rows)
        self.welcome.add_records(self.ui.records)
        self.analysis = AnalysisPanels(self)
        self.pdf_export = PdfExportController(self)
        self.verification = VerificationController(self)
        self.ui.docks += self.analysis.docks
        self.ui.add_view_toggles(self.actions.view_menu)
        self.dock_layout = DockLayout(self, self.settings, self.ui.docks, self.ui.default_dock_sizes)
        self.merging = MergeController(self)
        self.sharing = ShareController(self)
        self.attachments = AttachmentsController(self)
        self.verify_export = VerifyExportController(self)
        self.import_export = ImportExportController(self)  # File › Import ▸ and Export ▸ (ui/import_export.py)
        self.server_cases = ServerCases(self)  # File › Open Server Case…, live updates (ui/server_case.py)
        self.table_editing = TableEditing(self, self.ui.table, self.ui.table_model)  # plain fields in their cells
        # Context menus, Edit › Set Field for Selected… and Copy Citation (ui/record_menus.py)
        self.record_menus = RecordMenus(self, self.actions.edit_menu, self.actions.delete, self.actions.link_to,
                                        self.actions.delete)  # fmt: skip
        self.drops = CaseDrops(self)  # a .casefile dropped on the window opens (ui/drops.py)
        # Typing is debounced: the table and the search follow once the typist pauses.
        self._filter_timer = QTimer(self, singleShot=True, interval=200)
        self._filter_timer.timeout.connect(self._apply_filter)
        self._search_timer = QTimer(self, singleShot=True, interval=200)
        self._search_timer.timeout.connect(self._run_search)
        self._connect()
        self.dock_layout.add_to(self.actions.view_menu)  # before the menu letters are handed out
        self.panes = keyboard.install(self)  # F6 between panes, menu letters, Tab out of tables
        if self.isVisible():
            # Made after the window was shown (deferred), the panes start hidden, as Qt does with any new
            # child of a shown window: show them, so the saved layout (or the default) says which stay open.
            for dock in self.ui.docks:
                dock.show()
        self._layout_restored = self.dock_layout.restore()
        self._size_new_docks()
        self.welcome.show_start()  # after the saved layout, so the panes it sets aside are the analyst's
        self._update_enabled()
        self._set_title()
        self.built.emit()

    # -- wiring ------------------------------------------------------------------------------------
    def _connect(self) -> None:
        a, ui = self.actions, self.ui
        a.new_case.triggered.connect(self.new_case)
        a.open_case.triggered.connect(self.choose_and_open)
        a.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        a.save_copy.triggered.connect(self.save_a_copy)
        a.merge_case.triggered.connect(self.merging.start)
        a.share_copy.triggered.connect(self.sharing.start)
        a.export_pdf.triggered.connect(self.pdf_export.start)
        a.import_json.triggered.connect(self.import_json)
        a.export_json.triggered.connect(self.export_json)
        a.case_details.triggered.connect(self.edit_case_details)
        a.close_case.triggered.connect(self.request_close_case)
        a.quit.triggered.connect(self.close)
        a.new_record.triggered.connect(self.new_record)
        a.new_quote_from_clipboard.triggered.connect(self.new_quote_from_clipboard)
        a.link_to.triggered.connect(self.link_selected)
        a.delete.triggered.connect(self.delete_selected)
        a.find.triggered.connect(ui.focus_search)
        a.filter.triggered.connect(ui.focus_filter)
        a.about.triggered.connect(self._show_about)
        a.shortcuts.triggered.connect(self._show_shortcuts)
        ui.kinds_view.selectionModel().currentChanged.connect(self._on_kind_changed)
        ui.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        ui.filter_edit.textChanged.connect(self._filter_timer.start)
        ui.search_edit.textChanged.connect(self._search_timer.start)
        ui.search_keys.go_to_hits.connect(self._go_to_search_hits)
        ui.search_view.activated.connect(self._on_search_hit)
        ui.search_view.clicked.connect(self._on_search_hit)
        ui.links.open_record.connect(self.select_record)
        ui.links.link_requested.connect(self.link_selected)
        ui.links.unlink_requested.connect(self.unlink)
        ui.details.error_raised.connect(self.show_error)
        ui.details.open_record.connect(self.select_record)
        self.analysis.open_record.connect(self.select_record)
        self.analysis.precedents.add_requested.connect(self.add_precedent)
        self.analysis.precedents.delete_requested.connect(self.delete_precedent)
        self.analysis.failed.connect(self.show_error)
        self.undo_stack.indexChanged.connect(self._update_enabled)

    # -- opening and closing -------------------------------------------------------------------------
    def open_path(self, path: Path | str, *, read_only: bool = False, allow_newer: bool = False) -> None:
        """Check and open a case in a worker; the window keeps painting, and a refusal is explained.

        `allow_newer` (with read_only) shows a file from a newer Casefile whose known tables are intact.
        """
        from casefile.storage.casefile import CaseFile

        path = Path(path)
        self._opening = path
        if not self.settle_pending_edit():
            return
        # The current case stays open until the new one has opened: a refused file changes nothing.
        progress = QProgressDialog(f"Opening {path.name}…", "", 0, 0, self)
        progress.setCancelButton(None)
        progress.setMinimumDuration(400)
        job = workers.Job(lambda _p, _c: CaseFile.open(path, read_only=read_only, allow_newer=allow_newer))
        job.succeeded.connect(progress.close)
        job.failed.connect(progress.close)
        job.succeeded.connect(self._on_opened)
        job.failed.connect(self._on_open_failed)
        self.track_job(job)

    def track_job(self, job: workers.Job) -> None:
        # The window holds each job and its thread until the thread ends: a job has no Qt parent
        # (it lives in another thread), so without this reference Python would collect it mid-run.
        thread = workers.start(job, self)
        self._threads.append((thread, job))
        thread.finished.connect(self._forget_finished_threads)

    def _forget_finished_threads(self) -> None:
        # finished is emitted just before the thread ends, so one may not count as finished yet: a later call
        # releases it. Dropping the job here lets Python delete it, in this thread, once nothing runs it.
        running = []
        for thread, job in self._threads:
            if thread.isFinished():
                thread.deleteLater()
            else:
                running.append((thread, job))
        self._threads = running

    def wait_for_workers(self, timeout_ms: int = 10_000) -> None:
        """Let running jobs finish before the window goes: Qt aborts if a running QThread is destroyed."""
        for thread, job in self._threads:
            job.cancel()
            thread.quit()
            thread.wait(timeout_ms)
        self._threads.clear()

    def adopt(self, case_file: OpenCase) -> None:
        """Show an already-open case (used after New Case and by the worker), in place of the current one."""
        from casefile.ui.document import CaseDocument
        from casefile.ui.editing import Editing

        if self.document is not None:
            self.close_case()
        self.document = CaseDocument(case_file, self)
        self.document.changed.connect(self._on_changed)
        self.document.failed.connect(self.show_error)
        self.editing = Editing(self.document, self.undo_stack, self)
        self.ui.details.set_editing(self.editing)
        self.analysis.set_document(self.document)
        self.document.changed.connect(self.analysis.case_changed)
        path = self.document.file_path
        if path is not None:  # a server case is remembered by ui/server_case.py
            self.settings.add_recent(path)
            self.settings.set_last_folder(path.parent)
        self._refresh_counts()
        self.ui.kinds_view.setCurrentIndex(self.ui.kinds_model.index(0))
        self._show_kind(self.ui.kinds_model.kind_at(0))
        self.ui.set_read_only_banner(case_file.read_only)
        self._set_title()
        self._update_enabled()
        self.case_opened.emit(str(path) if path is not None else case_file.location)

    def _on_opened(self, case_file: CaseFile) -> None:
        self.adopt(case_file)
        if self.document is not None:
            self.verification.start(self.document)
            self._update_enabled()

    def refresh_after_check(self) -> None:
        """Editing becomes possible (or stays off) once the background check has spoken."""
        self._update_enabled()
        self.ui.details.refresh()
        if self.ui.details.record is not None:
            self._show_links(self.ui.details.record.id)

    def _on_open_failed(self, error: BaseException) -> None:
        from casefile.ui.dialogs.share_dialog import LockedCaseDialogs

        if isinstance(error, CaseFileLocked) and error.path and LockedCaseDialogs.open_read_only_instead(self, error):
            self.open_path(error.path, read_only=True)
            return
        newer = isinstance(error, NewerCaseFile) and self._opening is not None
        if newer and LockedCaseDialogs.open_newer_read_only(self, error):  # type: ignore[arg-type]
            self.open_path(self._opening, read_only=True, allow_newer=True)
            return
        self.open_failed.emit(error)
        self.show_error(error)

    def settle_pending_edit(self, *, ask: bool = True) -> bool:
        """Save what the analyst typed but did not confirm, as one undoable step.

        False when a typed value cannot be saved and they chose to keep editing it; then the
        action that called this (quit, close, open, another record or kind) does not go ahead.
        Without `ask` (the window losing focus, the session ending) an unsaveable value stays
        in its field, with its message, and nothing is asked.
        """
        if self.document is None:
            return True
        problems = self.ui.details.commit_pending()
        if not problems:
            return True
        if not ask:
            return False
        if UnsavedDialogs.keep_editing(self, self.ui.details.labelled(problems)):
            self.ui.details.setFocus()
            return False
        self.ui.details.discard_pending()
        return True

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        if self.document is None:
            return  # nothing typed to keep; and the `Qt` namespace stays unloaded until the first paint
        from PySide6.QtCore import Qt

        if state != Qt.ApplicationState.ApplicationActive:
            self.settle_pending_edit(ask=False)

    def _on_session_ending(self, *_: object) -> None:
        self.settle_pending_edit(ask=False)

    def request_close_case(self) -> None:
        """File › Close Case: the pending edit is saved (or the analyst chooses) first."""
        if self.settle_pending_edit():
            self.close_case()

    def close_case(self) -> None:
        if self.document is None:
            return
        self.verification.cancel()
        self._save_header_state()
        self.undo_stack.clear()
        self.ui.details.set_editing(None)
        self.analysis.set_document(None)
        self.ui.table_model.clear()
        self.ui.links.set_links([], enabled=False)
        self.ui.search_model.set_hits([])
        self.document.close()
        self.document.deleteLater()
        self.document = None
        self.editing = None
        self.ui.set_read_only_banner(False)
        self._set_title()
        self._update_enabled()
        self.case_closed.emit()

    def choose_and_open(self) -> None:
        from casefile.ui.dialogs.files import FileDialogs

        path = FileDialogs.open_case(self, self.settings.last_folder())
        if path is not None:
            self.open_path(path)

    def new_case(self) -> None:
        from casefile.storage.casefile import CaseFile
        from casefile.ui.dialogs.files import FileDialogs

        answer = FileDialogs.new_case(self, self.settings.last_folder(), self.settings.analyst())
        if answer is None:
            return
        try:
            case_file = CaseFile.create(
                answer.path, answer.title, analyst=answer.analyst, classification=answer.classification
            )
        except CasefileError as exc:
            self.show_error(exc)
            return
        self.close_case()
        self.adopt(case_file)

    def save_a_copy(self) -> None:
        from casefile.jobs.copy import save_copy
        from casefile.ui.dialogs.files import FileDialogs

        if self.document is None or self.document.file_path is None:
            self.server_cases.save_copy()  # of a server case: a checkout
            return
        self.settle_pending_edit(ask=False)  # the copy holds what is being typed too
        source = Path(self.document.path)
        target = FileDialogs.save_copy(self, str(source.with_name(source.stem + " copy.casefile")))
        if target is None:
            return
        try:
            save_copy(source, target, read_only=self.document.read_only)
        except CasefileError as exc:
            self.show_error(exc)
            return
        self.statusBar().showMessage(f"Saved a copy as {target}", 6000)

    def run_job(self, label: str, work: workers.Work, on_done: Callable[[Any], None]) -> workers.Job:
        """Long work in a worker thread, with a progress dialog whose Cancel asks the job to stop."""
        progress = QProgressDialog(label, "Cancel", 0, 0, self)
        progress.setWindowTitle("Casefile")
        progress.setMinimumDuration(300)
        job = workers.Job(work)
        progress.canceled.connect(job.cancel)
        job.progressed.connect(_ProgressRelay(progress).update)
        job.succeeded.connect(progress.close)
        job.failed.connect(progress.close)
        job.succeeded.connect(on_done)
        job.failed.connect(self._on_job_failed)
        self.track_job(job)
        return job

    def _on_job_failed(self, error: BaseException) -> None:
        self.job_failed.emit(error)
        if not isinstance(error, workers.Cancelled):
            self.show_error(error)

    def import_json(self) -> None:
        from casefile.jobs.json_io import import_json
        from casefile.ui.dialogs.files import FileDialogs

        source = FileDialogs.open_json(self, self.settings.last_folder())
        if source is None:
            return
        target = FileDialogs.save_new_case(self, str(source.with_suffix(".casefile")))
        if target is None:
            return
        self.run_job(f"Importing {source.name}…", lambda _p, _c: import_json(source, target), self._open_imported)

    def _open_imported(self, path: Path) -> None:
        self.job_finished.emit(path)
        self.open_path(path)

    def export_json(self) -> None:
        from casefile.jobs.json_io import export_json
        from casefile.ui.dialogs.files import FileDialogs

        if self.document is None or self.document.file_path is None:
            self.server_cases.export_json()  # a server case has no path: exported from the open case
            return
        self.settle_pending_edit(ask=False)  # the export holds what is being typed too
        case_path = Path(self.document.path)
        target = FileDialogs.save_json(self, str(case_path.with_suffix(".json")))
        if target is None:
            return
        read_only = self.document.read_only
        self.run_job(f"Exporting {case_path.name}…",
                     lambda _p, _c: export_json(case_path, target, read_only=read_only) or target,
                     self._exported)  # fmt: skip

    def _exported(self, path: Path) -> None:
        self.analysis.case_changed()  # the export was written to the audit trail
        self.job_finished.emit(path)
        self.statusBar().showMessage(f"Exported {path}", 8000)

    def edit_case_details(self) -> None:
        from casefile.ui.dialogs.case_details import CaseDetailsDialog

        if self.editing is not None:
            CaseDetailsDialog.ask(self, self.editing)

    def _fill_recent_menu(self) -> None:
        from casefile.ui.recent_cases import recent_label

        menu = self.actions.recent_menu
        menu.clear()
        for path in self.settings.recent_files():
            action = menu.addAction(recent_label(path))
            action.setToolTip(path)
            action.setData(path)
            action.triggered.connect(self._open_recent)
        menu.setEnabled(True)
        if not menu.actions():
            menu.addAction("No recent cases").setEnabled(False)

    def _open_recent(self) -> None:
        action = self.sender()
        self.open_recent(str(action.data()))  # type: ignore[attr-defined]

    def open_recent(self, path: Path | str) -> None:
        from PySide6.QtWidgets import QMessageBox

        if isinstance(path, str) and self.server_cases.is_address(path):
            self.server_cases.open_address(path)
            return
        path = Path(path)
        if not path.is_file():
            remaining = [p for p in self.settings.recent_files() if Path(p) != path]
            self.settings.set_recent_files(remaining)
            QMessageBox.information(
                self, "Open Recent", f"{path} no longer exists, so it was removed from the list of recent cases."
            )
            return
        self.open_path(path)

    # -- showing records --------------------------------------------------------------------------------
    def _load_rows(self, kind: Kind, ids: Iterable[str] | None) -> list[tuple[str, ...]]:
        from casefile.services import tables

        if self.document is None:
            return []
        return self.document.read(lambda s: tables.table_rows(s, kind, ids))

    def _on_kind_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if not current.isValid():
            return
        if not self._settling and not self.settle_pending_edit():
            self._settling = True  # back to the kind being edited, without asking again
            self.ui.kinds_view.setCurrentIndex(previous)
            self._settling = False
            return
        self._show_kind(self.ui.kinds_model.kind_at(current.row()))

    def _show_kind(self, kind: Kind) -> None:
        from casefile.services import tables

        if self.document is None:
            return
        self._save_header_state()
        self.ui.show_kind(kind, tables.headers(kind))
        state = self.settings.bytes_value(f"header/{kind.value}")
        if state is not None:
            self.ui.table.horizontalHeader().restoreState(state)
        self.ui.details.show_record(None)
        self._show_links(None)
        self._update_enabled()

    def current_kind(self) -> Kind | None:
        return self.ui.table_model.kind

    def selected_ids(self) -> list[str]:
        rows = sorted({index.row() for index in self.ui.table.selectionModel().selectedRows()})
        return [self.ui.table_model.id_at(row) for row in rows]

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        shown = self.ui.details.record
        if not self._settling and shown is not None and not self.settle_pending_edit():
            self._settling = True  # back to the record being edited, without asking again
            self.select_record(shown.id)
            self._settling = False
            return
        index = self.ui.table.currentIndex()
        record_id = self.ui.table_model.id_at(index.row()) if index.isValid() else None
        ids = self.selected_ids()
        if record_id not in ids:
            record_id = ids[0] if ids else None
        self.ui.details.show_record(record_id)
        self._show_links(record_id)
        self.analysis.select(record_id)
        self._update_enabled()

    def _show_links(self, record_id: str | None) -> None:
        from casefile.services import links

        if record_id is None or self.document is None:
            self.ui.links.set_links([], enabled=False)
            return
        # Links, and the records that name this one in a field (a warrant's subject, a visit's person).
        ends = self.document.read(lambda s: links.pointing_at(s, record_id))
        self.ui.links.set_links(ends, enabled=self.document.editable)

    def select_record(self, record_id: str) -> None:
        """Go to a record: switch to its kind, select its row and show it."""
        from casefile.domain.kinds import Kind
        from casefile.services import labels

        if self.document is None:
            return
        found = self.document.read(lambda s: labels.labels(s, [record_id]))
        if record_id not in found or found[record_id].kind == Kind.CASE:
            return
        kind = found[record_id].kind
        if self.current_kind() != kind:
            self.ui.kinds_view.setCurrentIndex(self.ui.kinds_model.index(self.ui.kinds_model.row_of(kind)))
        row = self.ui.table_model.row_of(record_id)
        if row < 0:
            self.ui.filter_edit.clear()
            self._apply_filter()
            row = self.ui.table_model.row_of(record_id)
        if row >= 0:
            self.ui.table.selectRow(row)
            self.ui.table.scrollTo(self.ui.table_model.index(row, 0))

    # -- filter and search -----------------------------------------------------------------------------
    def _apply_filter(self) -> None:
        self.ui.table_model.set_filter(self.ui.filter_edit.text())
        self.ui.update_count_label()

    def _run_search(self) -> None:
        from casefile.services import search

        text = self.ui.search_edit.text()
        if self.document is None or not text.strip():
            self.ui.search_model.set_hits([])
            self.ui.search_view.setVisible(False)
            return
        hits = self.document.read(lambda s: search.search(s, text, limit=200))
        self.ui.search_model.set_hits(hits)
        self.ui.search_view.setVisible(True)

    def _go_to_search_hits(self) -> None:
        if self._search_timer.isActive():  # Enter before the pause that runs the search: run it now
            self._search_timer.stop()
            self._run_search()
        self.ui.search_view.enter_from_box()

    def _on_search_hit(self, index: QModelIndex) -> None:
        if index.isValid():
            self.select_record(self.ui.search_model.hit_at(index.row()).id)

    # -- editing -------------------------------------------------------------------------------------------
    def new_record(self) -> str | None:
        from PySide6.QtWidgets import QMessageBox

        from casefile.domain.kinds import Kind
        from casefile.ui.dialogs.new_record import NewRecordDialog

        kind = self.current_kind()
        if self.editing is None or kind is None:
            return None
        if kind == Kind.LINK:
            QMessageBox.information(
                self, "New link", "To link two records, select the first one and choose Edit › Link to… (Ctrl+L)."
            )
            return None
        created = NewRecordDialog.ask(self, self.editing, kind, {})
        if created:
            self.select_record(created)
        return created

    def add_precedent(self) -> str | None:
        """A decision the analyst adds to the case: used by the findings like the shipped precedents."""
        from casefile.domain.kinds import Kind
        from casefile.ui.dialogs.new_record import NewRecordDialog

        if self.editing is None:
            return None
        created = NewRecordDialog.ask(self, self.editing, Kind.PRECEDENT, {})
        if created:
            self.select_record(created)
        return created

    def delete_precedent(self, record_id: str) -> None:
        if self.editing is None:
            return
        try:
            self.editing.delete(record_id)
        except CasefileError as exc:
            self.show_error(exc)

    def new_quote_from_clipboard(self) -> str | None:
        from casefile.domain.kinds import Kind
        from casefile.ui.dialogs.new_record import NewRecordDialog

        if self.editing is None:
            return None
        text = QGuiApplication.clipboard().text().strip()
        if not text:
            self.show_error(CasefileError("The clipboard holds no text.", "Copy the quote's words first."))
            return None
        created = NewRecordDialog.ask(self, self.editing, Kind.QUOTE, {"text": text})
        if created:
            self.select_record(created)
        return created

    def link_selected(self) -> str | None:
        from casefile.ui.dialogs.link_dialog import LinkDialog

        ids = self.selected_ids()
        if self.editing is None or not ids:
            return None
        choice = LinkDialog.ask(self, self.editing, ids[0])
        if choice is None:
            return None
        try:
            return self.editing.link(ids[0], choice.target_id, choice.kind, choice.note, choice.date)
        except CasefileError as exc:
            self.show_error(exc)
            return None

    def unlink(self, link_id: str) -> None:
        if self.editing is None:
            return
        try:
            self.editing.unlink(link_id)
        except CasefileError as exc:
            self.show_error(exc)

    def delete_selected(self) -> None:
        from casefile.domain.kinds import spec
        from casefile.services import labels, links

        ids = self.selected_ids()
        if self.editing is None or self.document is None or not ids:
            return
        names = self.document.read(lambda s: labels.labels(s, ids))
        link_names = [
            end.other_label for rid in ids for end in self.document.read(lambda s, r=rid: links.links_of(s, r))
        ]
        title = names[ids[0]].text if len(ids) == 1 else f"{len(ids)} {spec(names[ids[0]].kind).plural.lower()}"
        if not Confirm.delete(self, title, link_names):
            return
        self.undo_stack.beginMacro(f"Delete {title}")
        try:
            for record_id in ids:
                self.editing.delete(record_id)
        except CasefileError as exc:
            self.show_error(exc)
        finally:
            self.undo_stack.endMacro()

    # -- change propagation ----------------------------------------------------------------------------------
    def _on_changed(self, changes: Changes) -> None:
        """Every view follows one change report, once, reading only what the report says it needs."""
        from casefile.domain.kinds import Kind

        shown = self.ui.details.record
        selected = shown.id if shown else None
        self.ui.table_model.apply_changes(changes)
        self.ui.update_count_label()
        if changes.added or changes.removed:  # an edit of fields leaves the counts as they are
            self._refresh_counts()
        if selected is not None:
            row = self.ui.table_model.row_of(selected)
            if row >= 0:
                self.ui.table.selectionModel().blockSignals(True)
                self.ui.table.selectRow(row)
                self.ui.table.selectionModel().blockSignals(False)
            else:
                selected = None
        if shown is None or selected is None or _touches(shown, changes):
            self.ui.details.show_record(selected)
        if shown is None or selected is None or _links_may_differ(shown, changes):
            self._show_links(selected)
        if self.ui.search_edit.text().strip():
            self._run_search()
        if Kind.CASE in changes.kinds():
            self._set_title()

    def _refresh_counts(self) -> None:
        from casefile.services import case as case_service

        if self.document is not None:
            self.ui.kinds_model.set_counts(self.document.read(case_service.counts))

    # -- window state -----------------------------------------------------------------------------------------
    def _set_title(self) -> None:
        from casefile.services import case as case_service

        if self.document is None:
            self.setWindowTitle("Casefile")
            return
        title = self.document.read(lambda s: case_service.the_case(s)["title"])
        suffix = " (read-only)" if self.document.read_only else ""
        path = self.document.file_path
        self.setWindowTitle(f"{title} — {path.name if path else self.document.location}{suffix} — Casefile")

    def _update_enabled(self) -> None:
        has_case = self.document is not None
        writable = self.document is not None and self.document.editable
        self.table_editing.follow(writable)
        self.record_menus.update_enabled(writable)
        selected = bool(self.ui.table.selectionModel().selectedRows()) if has_case else False
        for action in (self.actions.save_copy, self.actions.close_case, self.actions.find, self.actions.filter,
                       self.actions.export_json, self.actions.share_copy, self.actions.export_pdf):  # fmt: skip
            action.setEnabled(has_case)
        self.actions.case_details.setEnabled(writable)
        self.actions.merge_case.setEnabled(writable)
        self.actions.new_record.setEnabled(writable and self.current_kind() is not None)
        self.actions.new_quote_from_clipboard.setEnabled(writable)
        self.actions.link_to.setEnabled(writable and selected)
        self.actions.delete.setEnabled(writable and selected)
        self.server_cases.update_enabled()  # off on a server case, with why: what only a file can do

    def _save_header_state(self) -> None:
        kind = self.current_kind()
        if kind is not None:
            self.settings.set_bytes(f"header/{kind.value}", self.ui.table.horizontalHeader().saveState())

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._build_after_paint:
            self._build_after_paint = False
            QTimer.singleShot(0, self, self.build)  # after this paint reaches the screen

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._size_new_docks()

    def _size_new_docks(self) -> None:
        """With no saved layout, the panes get their default sizes once the window is on screen."""
        if not self._layout_restored and self.isVisible():
            self._layout_restored = True
            QTimer.singleShot(50, self, self.ui.default_dock_sizes)  # after the first layout pass, or Qt ignores it

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.settle_pending_edit():
            event.ignore()
            return
        self.settings.set_bytes("window/geometry", self.saveGeometry())
        if self.is_built:
            self.welcome.restore_docks()  # the panes the start page set aside belong to the saved layout
            self.dock_layout.save()
        self.wait_for_workers()
        self.close_case()
        self.settings.sync()
        super().closeEvent(event)

    def as_widget(self) -> QMainWindow:
        """The window as Qt sees it, for its controllers' dialogs (ui/window_api.py)."""
        return self

    # -- messages ------------------------------------------------------------------------------------------------
    def show_error(self, error: BaseException) -> None:
        ErrorDialog.show_error(self, error)

    def _show_about(self) -> None:
        from casefile.ui.dialogs import about

        about.show_about(self)

    def _show_shortcuts(self) -> None:
        from casefile.ui import shortcuts

        shortcuts.show_shortcuts(self)


class _ProgressRelay(QObject):
    """Moves a job's progress to the GUI thread.

    A signal connected to a plain function calls it in the emitting (worker) thread, where a
    progress dialog must not be touched; a bound method of a GUI-thread QObject is called queued.
    """

    def __init__(self, progress: QProgressDialog) -> None:
        super().__init__(progress)
        self._progress = progress

    def update(self, done: int, total: int) -> None:
        self._progress.setMaximum(total)
        self._progress.setValue(done)


def _touches(record: RecordData, changes: Changes) -> bool:
    """Whether the change report concerns the record shown, or a record its fields name (a picker shows
    that record's label)."""
    ids = changes.ids()
    if record.id in ids:
        return True
    named = {v for value in record.values.values() for v in (value if isinstance(value, list) else [value])}
    return bool(ids & {v for v in named if isinstance(v, str)})


def _links_may_differ(record: RecordData, changes: Changes) -> bool:
    """False only when the edit wrote plain fields of the record shown and nothing else: its links, and
    the labels of the records on them, are as they were."""
    from casefile.services import records

    written = changes.only_fields_of(record.id)
    return written is None or bool(written & set(records.ref_fields(record.kind)))
