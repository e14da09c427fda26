"""The start page: what the central area shows while no case is open.

Recent cases (a missing one says so and can be removed from the list), New Case, Open, Open the
Demo, the user guide, and a short "how a case is built". Its buttons trigger the window's own
actions, so the page and the menus always do the same thing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDockWidget

    from casefile.ui.window_api import CaseWindow

import shutil
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from casefile.ui.recent_cases import is_server_address, recent_label
from casefile.ui.settings import Settings, apply_identity

APP_NAME = "Casefile"
MISSING_COLOUR = QColor(139, 0, 0)  # dark red
# This page is painted before anything touches PySide6's `Qt` namespace, whose first use costs more
# than the rest of the page (it builds a hundred enums): layouts and stretches place things here.

HOW_A_CASE_IS_BUILT = """<h3>How a case is built</h3>
<ol>
<li><b>Sources</b> first: each article, court document or report, with the file attached.</li>
<li><b>People, states, organisations.</b> Mark witnesses as protected.</li>
<li><b>Warrants</b> and <b>visits</b>, each citing its source.</li>
<li><b>Quotes</b>: who said what, when, with the source and page.</li>
<li><b>Links</b> between records (Edit › Link to…).</li>
<li>Read the <b>Findings</b>, then export the <b>PDF dossier</b>.</li>
</ol>
<p>Every change is saved at once and can be undone. Help › User Guide (F1) says more.</p>"""


def demo_copy_path() -> Path:
    """A fresh demo case in the user's data folder, replacing the previous demo copy."""
    import platformdirs  # here, not at start-up: the first paint needs none of this

    from casefile.jobs.demo import write_demo

    folder = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "Demo - Putin in Mongolia.casefile"
    if path.exists():
        shutil.move(path, path.with_suffix(".casefile.previous"))
    return write_demo(path)


