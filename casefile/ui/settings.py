"""App preferences in QSettings, behind a small typed wrapper."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from casefile import identity

MAX_RECENT = 8


class Settings:
    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store or QSettings("Casefile", "Casefile")

    def recent_files(self) -> list[str]:
        value = self._store.value("recent_files", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value or []]

    def set_recent_files(self, paths: list[str]) -> None:
        self._store.setValue("recent_files", paths[:MAX_RECENT])

    def add_recent(self, path: Path) -> None:
        text = str(path.resolve())
        self.set_recent_files([text, *(p for p in self.recent_files() if p != text)])

    def bytes_value(self, key: str) -> QByteArray | None:
        value = self._store.value(key)
        return value if isinstance(value, QByteArray) else None

    def set_bytes(self, key: str, value: QByteArray) -> None:
        self._store.setValue(key, value)

    def last_folder(self) -> str:
        return str(self._store.value("last_folder", str(Path.home())))

    def set_last_folder(self, folder: Path) -> None:
        self._store.setValue("last_folder", str(folder))

    def add_recent_text(self, text: str) -> None:
        """A recent case that is no file path: a server case's address (storage/server_address.py)."""
        self.set_recent_files([text, *(p for p in self.recent_files() if p != text)])

    def last_server(self) -> str:
        """The server address last opened from (never with a password: those are refused)."""
        return str(self._store.value("last_server", "") or "")

    def set_last_server(self, url: str) -> None:
        self._store.setValue("last_server", url)

    def remove_recent(self, path: str) -> None:
        self.set_recent_files([p for p in self.recent_files() if p != path])

    def analyst(self) -> str:
        """The name of the person using Casefile, which the audit trail records (casefile.identity)."""
        return str(self._store.value("analyst", "") or "")

    def set_analyst(self, name: str) -> None:
        self._store.setValue("analyst", name.strip())

    def organisation(self) -> str:
        return str(self._store.value("organisation", "") or "")

    def set_organisation(self, name: str) -> None:
        self._store.setValue("organisation", name.strip())

    def reopen_last_case(self) -> bool:
        return str(self._store.value("reopen_last_case", "false")).lower() == "true"

    def set_reopen_last_case(self, on: bool) -> None:
        self._store.setValue("reopen_last_case", "true" if on else "false")

    def sync(self) -> None:
        self._store.sync()


def apply_identity(settings: Settings) -> None:
    """The saved name is who the audit trail records from now on; without one, CASEFILE_ANALYST."""
    identity.use(settings.analyst() or None)
