"""Folders for temporary work that never outlive their use, even when the process is killed.

Share, import, merge and the rehearsal of a crashed save all work on copies of a case. Each
copy lives in a scratch folder named after the process (`<what>-<pid>-<random>`), removed when
the work ends. A process killed mid-work (`kill -9`, a power cut) cannot remove it, so every
Casefile start removes the folders of processes that are gone. A scratch folder that must sit
beside a case (so the finished file can be renamed into place on the same disk) is recorded in
the private work folder too, so the next start finds it there.

CASEFILE_WORK_DIR names another private folder (tests).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

WORK_DIR_VARIABLE = "CASEFILE_WORK_DIR"
# Folders made beside a case end in this, so cleaning never removes anything else.
BESIDE_SUFFIX = ".casefile-work"
_MARKER_SUFFIX = ".beside"


def work_root() -> Path:
    chosen = os.environ.get(WORK_DIR_VARIABLE)
    if chosen:
        return Path(chosen)
    from platformdirs import user_cache_dir  # only when scratch space is needed: keeps start-up light

    return Path(user_cache_dir("Casefile", appauthor=False)) / "work"


def _root() -> Path:
    root = work_root()
    root.mkdir(parents=True, exist_ok=True)
    with suppress(OSError):
        root.chmod(0o700)  # copies of cases, some unredacted: the user's eyes only
    return root


@contextmanager
def scratch_folder(what: str, beside: Path | None = None) -> Iterator[Path]:
    """A private, empty folder for `what`, removed on exit; beside `beside` when given."""
    pid = os.getpid()
    marker: Path | None = None
    if beside is None:
        folder = Path(tempfile.mkdtemp(prefix=f"{what}-{pid}-", dir=_root()))
    else:
        folder = Path(tempfile.mkdtemp(prefix=f".{what}-{pid}-", suffix=BESIDE_SUFFIX, dir=beside.parent))
        marker = _root() / f"{pid}-{uuid.uuid4().hex[:12]}{_MARKER_SUFFIX}"
        marker.write_text(str(folder), encoding="utf-8")
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if marker is not None:
            marker.unlink(missing_ok=True)


def clean_stale_work() -> list[Path]:
    """Remove the scratch folders of processes that no longer run; returns what was removed."""
    root = work_root()
    if not root.is_dir():
        return []
    removed: list[Path] = []
    for entry in root.iterdir():
        pid = _pid_of(entry.name)
        if pid is None or _alive(pid):
            continue
        if entry.name.endswith(_MARKER_SUFFIX):
            target = Path(entry.read_text(encoding="utf-8").strip())
            if target.name.endswith(BESIDE_SUFFIX) and target.is_dir():
                shutil.rmtree(target, ignore_errors=True)
                removed.append(target)
            entry.unlink(missing_ok=True)
        elif entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def clean_stale_work_quietly() -> None:
    """clean_stale_work at a start of Casefile: a folder that cannot be read now is tried at the next start."""
    with suppress(OSError):
        clean_stale_work()


def _pid_of(name: str) -> int | None:
    # "<what>-<pid>-<random>" for folders, "<pid>-<random>.beside" for markers.
    parts = name.split("-")
    for part in (parts[0], parts[1] if len(parts) > 1 else ""):
        if part.isdigit():
            return int(part)
    return None


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return True  # no safe probe: os.kill would end the process on Windows, so its folder stays
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process, or we cannot tell: leave its folder alone
    return True
