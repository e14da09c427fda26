"""Help › About (the shortcuts help is `ui/shortcuts.py`, read from the menus)."""

from __future__ import annotations

import sqlite3
import sys

import PySide6
import sqlalchemy
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from casefile import __version__
from casefile.paths import resources_dir
from casefile.ui.dialogs.errors import log_file


def versions() -> list[tuple[str, str]]:
    try:
        from importlib.metadata import version

        reportlab = version("reportlab")
    except Exception:  # an optional import must never break the About box
        reportlab = "not installed"
    return [
        ("Casefile", __version__),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("SQLAlchemy", sqlalchemy.__version__),
        ("ReportLab", reportlab),
        ("SQLite", sqlite3.sqlite_version),
        ("Python", sys.version.split()[0]),
    ]


# What the app ships besides Python and Qt's own parts, with the licence each is under.
# tests/ui/test_about.py checks this list against the installed packages' own metadata.
LIBRARIES = (
    ("PySide6 (Qt for Python)", "PySide6-Essentials", "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only"),
    ("SQLAlchemy", "SQLAlchemy", "MIT"),
    ("Alembic", "alembic", "MIT"),
    ("ReportLab", "reportlab", "BSD"),
    ("cryptography", "cryptography", "Apache-2.0 OR BSD-3-Clause"),
    ("python-bidi", "python-bidi", "LGPL"),
    ("arabic-reshaper", "arabic-reshaper", "MIT"),
    ("openpyxl", "openpyxl", "MIT"),
    ("charset-normalizer", "charset-normalizer", "MIT"),
    ("pypdf", "pypdf", "BSD-3-Clause"),
    ("platformdirs", "platformdirs", "MIT"),
    ("Pillow", "pillow", "MIT-CMU"),
)
FONTS = (
    ("DejaVu Sans", "Bitstream Vera licence and public-domain changes", "LICENSE-DejaVu.txt"),
    ("Noto Naskh Arabic, Noto Sans Hebrew", "SIL Open Font License 1.1", "LICENSE-Noto-debian-copyright.txt"),
    ("WenQuanYi Zen Hei", "GPL-2 with the font embedding exception", "LICENSE-WenQuanYi-debian-copyright.txt"),
)


def about_text() -> str:
    lines = "\n".join(f"{name}: {value}" for name, value in versions())
    libraries = "\n".join(f"{name}: {licence}" for name, _, licence in LIBRARIES)
    fonts = "\n".join(
        f"{name}: {licence} (the full text: {resources_dir() / 'fonts' / file})" for name, licence, file in FONTS
    )
    return (
        "Casefile builds linked case files on people wanted by international courts and on what states do "
        f"when those people travel.\n\n{lines}\n\nLibraries shipped with Casefile, and their licences:\n"
        f"{libraries}\n\nFonts shipped for the PDF dossier:\n{fonts}\n\nLog file: {log_file()}"
    )


def show_about(parent: QWidget | None) -> None:
    dialog = QDialog(parent)
    dialog.setWindowTitle("About Casefile")
    text = QPlainTextEdit(about_text(), dialog)
    text.setReadOnly(True)
    text.setAccessibleName("About Casefile")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text)
    layout.addWidget(buttons)
    dialog.resize(640, 480)
    dialog.exec()
