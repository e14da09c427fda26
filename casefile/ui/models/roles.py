"""Custom item-data roles shared by our models."""

from PySide6.QtCore import Qt

IdRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2
