"""How the recent cases name an entry: a file by its name, a server case (`URL#case`) by its name and server."""

from __future__ import annotations

from pathlib import Path

from casefile.domain.errors import CasefileError
from casefile.storage.server_address import is_server_address, shown_address

__all__ = ["is_server_address", "recent_label"]


def recent_label(text: str) -> str:
    if is_server_address(text):
        try:
            return shown_address(text)
        except CasefileError:  # without the server extra the address cannot be read: show it as remembered
            return text
    return Path(text).name
