"""Help › About (the shortcuts help is `ui/shortcuts.py`, read from the menus)."""

from __future__ import annotations

import sqlite3
import sys

import PySide6
import sqlalchemy
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from casefile import __version__


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