class StartPage(QWidget):
    open_recent = Signal(str)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setAccessibleName("Start page")
        title = QLabel("Casefile", self)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel("Build a sourced case file, and the dossier that goes with it.", self)
        subtitle.setWordWrap(True)
        self.new_button = QPushButton("&New Case…", self)
        self.open_button = QPushButton("&Open…", self)
        self.server_button = QPushButton("Open Ser&ver Case…", self)  # a team case on PostgreSQL
        self.demo_button = QPushButton("Open the &Demo", self)
        self.guide_button = QPushButton("User &Guide", self)
        actions = QVBoxLayout()
        actions.addWidget(title)
        actions.addWidget(subtitle)
        actions.addSpacing(12)
        for button in (self.new_button, self.open_button, self.server_button, self.demo_button, self.guide_button):
            actions.addWidget(button)
        actions.addStretch(1)

        recent_title = QLabel("<b>Recent cases</b>", self)
        self.recent = QListWidget(self)
        self.recent.setAccessibleName("Recent cases")
        recent_title.setBuddy(self.recent)
        self.recent.itemActivated.connect(self._activated)
        self.recent.currentItemChanged.connect(self._update_buttons)
        self.open_recent_button = QPushButton("Op&en", self)
        self.open_recent_button.clicked.connect(self._open_current)
        self.remove_button = QPushButton("&Remove from List", self)
        self.remove_button.clicked.connect(self.remove_current)
        self.empty_note = QLabel("No recent cases yet. Create one, open one, or look around the demo.", self)
        self.empty_note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.open_recent_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        recents = QVBoxLayout()
        recents.addWidget(recent_title)
        recents.addWidget(self.recent, 1)
        recents.addWidget(self.empty_note)
        recents.addLayout(row)

        guide = QLabel(HOW_A_CASE_IS_BUILT, self)  # HTML, which a label recognises by itself
        guide.setWordWrap(True)
        guide.setAccessibleName("How a case is built")
        guide_column = QVBoxLayout()
        guide_column.addWidget(guide)
        guide_column.addStretch(1)  # the text stays at the top

        self.recent.setSpacing(3)
        self.recent.setMaximumHeight(420)
        recents.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(40)
        columns.addLayout(actions, 2)
        columns.addLayout(recents, 3)
        columns.addLayout(guide_column, 3)
        content = QWidget(self)
        content.setMaximumWidth(1200)
        content.setLayout(columns)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 24)
        layout.addStretch(1)  # the content, at most 1200 pixels wide, in the middle
        layout.addWidget(content, 1000)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the recent cases; each is checked on disk now, so a moved file shows as missing."""
        self.recent.clear()
        self._paths = list(self.settings.recent_files())  # row by row, as listed
        for text in self._paths:
            path = Path(text)
            on_server = is_server_address(text)  # a server case: its name and server, never checked on disk
            missing = not on_server and not path.is_file()
            label = f"{path.name}\n{path.parent}" + ("\nmissing: no longer at this place" if missing else "")
            label = f"{recent_label(text)}\nserver case" if on_server else label
            item = QListWidgetItem(label, self.recent)
            item.setToolTip(text)
            if missing:
                item.setForeground(MISSING_COLOUR)
        has_any = self.recent.count() > 0
        self.recent.setVisible(has_any)
        self.empty_note.setVisible(not has_any)
        if has_any:
            self.recent.setCurrentRow(0)
        self._update_buttons()

    def remove_current(self) -> None:
        item = self.recent.currentItem()
        if item is not None:
            self.settings.remove_recent(self._path_of(item))
            self.refresh()

    def _update_buttons(self, *_: object) -> None:
        chosen = self.recent.currentItem() is not None
        self.open_recent_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def _open_current(self) -> None:
        item = self.recent.currentItem()
        if item is not None:
            self._activated(item)

    def _activated(self, item: QListWidgetItem) -> None:
        self.open_recent.emit(self._path_of(item))

    def _path_of(self, item: QListWidgetItem) -> str:
        return self._paths[self.recent.row(item)]


class StartPageSwitch(QObject):
    """Puts the start page and the records table in one stack, and shows the right one.

    The panels (navigator, details, findings…) have nothing to show without a case, so they step
    aside for the start page and come back as they were when a case opens. The window saves its
    layout as it closes: they are put back first, so that saved layout is the working one.
    """

    def __init__(self, window: CaseWindow, settings: Settings) -> None:
        super().__init__(window.as_widget())
        self.window = window
        # The start page is there from the window's first paint; the records table joins it when the
        # window has built its panels (add_records), a moment later (MainWindow.build).
        self.records: QWidget | None = None
        self.stack = QStackedWidget(window.as_widget())
        # The page scrolls rather than ask for its full height: a stack is as tall as its tallest page,
        # and on a 1024×600 screen that would squeeze the analysis panes under the records table.
        self.scroll = QScrollArea(self.stack)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.page = StartPage(settings, self.scroll)
        self.scroll.setWidget(self.page)
        self.stack.addWidget(self.scroll)
        window.setCentralWidget(self.stack)
        self._set_aside: list[QDockWidget] = []

    def add_records(self, records: QWidget) -> None:
        """The records table (ui/layout.py), shown in place of the start page while a case is open."""
        self.records = records
        self.stack.addWidget(records)

    def _docks(self) -> list[QDockWidget]:
        return list(self.window.ui.docks)

    def show_start(self) -> None:
        self.page.refresh()
        self.stack.setCurrentWidget(self.scroll)
        if not self._set_aside:
            self._set_aside = [d for d in self._docks() if not d.isHidden()]
            for dock in self._set_aside:
                dock.hide()

    def show_records(self) -> None:
        assert self.records is not None  # a case opens only once the window is built
        self.stack.setCurrentWidget(self.records)
        self.restore_docks()

    def restore_docks(self) -> None:
        """Put back the panes set aside; MainWindow.closeEvent calls this before it saves the layout."""
        for dock in self._set_aside:
            dock.show()
        self._set_aside = []

    @property
    def showing_start(self) -> bool:
        return self.stack.currentWidget() is self.scroll


def install_welcome(window: CaseWindow) -> StartPageSwitch:
    """The start page, Edit › Preferences… and Help › User Guide, wired to a MainWindow."""
    settings: Settings = window.settings
    actions = window.actions
    apply_identity(settings)  # the saved name is who this window's edits are by
    switch = StartPageSwitch(window, settings)
    page = switch.page
    page.new_button.clicked.connect(actions.new_case.trigger)
    page.open_button.clicked.connect(actions.open_case.trigger)
    page.server_button.clicked.connect(actions.open_server.trigger)
    page.guide_button.clicked.connect(actions.user_guide.trigger)
    page.demo_button.clicked.connect(lambda: open_demo(window))
    page.open_recent.connect(lambda text: _open_recent(window, switch, text))
    actions.preferences.triggered.connect(lambda: _show_preferences(window, settings))
    actions.user_guide.triggered.connect(lambda: _show_user_guide(window))
    window.case_opened.connect(switch.show_records)
    window.case_closed.connect(switch.show_start)
    # The window shows the start page once its saved layout is applied (MainWindow.__init__): the panes
    # set aside are then the ones the analyst left open, so a pane they closed stays closed next time.
    return switch


# The dialogs are imported when asked for: the start page paints before they are needed.
def _show_preferences(window: CaseWindow, settings: Settings) -> None:
    from casefile.ui.dialogs.preferences import PreferencesDialog

    PreferencesDialog.ask(window.as_widget(), settings)


def _show_user_guide(window: CaseWindow) -> None:
    from casefile.ui.user_guide import UserGuide

    UserGuide.show_guide(window.as_widget())


def open_demo(window: CaseWindow) -> None:
    try:
        path = demo_copy_path()
    except (OSError, ValueError) as exc:
        from casefile.domain.errors import CasefileError

        error = CasefileError(f"The demo case could not be written ({exc}).", "Check that your home folder has room.")
        window.show_error(error)
        return
    window.open_path(path)


def _open_recent(window: CaseWindow, switch: StartPageSwitch, text: str) -> None:
    window.open_recent(text)  # a missing file is explained and dropped there; a server case's address opens
    if switch.showing_start:
        switch.page.refresh()
