"""Help › About: the version, every library and font shipped with its licence, and where the log is."""

from __future__ import annotations

from importlib.metadata import metadata

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QPlainTextEdit
from pytestqt.qtbot import QtBot

from casefile import __version__
from casefile.paths import resources_dir
from casefile.ui.dialogs import about
from casefile.ui.main_window import MainWindow


@pytest.mark.parametrize(("name", "package", "licence"), about.LIBRARIES)
def test_each_library_is_listed_under_the_licence_its_package_declares(name: str, package: str, licence: str) -> None:
    meta = metadata(package)
    declared = " ".join(
        [meta.get("License-Expression") or "", meta.get("License") or "", *(meta.get_all("Classifier") or [])]
    )
    declared = declared.replace("GNU Library or Lesser General Public License (LGPL)", "LGPL")
    assert licence.split(" OR ")[0].split("-")[0] in declared, (package, declared[:200])


def test_the_text_names_the_version_the_licences_the_fonts_and_the_log() -> None:
    text = about.about_text()
    assert f"Casefile: {__version__}" in text
    for name, _, licence in about.LIBRARIES:
        assert f"{name}: {licence}" in text
    for _, licence, file in about.FONTS:
        assert licence in text and (resources_dir() / "fonts" / file).is_file()
    assert f"Log file: {about.log_file()}" in text and about.log_file().name == "casefile.log"


def test_help_about_opens_the_dialog(qtbot: QtBot, window: MainWindow) -> None:
    seen: list[str] = []

    def read_and_close() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible())
        seen.append(dialog.findChild(QPlainTextEdit).toPlainText())
        dialog.reject()

    QTimer.singleShot(0, read_and_close)
    window.actions.about.trigger()
    assert seen and "SIL Open Font License 1.1" in seen[0]
