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


NEEDS_PROTECTED = (
    "This is made from a copy of the server case that holds every name, which needs the protected grant on "
    "this case; ask the case's owner (casefile server grant ... --protected)."
)


def masked(document: CaseDocument | None) -> bool:
    """Whether the open case is a server case this user reads with protected persons as pseudonyms."""
    return document is not None and bool(getattr(document.case_file, "masked", False))


def needs_every_name(action: QAction, document: CaseDocument | None, enabled: bool) -> None:
    """Off, saying why, what is made from a checkout when this user may not read every name."""
    if masked(document):
        action.setEnabled(False)
        action.setToolTip(NEEDS_PROTECTED)
    else:
        action.setEnabled(enabled)
        action.setToolTip(_plain(action))


def _plain(action: QAction) -> str:
    return action.text().replace("&", "").rstrip("…")


def on_server(document: CaseDocument | None) -> bool:
    return document is not None and document.file_path is None


def file_only(action: QAction, document: CaseDocument | None, enabled: bool, why: str) -> None:
    """Enable the action as asked on a file; on a server case turn it off and say why."""
    server = on_server(document)
    action.setEnabled(enabled and not server)
    action.setToolTip(why if server else _plain(action))
