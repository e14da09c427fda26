"""One writer per case: a lock file beside the case names the process that has it open for writing.

The lock is `.NAME.casefile.lock` in the case's folder. It is created with O_CREAT|O_EXCL, so of
two processes racing for it exactly one wins, and it holds JSON naming the host, the process id,
the process's start time (so a recycled pid is not mistaken for the owner), when it was taken and
a random token. A lock whose owner is a dead process on this host is stale and is reclaimed; a
lock held by a live process, or by a process on another computer we cannot ask, is respected.

Within one process the lock is shared: opening the same case twice in one Casefile process (the
window reopening it, a command run in-process) counts references and releases on the last close.
"""

from __future__ import annotations

import errno
import json
import os
import socket
import threading
import time
import uuid
from contextlib import suppress
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from casefile import __version__
from casefile.domain.errors import CaseFileLocked

LOCK_SUFFIX = ".lock"
# A lock file is a few hundred bytes; anything bigger did not come from us and is not parsed.
MAX_LOCK_BYTES = 4096
# A lock with unreadable content is given this long to be finished by its writer before it counts
# as left behind by a crash between creating the file and writing it.
UNREADABLE_GRACE_SECONDS = 30.0
_ATTEMPTS = 5
# The folder cannot be written: read-only media, a write-protected share, a locked-down folder.
_READ_ONLY_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


@dataclass(frozen=True)
class LockOwner:
    """Who holds a lock, as written in the lock file."""

    host: str
    pid: int
    process_started: str | None
    since: str
    token: str
    program: str

    def describe(self) -> str:
        return f"process {self.pid} on {self.host} ({self.program}, since {self.since})"


class CaseLock:
    """A held lock; release() gives it up (the last release in this process removes the file)."""

    def __init__(self, path: Path, owner: LockOwner) -> None:
        self.path = path
        self.owner = owner
        self._released = False

    def release(self) -> None:
        if self._released:
            return
        self._released = True
        with _held_guard:
            held = _held.get(self.path)
            if held is None or held.owner.token != self.owner.token:
                return
            held.count -= 1
            if held.count > 0:
                return
            del _held[self.path]
            _remove_if_ours(self.path, self.owner.token)


@dataclass
class _Held:
    owner: LockOwner
    count: int


# Locks this process holds, by lock-file path: process-wide state by nature, like POSIX record locks.
_held: dict[Path, _Held] = {}
_held_guard = threading.Lock()


def lock_path(case_path: Path) -> Path:
    return case_path.with_name(f".{case_path.name}{LOCK_SUFFIX}")


def acquire(case_path: Path) -> CaseLock | None:
    """Take the write lock of a case; None when its folder cannot be written (open it read-only then).

    Raises CaseFileLocked, naming host and process, when another live Casefile process holds it.
    """
    path = lock_path(case_path.resolve())
    with _held_guard:
        held = _held.get(path)
        if held is not None and _read_owner(path) == held.owner:
            held.count += 1
            return CaseLock(path, held.owner)
        for _ in range(_ATTEMPTS):
            owner = _new_owner()
            try:
                _create(path, owner)
            except FileExistsError:
                _reclaim_if_stale(path, case_path)
                continue
            except OSError as exc:
                if exc.errno in _READ_ONLY_ERRNOS:
                    return None
                raise
            _held[path] = _Held(owner, 1)
            return CaseLock(path, owner)
    raise CaseFileLocked(
        f"'{case_path.name}' is being opened for writing by another Casefile process right now.",
        "Try again in a moment, or open it read-only.",
        path=str(case_path),
    )


def current_owner(case_path: Path) -> LockOwner | None:
    """The owner named in a case's lock file, or None when there is no readable lock."""
    return _read_owner(lock_path(case_path.resolve()))


def _new_owner() -> LockOwner:
    pid = os.getpid()
    since = datetime.now(UTC).replace(microsecond=0).isoformat()
    return LockOwner(socket.gethostname(), pid, _process_start(pid), since, uuid.uuid4().hex, f"Casefile {__version__}")


def _create(path: Path, owner: LockOwner) -> None:
    # 0o644: others may read who holds the case, as they need to in order to be told.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    try:
        os.write(fd, json.dumps(asdict(owner), ensure_ascii=False).encode("utf-8"))
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with suppress(OSError):
            os.unlink(path)
        raise
    os.close(fd)


