"""Server cases in the window: File › Open Server Case…, `casefile postgresql://…#case`, recent cases,
Save a Copy as a checkout, what works only on a file, conflicting edits and live updates.

The window opens a server case as it opens a file (a worker, then MainWindow.adopt); this controller
does what differs, once the case is shown (case_opened), so the window's own code stays about files.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMenu, QProgressDialog

from casefile.domain.errors import CasefileError, EditConflict
from casefile.domain.kinds import FieldType, spec
from casefile.domain.merge import Resolution
from casefile.jobs.json_io import export_json
from casefile.jobs.team_server import checkout, server_address
from casefile.services.results import Changes, RecordData
from casefile.storage.server import ServerCase
from casefile.storage.server_notify import Listener
from casefile.ui import workers
from casefile.ui.dialogs.edit_conflict import EditConflictDialogs
from casefile.ui.dialogs.files import FileDialogs
from casefile.ui.dialogs.open_server import OpenServerDialogs
from casefile.ui.file_only import MERGE, file_only, needs_every_name, on_server
from casefile.ui.live_updates import LiveUpdates
from casefile.ui.sync import SyncController

if TYPE_CHECKING:
    from casefile.ui.window_api import CaseWindow

READER_BANNER = "Read-only: your role on this server case is reader, so the server refuses changes."
SERVER_LOST = (
    "The server cannot be reached: nothing can be saved until it is back. Casefile reconnects by itself, and "
    "keeps what you type."
)
RETRY_MS = 1000
SAVE_COPY_TIP = "Save a file copy of this server case to work offline (a checkout: File › Sync brings it up to date)"


class ServerCases(QObject):
    opened = Signal(object)  # the ServerCase shown
    failed = Signal(object)  # why a server case did not open
    reconnecting = Signal()  # the server went away under the open case
    reconnected = Signal()  # and is back: the window shows the case as it now is

    def __init__(self, window: CaseWindow) -> None:
        super().__init__(window.as_widget())
        self.window = window
        self.live: LiveUpdates | None = None
        self._pending_listener: Listener | None = None  # opened with the case, taken up once it is shown
        window.actions.open_server.triggered.connect(self.choose_and_open)
        window.case_opened.connect(self._adopted)
        window.case_closed.connect(self._closed)
        self.sync = SyncController(window)  # File › Sync with Server… for a checked-out file (ui/sync.py)
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry.timeout.connect(self._try_reconnect)
        # A disabled action's tooltip says why: menus show tooltips only when asked to.
        for menu in window.menuBar().findChildren(QMenu):
            menu.setToolTipsVisible(True)

    # -- opening -------------------------------------------------------------------------------------
    @staticmethod
    def is_address(text: str) -> bool:
        """Whether a recent case or a command line's word is a server case's address, not a file."""
        return server_address.is_server_address(text)

    def choose_and_open(self) -> None:
        answer = OpenServerDialogs.ask(self.window.as_widget(), self.window.settings.last_server())
        if answer is not None:
            self.open(*answer)

    def open_address(self, text: str) -> None:
        """`URL#case` opens that case; a URL alone shows the dialog with that server's cases."""
        try:
            url, name = server_address.split_address(text)
        except CasefileError as exc:
            self.failed.emit(exc)
            self.window.show_error(exc)
            return
        if name is not None:
            self.open(url, name)
            return
        answer = OpenServerDialogs.ask(self.window.as_widget(), url)
        if answer is not None:
            self.open(*answer)

    def open(self, url: str, name: str) -> None:
        """Open a server case in a worker; the current case stays until it has opened."""
        if not self.window.settle_pending_edit():
            return
        progress = QProgressDialog(f"Opening {name}…", "", 0, 0, self.window.as_widget())
        progress.setCancelButton(None)
        progress.setMinimumDuration(400)
        job = workers.Job(lambda _p, _c: _open_with_listener(url, name))
        job.succeeded.connect(progress.close)
        job.failed.connect(progress.close)
        job.succeeded.connect(self._opened)
        job.failed.connect(self._open_failed)
        self.window.track_job(job)

    def _opened(self, result: tuple[ServerCase, Listener]) -> None:
        case, listener = result
        self._pending_listener = listener
        self.window.adopt(case)

    def _open_failed(self, error: BaseException) -> None:
        self.failed.emit(error)
        self.window.show_error(error)

    def _adopted(self, *_: object) -> None:
        document = self.window.document
        listener, self._pending_listener = self._pending_listener, None
        if document is None or not isinstance(document.case_file, ServerCase):
            if listener is not None:
                listener.close()
            return
        case = document.case_file
        self.window.settings.add_recent_text(server_address.address_of(case.url, case.name))
        self.window.settings.set_last_server(case.url)
        if listener is not None:
            self._listen(case, listener)
        if self.window.editing is not None:
            self.window.editing.on_conflict = self._settle_conflict
        if case.read_only:
            self.window.ui.banner.setText(READER_BANNER)
        role = " (reader)" if case.read_only else ""
        masked = "; protected persons are shown as pseudonyms" if case.masked else ""
        self.window.statusBar().showMessage(f"Opened {case.location} as {case.actor}{role}{masked}.", 10_000)
        self.update_enabled()
        self.opened.emit(case)

    def _listen(self, case: ServerCase, listener: Listener) -> None:
        self.live = LiveUpdates(self.window, case, listener)
        self.live.lost.connect(self._server_lost)

    # -- the server restarting under the open case ------------------------------------------------------------
    def _server_lost(self, _error: BaseException) -> None:
        """The listening connection broke: say so, keep the case (and the typing), and reconnect."""
        self.window.ui.banner.setText(SERVER_LOST)
        self.window.ui.banner.show()
        self.window.statusBar().showMessage(SERVER_LOST)
        self.reconnecting.emit()
        self._retry.start()

    def _try_reconnect(self) -> None:
        document = self.window.document
        if document is None or not isinstance(document.case_file, ServerCase):
            return
        case = document.case_file
        job = workers.Job(lambda _p, _c: (case, Listener(case.url, case.name)))
        job.succeeded.connect(self._reconnected)
        job.failed.connect(self._still_down)
        self.window.track_job(job)

    def _still_down(self, _error: BaseException) -> None:
        if self.window.document is not None:
            self._retry.start()

    def _reconnected(self, result: tuple[ServerCase, Listener]) -> None:
        case, listener = result
        document = self.window.document
        if document is None or document.case_file is not case:  # closed, or another case opened, meanwhile
            listener.close()
            return
        if self.live is not None:
            self.live.deleteLater()
        self._listen(case, listener)
        self.window.ui.banner.setText(READER_BANNER)
        self.window.ui.banner.setVisible(case.read_only)
        assert self.live is not None
        self.live.show_all()  # what colleagues saved while the server was away was never announced here
        self.window.statusBar().showMessage("Reconnected to the server; the case is up to date.", 8000)
        self.reconnected.emit()

    def _closed(self) -> None:
        self._retry.stop()
        if self.live is not None:
            self.live.close()
            self.live.deleteLater()
            self.live = None
        self.update_enabled()

    # -- what a server case changes in the File menu -----------------------------------------------------
    def update_enabled(self) -> None:
        """Off, with the reason as tooltip, what only a case file can do; the window calls this last."""
        document = self.window.document
        actions = self.window.actions
        file_only(actions.merge_case, document, actions.merge_case.isEnabled(), MERGE)
        for action in (actions.save_copy, actions.share_copy):  # on a server case, both come from a checkout
            needs_every_name(action, document, action.isEnabled())
        if on_server(document) and actions.save_copy.isEnabled():
            actions.save_copy.setToolTip(SAVE_COPY_TIP)

    def _settled_case(self) -> ServerCase | None:
        """The open server case, with what is being typed saved: a copy or an export holds it too."""
        document = self.window.document
        if document is None or not isinstance(document.case_file, ServerCase):
            return None
        self.window.settle_pending_edit(ask=False)
        return document.case_file

    def _suggested(self, case: ServerCase, suffix: str) -> str:
        return str(Path(self.window.settings.last_folder()) / f"{case.name}{suffix}")

    def save_copy(self) -> None:
        """Save a Copy of a server case: a checked-out file, which File › Sync brings up to date later."""
        case = self._settled_case()
        if case is None:
            return
        target = FileDialogs.save_copy(self.window.as_widget(), self._suggested(case, ".casefile"))
        if target is None:
            return
        url, name = case.url, case.name
        self.window.run_job(f"Copying {case.location}…", lambda _p, _c: (checkout(url, name, target), target)[1],
                            self._copied)  # fmt: skip

    def _copied(self, target: Path) -> None:
        self.window.settings.set_last_folder(target.parent)
        self.window.job_finished.emit(target)
        self.window.statusBar().showMessage(f"Saved a copy as {target}; File › Sync brings it up to date.", 8000)

    def export_json(self) -> None:
        """File › Export › Case JSON… of a server case, read from the open case and logged on the server."""
        case = self._settled_case()
        if case is None:
            return
        target = FileDialogs.save_json(self.window.as_widget(), self._suggested(case, ".json"))
        if target is None:
            return
        read_only = case.read_only
        self.window.run_job(f"Exporting {case.name}…",
                            lambda _p, _c: export_json(case, target, read_only=read_only) or target,
                            self._exported)  # fmt: skip

    def _exported(self, path: Path) -> None:
        self.window.analysis.case_changed()  # the export was written to the audit trail
        self.window.job_finished.emit(path)
        self.window.statusBar().showMessage(f"Exported {path}", 8000)

    # -- a save that met a colleague's newer change --------------------------------------------------------
    def _settle_conflict(
        self, conflict: EditConflict, record: RecordData, values: dict[str, Any], text: str | None, initiator: object
    ) -> None:
        """Ask whose value the case keeps; save it. Putting the choice off raises the conflict again."""
        editing = self.window.editing
        if editing is None:
            raise conflict
        field = spec(record.kind).field(conflict.field)

        def shown(value: Any) -> str:
            if isinstance(value, list):
                return "; ".join(editing.label_of(v) if field.type == FieldType.REFS else str(v) for v in value)
            if value is not None and field.type == FieldType.REF:
                return editing.label_of(str(value))
            return "" if value is None else str(value)

        choice = EditConflictDialogs.ask(self.window.as_widget(), conflict, editing.label_of(record.id),
                                         field.label.lower(), shown(conflict.mine), shown(conflict.theirs))  # fmt: skip
        if choice is None:
            raise conflict
        # What the save expects: theirs for the field settled, what the analyst began from for the rest, so
        # another field a colleague also changed is asked about in turn, never overwritten.
        began = replace(record, values={**record.values, conflict.field: conflict.theirs})
        if choice == Resolution.MINE:
            editing.edit_fields(began, values, text, initiator)
            return
        rest = {name: value for name, value in values.items() if name != conflict.field}
        if rest:
            editing.edit_fields(began, rest, text, initiator)
        # Theirs is what the case holds: the views show it (the form drops the typing the analyst chose against).
        self.window.document.changed.emit(  # type: ignore[union-attr]
            Changes(updated={record.kind: frozenset([record.id])}, fields={record.id: frozenset([conflict.field])})
        )
        self.window.statusBar().showMessage(f"Kept {conflict.by or 'the colleague'}'s {field.label.lower()}.", 8000)


def _open_with_listener(url: str, name: str) -> tuple[ServerCase, Listener]:
    """The case, and the connection that hears colleagues' changes to it, both opened in the worker."""
    case = ServerCase.open(url, name)
    try:
        return case, Listener(url, name)
    except BaseException:
        case.close()
        raise
