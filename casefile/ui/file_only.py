"""What works only on a case file, and why it is off on a server case (the action's tooltip says so).

Kept free of heavy imports: every controller that owns such an action calls it from its own
update_enabled, so the window's several enabling passes agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from casefile.ui.document import CaseDocument

MERGE = (
    "Colleagues on a server case see each other's changes live; a checked-out copy comes back with "
    "File › Sync. Merge works between case files."
)


def on_server(document: CaseDocument | None) -> bool:
    return document is not None and document.file_path is None


def file_only(action: QAction, document: CaseDocument | None, enabled: bool, why: str) -> None:
    """Enable the action as asked on a file; on a server case turn it off and say why."""
    server = on_server(document)
    action.setEnabled(enabled and not server)
    action.setToolTip(why if server else action.text().replace("&", "").rstrip("…"))
