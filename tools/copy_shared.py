"""Copies the shared reference data and seed article into resources/, and records what was copied.

    uv run python tools/copy_shared.py [--shared ../shared]

The reference data (States Parties, party-status events, precedents, the Rome Statute) and the
seed article come from the project's shared folder beside the repository. The repository carries
its own copy, so a clone with nothing beside it runs the app and every test. This tool copies the
files and writes `resources/shared-copy.sha256`: the SHA-256 of each file as copied, with the path
it came from. `tests/test_reference.py` checks the shipped copy against that record on any clone,
and, when the shared folder is beside the repository, checks the shared folder against it too, so a
change upstream is noticed until this tool is run again.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"
RECORD = RESOURCES / "shared-copy.sha256"
FOLDERS = ("reference", "seed")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def shared_files(shared: Path) -> list[Path]:
    """The files of the shared folder that the repository carries, relative to it."""
    return sorted(p.relative_to(shared) for folder in FOLDERS for p in (shared / folder).iterdir() if p.is_file())


def read_record(record: Path = RECORD) -> dict[str, str]:
    """Relative path -> SHA-256, as recorded when the files were last copied."""
    entries = {}
    for line in record.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            sha, name = line.split(maxsplit=1)
            entries[name] = sha
    return entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    lines = ["# Copied from the project's shared folder by tools/copy_shared.py; SHA-256 of each file as copied."]
    for name in shared_files(args.shared):
        shutil.copyfile(args.shared / name, RESOURCES / name)
        lines.append(f"{digest(RESOURCES / name)}  {name.as_posix()}")
    RECORD.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"copied {len(lines) - 1} files; recorded in {RECORD.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
