"""Writes casefile/storage/fingerprints/rev<N>.json: the exact schema each revision creates.

Run `uv run python tools/make_fingerprints.py` after adding a migration. Each revision is
built from nothing by running the migrations up to it, exactly as Casefile builds a new case;
tests/storage/test_hostile_fingerprint.py checks the files against freshly built and migrated
case files, so a stale fingerprint fails the tests rather than refusing users' files.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from contextlib import closing
from pathlib import Path

from casefile.storage import fingerprint, migrate
from casefile.storage.engine import make_engine
from casefile.storage.schema import ALEMBIC_REVISIONS, APPLICATION_ID

TARGET = Path(__file__).resolve().parents[1] / "casefile" / "storage" / "fingerprints"


def schema_at(revision: int, folder: Path) -> frozenset[fingerprint.SchemaObject]:
    """The schema a file has after running the migrations up to `revision`."""
    path = folder / f"rev{revision}.casefile"
    with closing(sqlite3.connect(path)) as raw:
        raw.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    engine = make_engine(path, foreign_keys=False)
    try:
        with engine.begin() as conn:
            migrate.upgrade(conn, ALEMBIC_REVISIONS[revision])
    finally:
        engine.dispose()
    with closing(sqlite3.connect(path)) as conn:
        return fingerprint.read_schema(conn)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        for revision in sorted(ALEMBIC_REVISIONS):
            target = TARGET / f"rev{revision}.json"
            target.write_text(fingerprint.to_json(schema_at(revision, Path(folder))), encoding="utf-8")
            print(f"Wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
