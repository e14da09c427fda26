"""Help › About and Help › Keyboard Shortcuts."""

from __future__ import annotations

import sqlite3
import sys

import PySide6
import sqlalchemy
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from casefile import __version__

SHORTCUTS = (
    ("Ctrl+N", "New record of the kind shown"),
    ("Ctrl+L", "Link the selected record to another"),
    ("Ctrl+F", "Search the whole case"),
    ("Ctrl+Shift+F", "Filter the table"),
    ("Delete", "Delete the selected record"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / Redo"),
    ("Ctrl+O", "Open a case"),
    ("Ctrl+Shift+V", "New quote from the clipboard"),
    ("Ctrl+W", "Close the case"),
    ("Ctrl+Q", "Quit"),
)


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


def about_text() -> str:
    lines = "\n".join(f"{name}: {value}" for name, value in versions())
    return (
        "Casefile builds linked case files on people wanted by international courts and on what states do "
        f"when those people travel.\n\n{lines}"
    )


def show_about(parent: QWidget | None) -> None:
    QMessageBox.about(parent, "About Casefile", about_text())


def shortcuts_text() -> str:
    return "\n".join(f"{keys}\t{what}" for keys, what in SHORTCUTS)


def show_shortcuts(parent: QWidget | None) -> None:
    QMessageBox.information(parent, "Keyboard shortcuts", shortcuts_text())
