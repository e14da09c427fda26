"""The window's actions and menus, built in one place so shortcuts and names stay consistent."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu


@dataclass
class Actions:
    new_case: QAction
    open_case: QAction
    recent_menu: QMenu
    save_copy: QAction
    import_json: QAction
    export_json: QAction
    close_case: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    new_record: QAction
    new_quote_from_clipboard: QAction
    link_to: QAction
    delete: QAction
    find: QAction
    filter: QAction
    case_details: QAction
    about: QAction
    shortcuts: QAction
    view_menu: QMenu
    verify_case: QAction
    merge_case: QAction  # passed by keyword below, so fields others add keep their places
    share_copy: QAction
    export_pdf: QAction
    verify_against_export: QAction
    preferences: QAction
    user_guide: QAction
    edit_menu: QMenu
    open_server: QAction  # File › Open Server Case… (ui/server_case.py)
    sync: QAction  # File › Sync with Server, for a checked-out file (ui/sync.py)


def _action(window: QMainWindow, text: str, shortcut: QKeySequence.StandardKey | str | None = None) -> QAction:
    action = QAction(text, window)
    if isinstance(shortcut, QKeySequence.StandardKey):
        # Every binding the platform gives (Close is Ctrl+W and Ctrl+F4 on Windows), not only the first.
        action.setShortcuts(shortcut)
    elif shortcut is not None:
        # setShortcuts, not setShortcut: PySide6's setShortcut builds the whole `Qt` namespace (a hundred
        # enums, about 12 ms), and the window's frame paints before anything needs it (bench/startup.py).
        action.setShortcuts([QKeySequence(shortcut)])
    return action


def build_actions(window: QMainWindow, undo: QAction, redo: QAction) -> Actions:
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    new_case = _action(window, "&New Case…", QKeySequence.StandardKey.New)
    open_case = _action(window, "&Open…", QKeySequence.StandardKey.Open)
    open_server = _action(window, "Open Ser&ver Case…")
    recent_menu = QMenu("Open &Recent", window)
    save_copy = _action(window, "Save a Cop&y…", QKeySequence.StandardKey.SaveAs)
    import_json = _action(window, "Case &JSON…")
    export_json = _action(window, "Case &JSON…")
    close_case = _action(window, "&Close Case", QKeySequence.StandardKey.Close)
    quit_action = _action(window, "&Quit", QKeySequence.StandardKey.Quit)
    if quit_action.shortcut().isEmpty():  # Windows has no standard Quit key; Ctrl+Q is what people try
        quit_action.setShortcuts([QKeySequence("Ctrl+Q")])
    file_menu.addActions([new_case, open_case, open_server])
    file_menu.addMenu(recent_menu)
    file_menu.addSeparator()
    file_menu.addAction(save_copy)
    share_copy = _action(window, "S&hare Copy…")
    file_menu.addAction(share_copy)
    merge_case = _action(window, "&Merge Case…")
    file_menu.addAction(merge_case)
    sync = _action(window, "&Sync with Server…")
    file_menu.addAction(sync)
    file_menu.addSeparator()
    export_pdf = _action(window, "Export &PDF Dossier…", QKeySequence.StandardKey.Print)
    file_menu.addAction(export_pdf)
    # Import ▸ and Export ▸ are filled further by ui/import_export.py, which finds them by name.
    import_menu = file_menu.addMenu("&Import")
    import_menu.setObjectName("import_menu")
    import_menu.addAction(import_json)
    export_menu = file_menu.addMenu("&Export")
    export_menu.setObjectName("export_menu")
    export_menu.addAction(export_json)
    file_menu.addSeparator()
    file_menu.addAction(close_case)
    file_menu.addSeparator()
    file_menu.addAction(quit_action)

    edit_menu = bar.addMenu("&Edit")
    undo.setShortcuts(QKeySequence.StandardKey.Undo)
    redo.setShortcuts(QKeySequence.StandardKey.Redo)  # Ctrl+Y on Windows, Ctrl+Shift+Z elsewhere
    new_record = _action(window, "&New Record", "Ctrl+Shift+N")  # Ctrl+N is the standard New: a new case
    from_clipboard = _action(window, "New &Quote from Clipboard", "Ctrl+Shift+V")
    link_to = _action(window, "&Link to…", "Ctrl+L")
    delete = _action(window, "&Delete", QKeySequence.StandardKey.Delete)
    find = _action(window, "&Find in Case", QKeySequence.StandardKey.Find)
    filter_action = _action(window, "Filter &Table", "Ctrl+Shift+F")
    case_details = _action(window, "&Case Details…")
    edit_menu.addActions([undo, redo])
    edit_menu.addSeparator()
    edit_menu.addActions([new_record, from_clipboard, link_to, delete])
    edit_menu.addSeparator()
    edit_menu.addActions([find, filter_action])
    edit_menu.addSeparator()
    edit_menu.addAction(case_details)
    preferences = _action(window, "&Preferences…", QKeySequence.StandardKey.Preferences)
    preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
    edit_menu.addSeparator()
    edit_menu.addAction(preferences)

    view_menu = bar.addMenu("&View")
    help_menu = bar.addMenu("&Help")
    shortcuts = _action(window, "&Keyboard Shortcuts")
    about = _action(window, "&About Casefile")
    verify_case = _action(window, "&Verify Case")
    verify_against_export = _action(window, "Verify Against an &Export…")
    user_guide = _action(window, "&User Guide", QKeySequence.StandardKey.HelpContents)
    help_menu.addAction(user_guide)
    help_menu.addActions([shortcuts, verify_case, verify_against_export])
    help_menu.addSeparator()
    help_menu.addAction(about)
    return Actions(
        new_case, open_case, recent_menu, save_copy, import_json, export_json, close_case, quit_action, undo, redo,
        new_record, from_clipboard, link_to, delete, find, filter_action, case_details, about, shortcuts, view_menu,
        verify_case,
        merge_case=merge_case,
        share_copy=share_copy,
        export_pdf=export_pdf,
        verify_against_export=verify_against_export,
        preferences=preferences,
        user_guide=user_guide,
        edit_menu=edit_menu,
        open_server=open_server,
        sync=sync,
    )  # fmt: skip
