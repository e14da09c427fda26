"""kill -9 in the middle of share, import and a pre-merge backup leaves nothing behind (issue 9 §7).

Before: a full unredacted snapshot stayed in /tmp/casefile-share-*, a hidden .importing folder
beside the target, and a half-written .bak with its journal beside the case.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from casefile.jobs.json_io import export_json
from casefile.scratch import BESIDE_SUFFIX, clean_stale_work, work_root
from tests.storage.processes import Child

# The child pauses inside the work, tells us where it is, and waits to be killed.
_PAUSE = """
import sys, {module} as target
from pathlib import Path
real = target.{function}
def paused(*args, **kwargs):
    result = real(*args, **kwargs)
    print("PAUSED", flush=True)
    sys.stdin.readline()
    return result
target.{function} = paused
"""

_SHARE = (
    _PAUSE.format(module="casefile.jobs.share", function="_snapshot")
    + """
from casefile.jobs.share import share_copy
share_copy(Path(sys.argv[1]), Path(sys.argv[2]), redact=True)
"""
)

_IMPORT = (
    _PAUSE.format(module="casefile.services.interchange", function="load_document")
    + """
from casefile.jobs.json_io import import_json
import_json(Path(sys.argv[1]), Path(sys.argv[2]))
"""
)


def _everything_under(*folders: Path) -> set[str]:
    return {str(p) for folder in folders for p in folder.rglob("*")}


def _run_and_kill(code: str, *args: str | Path) -> None:
    child = Child(code, *args)
    assert child.read_line() == "PAUSED"
    child.kill()


def test_a_killed_redacted_share_leaves_no_unredacted_snapshot(demo_case_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = _everything_under(work_root(), Path("/tmp"))
    _run_and_kill(_SHARE, demo_case_path, out / "shared.casefile")
    # The snapshot was in memory: nothing of it exists on disk, even before any clean-up.
    created = _everything_under(work_root(), Path("/tmp")) - before
    # Other test runs on the same machine write under /tmp too (their own pytest folders): not ours.
    others = str(tmp_path.parents[1])  # /tmp/pytest-of-USER
    created = {p for p in created if not p.startswith(others) or p.startswith(str(tmp_path))}
    assert not [p for p in created if "share" in p], created
    assert list(out.iterdir()) == []


def _killed_import(demo_case_path: Path, tmp_path: Path) -> Path:
    """Kill an import midway; returns the folder it was importing into."""
    document = tmp_path / "case.json"
    export_json(demo_case_path, document)
    target = tmp_path / "target"
    target.mkdir()
    _run_and_kill(_IMPORT, document, target / "imported.casefile")
    return target


def test_a_killed_import_leaves_nothing_after_the_next_start(demo_case_path: Path, tmp_path: Path) -> None:
    target = _killed_import(demo_case_path, tmp_path)
    left = [p.name for p in target.iterdir()]
    assert left and all(name.endswith(BESIDE_SUFFIX) for name in left)  # its work, named as scratch
    removed = clean_stale_work()  # what the next start of Casefile does first
    assert [p.name for p in removed] == left
    assert list(target.iterdir()) == []


def test_the_next_start_of_the_command_cleans_up(demo_case_path: Path, tmp_path: Path) -> None:
    target = _killed_import(demo_case_path, tmp_path)
    assert list(target.iterdir())
    from casefile.cli.main import main

    assert main(["info", str(demo_case_path)]) == 0
    assert list(target.iterdir()) == []


def test_a_killed_backup_never_leaves_a_half_written_bak(demo_case_path: Path) -> None:
    # Paused with the copy written but not yet renamed into place: where a kill used to leave a
    # half-written .bak, since the old code wrote straight to the final name.
    code = """
import sys, os
from pathlib import Path
from casefile.storage import migrate
class Paused:
    @staticmethod
    def replace(*args):
        print("PAUSED", flush=True)
        sys.stdin.readline()
migrate.os = Paused
migrate.backup_to(Path(sys.argv[1]), Path(sys.argv[1] + ".premerge-test.bak"))
"""
    _run_and_kill(code, demo_case_path)
    bak = Path(f"{demo_case_path}.premerge-test.bak")
    assert not bak.exists() and not Path(f"{bak}-journal").exists()
    clean_stale_work()
    assert sorted(p.name for p in demo_case_path.parent.iterdir()) == ["demo.casefile"]


@pytest.mark.skipif(os.name != "posix", reason="process probing is POSIX-only")
def test_the_work_of_a_live_process_is_left_alone(tmp_path: Path) -> None:
    from casefile.scratch import scratch_folder

    with scratch_folder("import", beside=tmp_path / "x.casefile") as folder:
        assert clean_stale_work() == []
        assert folder.is_dir()
