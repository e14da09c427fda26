"""Shortcuts: the platform's standard keys, none shared, and a help that lists every one (read from the menus)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from pytestqt.qtbot import QtBot

from casefile.ui.main_window import MainWindow
from casefile.ui.shortcuts import ShortcutsDialog, on_every_keyboard, plain, rows, shortcuts

Std = QKeySequence.StandardKey


def keyed_actions(window: MainWindow) -> list[QAction]:
    return [a for a in window.findChildren(QAction) if any(not k.isEmpty() for k in a.shortcuts())]


def test_actions_use_the_platforms_standard_keys(window: MainWindow) -> None:
    a = window.actions
    for action, standard in ((a.new_case, Std.New), (a.open_case, Std.Open), (a.close_case, Std.Close),
                             (a.save_copy, Std.SaveAs), (a.find, Std.Find), (a.delete, Std.Delete),
                             (a.undo, Std.Undo), (a.redo, Std.Redo), (a.export_pdf, Std.Print)):  # fmt: skip
        assert action.shortcuts() == QKeySequence.keyBindings(standard), plain(action.text())
    # Redo is Ctrl+Y where that is the platform's way (Windows) and Ctrl+Shift+Z elsewhere: whichever
    # the platform puts first is the one the menu shows.
    assert a.redo.shortcut() == QKeySequence.keyBindings(Std.Redo)[0]
    quit_keys = QKeySequence.keyBindings(Std.Quit) or [QKeySequence("Ctrl+Q")]
    assert a.quit.shortcuts() == quit_keys


def test_no_two_actions_share_a_key(window: MainWindow) -> None:
    owners: dict[str, list[str]] = {}
    for action in keyed_actions(window):
        for key in action.shortcuts():
            owners.setdefault(key.toString(), []).append(plain(action.text()))
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    assert not shared
    assert "F6" in owners and "Shift+F6" in owners and "Ctrl+Shift+N" in owners


def test_the_help_lists_every_action_that_has_a_key(window: MainWindow) -> None:
    listed = {s.action for s in shortcuts(window)}
    missing = [plain(a.text()) for a in keyed_actions(window) if a not in listed]
    assert not missing, f"actions with a key but in no menu, so not in the help: {missing}"
    texts = dict((where, keys) for keys, where in rows(window))
    native = QKeySequence.SequenceFormat.NativeText
    assert texts["Edit › Redo"].split(" or ")[0] == QKeySequence.keyBindings(Std.Redo)[0].toString(native)
    assert texts["File › Open"].startswith(QKeySequence(Std.Open).toString(native))
    assert texts["View › Next Pane"] == "F6"


def test_help_keyboard_shortcuts_opens_the_list(qtbot: QtBot, window: MainWindow) -> None:
    window.actions.shortcuts.trigger()
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.listed() == rows(window)
    assert ("Ctrl+L", "Edit › Link to") in dialog.listed()
    dialog.close()


def test_the_help_leaves_out_keys_only_some_keyboards_have() -> None:
    from PySide6.QtCore import Qt

    assert not on_every_keyboard(QKeySequence(Qt.Key.Key_Redo)) and not on_every_keyboard(QKeySequence("F14"))
    for keys in ("Ctrl+Shift+Z", "Ctrl+Y", "F6", "Shift+F6", "Del", "Ctrl+Shift+N"):
        assert on_every_keyboard(QKeySequence(keys)), keys
