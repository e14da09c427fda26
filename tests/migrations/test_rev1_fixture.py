"""A case file frozen at schema revision 1 opens at the current revision with every record intact."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import struct
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from casefile.domain.kinds import RECORD_KINDS
from casefile.services import case, links, records, search
from casefile.storage import migrate
from casefile.storage.casefile import CaseFile
from casefile.storage.schema import HEAD_REVISION, SCHEMA_REVISION
from tests.migrations import make_fixture as fixture


def _user_version(path: Path) -> int:
    return struct.unpack(">i", path.read_bytes()[60:64])[0]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def rev1_copy(tmp_path: Path) -> Iterator[Path]:
    """A scratch copy of the frozen fixture; the test fails if anything touched the original."""
    before = _sha256(fixture.FIXTURE)
    target = tmp_path / "rev1.casefile"
    shutil.copyfile(fixture.FIXTURE, target)
    yield target
    assert _sha256(fixture.FIXTURE) == before, "the frozen fixture must never be modified"


def test_the_fixture_is_frozen_at_revision_1() -> None:
    assert _user_version(fixture.FIXTURE) == fixture.REVISION == 1


def test_it_opens_at_the_current_revision(rev1_copy: Path) -> None:
    with CaseFile.open(rev1_copy) as case_file, case_file.engine.connect() as conn:
        assert migrate.current_revision(conn) == HEAD_REVISION

    assert _user_version(rev1_copy) == SCHEMA_REVISION


def test_its_records_read_back(rev1_copy: Path) -> None:
    with CaseFile.open(rev1_copy) as case_file, case_file.reading() as session:
        assert case.the_case(session)["title"] == fixture.TITLE
        for record_id, kind, values in fixture.RECORDS:
            stored = records.get(session, record_id)
            assert stored.kind == kind
            assert {name: stored[name] for name in values} == values, kind
        (end,) = links.links_of(session, fixture.WARRANT)
        hits = {hit.id for hit in search.search(session, "путин")}

    assert (end.link_id, end.direction, end.other_id) == (fixture.LINK, "incoming", fixture.VISIT)
    assert fixture.PUTIN in hits


def test_it_passes_sqlites_own_checks_after_opening(rev1_copy: Path) -> None:
    CaseFile.open(rev1_copy).close()

    with closing(sqlite3.connect(f"{rev1_copy.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_it_has_no_drift_after_opening(rev1_copy: Path) -> None:
    with CaseFile.open(rev1_copy) as case_file, case_file.engine.connect() as conn:
        migrate.check_drift(conn)


def test_the_fixture_holds_every_kind_of_record() -> None:
    # An upgrade test is only as good as what it upgrades: every table must have a row to carry over.
    # Revision 4's kinds did not exist yet; its own fixture (rev4.casefile) holds a row of each.
    assert {kind for _, kind, _ in fixture.RECORDS} == set(RECORD_KINDS) - fixture.KINDS_ADDED_IN_REV4
