"""The shipped schema fingerprints are exactly what Casefile writes, fresh and after migration."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from casefile.storage import fingerprint
from casefile.storage.casefile import CaseFile
from casefile.storage.schema import ALEMBIC_REVISIONS, SCHEMA_REVISION
from tests.migrations import make_fixture


def _schema(path: Path) -> frozenset[fingerprint.SchemaObject]:
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        return fingerprint.read_schema(conn)


def _difference(path: Path, revision: int) -> str:
    expected = fingerprint.shipped(revision)
    assert expected is not None
    return fingerprint.compare(_schema(path), expected).describe()


def test_a_new_case_matches_the_current_fingerprint(empty_case_path: Path) -> None:
    assert _difference(empty_case_path, SCHEMA_REVISION) == "", "run tools/make_fingerprints.py"


def test_the_demo_case_matches_the_current_fingerprint(demo_case_path: Path) -> None:
    assert _difference(demo_case_path, SCHEMA_REVISION) == ""


def test_the_frozen_revision_1_file_matches_its_fingerprint() -> None:
    assert _difference(make_fixture.FIXTURE, 1) == ""


def test_a_migrated_revision_1_file_matches_the_current_fingerprint(tmp_path: Path) -> None:
    copy = tmp_path / "rev1.casefile"
    shutil.copyfile(make_fixture.FIXTURE, copy)

    CaseFile.open(copy).close()

    assert _difference(copy, SCHEMA_REVISION) == ""


@pytest.mark.parametrize("revision", sorted(ALEMBIC_REVISIONS))
def test_every_revision_has_a_fingerprint(revision: int) -> None:
    shipped = fingerprint.shipped(revision)
    assert shipped is not None
    assert {o[1] for o in shipped if o[0] == "table"} >= {"records", "persons", "search_index"}


def test_sqlites_own_statistics_tables_are_not_tampering(empty_case_path: Path) -> None:
    with closing(sqlite3.connect(empty_case_path)) as conn:
        conn.execute("ANALYZE")

    assert _difference(empty_case_path, SCHEMA_REVISION) == ""
    CaseFile.open(empty_case_path).close()


def test_a_difference_names_missing_unexpected_and_altered_objects(empty_case_path: Path) -> None:
    with closing(sqlite3.connect(empty_case_path)) as conn:
        conn.execute("DROP INDEX ix_quotes_speaker_id")
        conn.execute("CREATE INDEX sneaky ON persons (name)")
        conn.execute("ALTER TABLE cases ADD COLUMN extra TEXT")

    text = _difference(empty_case_path, SCHEMA_REVISION)

    assert "index 'sneaky'" in text
    assert "altered definitions of table 'cases'" in text
    assert "missing index 'ix_quotes_speaker_id'" in text
