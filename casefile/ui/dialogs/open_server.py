"""File › Open Server Case…: the server's address, the cases on it this user may open, and the one chosen.

Listing connects to the server, so it runs in a worker: an unreachable server takes libpq's time to say
so, and the dialog keeps painting meanwhile. A password in the address is refused before anything
connects (Casefile never stores one); what is wrong is said under the address in one plain line.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QThread
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casefile.domain.errors import CasefileError, ValidationError
from casefile.jobs.team_server import server, server_address
from casefile.ui import workers
from casefile.ui.dialogs.errors import describe

PLACEHOLDER = "postgresql://anna@db.example.org/casefile   or   service=casefile"
NO_CASES = "There is no case on this server that you may open. Ask the case's admin for access (casefile server grant)."


class OpenServerDialogs:
    """The question File › Open Server Case… asks, behind a class method tests can replace."""

    @classmethod
    def ask(cls, parent: QWidget | None, address: str) -> tuple[str, str] | None:
        """(URL, case name) chosen, or None."""
        dialog = OpenServerDialog(parent, address)
        try:
            return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.wait_for_listing()


class OpenServerDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, address: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Open Server Case")
        self.setMinimumWidth(560)
        self._thread: QThread | None = None
        self._job: workers.Job | None = None
        self._listed_url = ""
        self.address = QLineEdit(address, self)
        self.address.setPlaceholderText(PLACEHOLDER)
        self.address.setAccessibleName("Server address")
        self.address.setClearButtonEnabled(True)
        self.address.returnPressed.connect(self.list_cases)
        self.address.textEdited.connect(self._address_edited)
        self.list_button = QPushButton("&List Cases", self)
        self.list_button.clicked.connect(self.list_cases)
        self.list_button.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(self.address, 1)
        row.addWidget(self.list_button)
        help_text = QLabel(
            "A libpq address or service name. A password is never typed here: libpq reads it from "
            "~/.pgpass, a service file or PGPASSWORD.",
            self,
        )
        help_text.setWordWrap(True)
        help_text.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # the muted grey of hint text
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # a server's message may hold < and &
        self.status.setAccessibleName("Connection status")
        self.cases = QListWidget(self)
        self.cases.setAccessibleName("Cases on the server")
        self.cases.itemSelectionChanged.connect(self._update_buttons)
        self.cases.itemActivated.connect(lambda _item: self.accept())
        form = QFormLayout()
        server_label = QLabel("&Server:", self)
        server_label.setBuddy(self.address)  # a layout as the field gets no buddy, so Alt+S would do nothing
        form.addRow(server_label, row)
        form.addRow("", help_text)
        cases_label = QLabel("&Cases you may open:", self)
        cases_label.setBuddy(self.cases)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(cases_label)
        layout.addWidget(self.cases, 1)
        layout.addWidget(self.buttons)
        self._update_buttons()

    # -- listing ---------------------------------------------------------------------------------------
    def list_cases(self) -> None:
        if self._job is not None:
            return  # one listing at a time
        self.cases.clear()
        self._update_buttons()
        try:
            url, _name = server_address.split_address(self.address.text())
            if not url:
                raise CasefileError("Type the server's address first.", "")
            where = server.describe_url(url)
        except CasefileError as exc:
            self._say(_plain(exc), error=True)
            return
        self._say(f"Connecting to {where}…")
        self.list_button.setEnabled(False)
        job = workers.Job(lambda _p, _c: (url, server.case_names(url)))
        job.succeeded.connect(self._listed)
        job.failed.connect(self._failed)
        self._job, self._thread = job, workers.start(job, self)

    def _listed(self, result: tuple[str, list[str]]) -> None:
        self._listing_done()
        url, names = result
        self._listed_url = url
        for name in names:
            QListWidgetItem(name, self.cases)
        if names:
            self._say(f"{len(names)} case{'s' if len(names) != 1 else ''} on {server.describe_url(url)}.")
            self.cases.setCurrentRow(0)
            self.cases.setFocus()
        else:
            self._say(NO_CASES, error=True)
        self._update_buttons()

    def _failed(self, error: BaseException) -> None:
        self._listing_done()
        headline, hint = describe(error)
        self._say(f"{headline} {hint}".strip(), error=True)

    def _listing_done(self) -> None:
        self.list_button.setEnabled(True)
        self._job = None
        if self._thread is not None:
            self._thread.wait(2000)
            self._thread = None

    def wait_for_listing(self) -> None:
        """Let a running listing end before the dialog goes: Qt aborts if a running QThread is destroyed."""
        if self._job is not None:
            self._job.cancel()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait(30_000)
            self._thread = None

    # -- the answer ---------------------------------------------------------------------------------------
    def chosen(self) -> tuple[str, str] | None:
        item = self.cases.currentItem()
        if item is None or not self._listed_url:
            return None
        return self._listed_url, item.text()

    def _address_edited(self) -> None:
        # A list from another address must not be opened on this one.
        self.cases.clear()
        self._listed_url = ""
        self.status.clear()
        self._update_buttons()

    def _update_buttons(self) -> None:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Open)
        button.setEnabled(self.chosen() is not None)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #a40000;" if error else "")

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        super().showEvent(event)  # type: ignore[arg-type]
        if self.address.text().strip() and not self.cases.count() and self._job is None:
            self.list_cases()  # the address remembered from last time: list its cases at once


def _plain(error: CasefileError) -> str:
    """The message alone: under the address field it needs no "url:" in front."""
    if isinstance(error, ValidationError):
        return "; ".join(problem.message for problem in error.problems)
    return describe(error)[0]