def _read_raw(path: Path) -> bytes | None:
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_LOCK_BYTES + 1)
    except FileNotFoundError:
        return None


def _parse(raw: bytes) -> LockOwner | None:
    if len(raw) > MAX_LOCK_BYTES:
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
        owner = LockOwner(**data)
    except (ValueError, TypeError):
        return None
    if not (isinstance(owner.pid, int) and isinstance(owner.host, str) and isinstance(owner.token, str)):
        return None
    return owner


def _read_owner(path: Path) -> LockOwner | None:
    raw = _read_raw(path)
    return None if raw is None else _parse(raw)


def _reclaim_if_stale(path: Path, case_path: Path) -> None:
    """Remove a lock left by a dead process; raise CaseFileLocked for one that is still held."""
    raw = _read_raw(path)
    if raw is None:
        return  # released meanwhile: simply try again
    owner = _parse(raw)
    if owner is None:
        if _age(path) < UNREADABLE_GRACE_SECONDS:
            raise CaseFileLocked(
                f"'{case_path.name}' is being opened for writing by another Casefile process right now.",
                "Try again in a moment, or open it read-only.",
                path=str(case_path),
            )
    elif _is_alive(owner):
        raise _locked_error(case_path, path, owner)
    _set_aside(path, raw)


def _locked_error(case_path: Path, path: Path, owner: LockOwner) -> CaseFileLocked:
    here = owner.host == socket.gethostname()
    where = "in another Casefile window on this computer" if here else f"on the computer '{owner.host}'"
    hint = "Open it read-only, or close the other window and try again."
    if not here:
        hint += f" If Casefile is no longer running there, delete the file '{path.name}' beside the case."
    return CaseFileLocked(
        f"'{case_path.name}' is open for writing {where}: {owner.describe()}.",
        hint,
        host=owner.host,
        pid=owner.pid,
        path=str(case_path),
    )


def _set_aside(path: Path, stale: bytes) -> None:
    # Rename first, then check: between our read and our removal another process may have reclaimed
    # the same stale lock and taken a fresh one, which a plain unlink would silently destroy.
    aside = path.with_name(f"{path.name}.{uuid.uuid4().hex[:12]}.stale")
    try:
        os.replace(path, aside)
    except FileNotFoundError:
        return
    if _read_raw(aside) != stale:
        _put_back(aside, path)
        return
    with suppress(FileNotFoundError):
        aside.unlink()


def _put_back(aside: Path, path: Path) -> None:
    try:
        os.link(aside, path)  # never clobbers a lock that appeared in the meantime
    except FileExistsError:
        pass
    except OSError:
        if not path.exists():
            os.replace(aside, path)  # file systems without hard links (FAT on USB sticks)
            return
    with suppress(FileNotFoundError):
        aside.unlink()


def _remove_if_ours(path: Path, token: str) -> None:
    owner = _read_owner(path)
    if owner is not None and owner.token == token:
        with suppress(FileNotFoundError):
            path.unlink()


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except FileNotFoundError:
        return UNREADABLE_GRACE_SECONDS


def _is_alive(owner: LockOwner) -> bool:
    """Whether the owner may still be running; a process on another host always may."""
    if owner.host != socket.gethostname():
        return True
    if owner.pid == os.getpid():
        # Our own pid but a token we never issued: a previous process that had the same pid.
        return owner.token in {h.owner.token for h in _held.values()}
    if os.name != "posix":
        return True  # no safe way to probe a pid here; os.kill would terminate it on Windows
    try:
        os.kill(owner.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # alive, owned by another user
    started = _process_start(owner.pid)
    # A zombie or a different process that reused the pid is not the owner.
    return started != _ZOMBIE and (owner.process_started is None or started in (None, owner.process_started))


_ZOMBIE = "zombie"


def _process_start(pid: int) -> str | None:
    """The kernel's start time of a process (clock ticks since boot), or None where it cannot be read."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    fields = stat.rpartition(")")[2].split()
    if len(fields) < 20:
        return None
    return _ZOMBIE if fields[0] in ("Z", "X") else fields[19]
