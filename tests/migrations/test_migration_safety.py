"""Migrating an older case file never loses or half-changes it: failures, kill -9, cascades, backups, the log.

Failures are injected through a copy of the real Alembic scripts in tmp_path, with one script
changed or added; the app's own migrate_with_backup runs them.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from casefile.domain.compliance import FindingStatus
from casefile.domain.errors import CaseFileProblem, DamagedCaseFile
from casefile.domain.kinds import Kind
from casefile.paths import migrations_dir
from casefile.services import audit, records
from casefile.services.findings import findings_for_case
from casefile.storage import inspection, migrate
from casefile.storage.casefile import CaseFile
from casefile.storage.checks import check_file
from casefile.storage.engine import make_engine
from casefile.storage.schema import HEAD_REVISION, SCHEMA_REVISION
from tests.conftest import TEST_ANALYST
from tests.migrations import make_fixture as fixture

ROOT = Path(__file__).resolve().parents[2]
MARKER_ENV = "CASEFILE_TEST_MIGRATION_MARKER"

# Appended to a copy of 0002: run the real upgrade, then fail while a marker file exists.
FAIL_AFTER_REAL_UPGRADE = """

def upgrade() -> None:
    import os
    from pathlib import Path

    _real_upgrade()
    if Path(os.environ["CASEFILE_TEST_MIGRATION_MARKER"]).exists():
        raise RuntimeError("injected failure halfway through the migration")
"""

# Appended to a copy of 0002: run the real upgrade, write enough to spill pages into the file,
# announce it through the marker, then wait to be killed.
HANG_AFTER_REAL_UPGRADE = """

def upgrade() -> None:
    import os
    import threading
    from pathlib import Path

    _real_upgrade()
    op.execute("PRAGMA cache_size = 10")
    op.execute("CREATE TABLE ballast AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
               "WHERE i < 20000) SELECT i, randomblob(200) AS b FROM n")
    Path(os.environ["CASEFILE_TEST_MIGRATION_MARKER"]).write_text("mid-migration")
    threading.Event().wait()
"""

BATCH_ON_RECORDS = '''"""Test revision: rebuild the parent table of every record, as a batch migration does."""
import sqlalchemy as sa
from alembic import op

revision = "0099"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("records", recreate="always") as batch_op:
        batch_op.add_column(sa.Column("test_note", sa.Text(), nullable=True))


def downgrade() -> None:
    raise NotImplementedError
'''

LOSES_A_ROW = '''"""Test revision: a buggy migration that deletes a row."""
from alembic import op

revision = "0099"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DELETE FROM party_corrections")
    op.execute("DELETE FROM quotes WHERE id IN (SELECT id FROM quotes LIMIT 1)")


def downgrade() -> None:
    raise NotImplementedError
'''

CHILD_RUNNER = """
import sys
from pathlib import Path

import casefile.storage.migrate as migrate

migrate.migrations_dir = lambda: Path(sys.argv[1])
from casefile.storage.casefile import CaseFile
from casefile.storage.engine import make_engine

CaseFile.open(Path(sys.argv[2]))
"""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _row_counts(path: Path) -> dict[str, int]:
    with closing(_read_only(path)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def _dump(path: Path) -> list[str]:
    with closing(_read_only(path)) as conn:
        return list(conn.iterdump())


def _user_version(path: Path) -> int:
    with closing(_read_only(path)) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _scripts(tmp_path: Path, *, patched_0002: str | None = None, extra: str | None = None) -> Path:
    """A copy of the real migration scripts, with 0002 wrapped or a test revision added after the head."""
    folder = tmp_path / "scripts"
    shutil.copytree(migrations_dir(), folder, ignore=shutil.ignore_patterns("__pycache__"))
    versions = folder / "versions"
    if patched_0002 is not None:
        (real,) = versions.glob("0002_*.py")
        source = real.read_text(encoding="utf-8").replace("def upgrade() -> None:", "def _real_upgrade() -> None:")
        real.write_text(source + patched_0002, encoding="utf-8")
    if extra is not None:
        # The test revision follows whatever revision the app is at, so these tests outlive the next revision.
        (versions / "0099_test.py").write_text(extra.replace("{head}", HEAD_REVISION), encoding="utf-8")
    return folder


@pytest.fixture
def rev1_copy(tmp_path: Path) -> Path:
    target = tmp_path / "rev1.casefile"
    shutil.copyfile(fixture.FIXTURE, target)
    return target


@pytest.fixture
def marker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "marker"
    monkeypatch.setenv(MARKER_ENV, str(path))
    yield path


def test_upgrading_rev1_keeps_every_row_writes_a_verified_backup_and_logs_it(rev1_copy: Path) -> None:
    before, original = _row_counts(rev1_copy), _dump(rev1_copy)

    with CaseFile.open(rev1_copy) as case_file, case_file.reading() as session:
        entries = audit.entries(session)
        broken = audit.verify_chain(session)

    after = _row_counts(rev1_copy)
    assert {t: after[t] for t in before if t != "alembic_version"} == {
        t: n for t, n in before.items() if t != "alembic_version"
    }
    backup = rev1_copy.with_name("rev1.casefile.v1.bak")
    assert _dump(backup) == original and _user_version(backup) == 1
    with closing(_read_only(backup)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    (migration,) = entries
    # The upgrade is by whoever opened the file (the environment's analyst here), not the case's Analyst.
    assert (migration.action, migration.actor, broken) == ("migrate", TEST_ANALYST, None)
    detail = migration.details()
    assert (detail["from_revision"], detail["to_revision"], detail["backup"]) == (1, SCHEMA_REVISION, backup.name)
    assert detail["rows"]["persons"] == before["persons"] == 2


def test_a_migration_never_overwrites_an_earlier_backup(rev1_copy: Path) -> None:
    earlier = rev1_copy.with_name("rev1.casefile.v1.bak")
    earlier.write_bytes(b"an analyst's earlier backup")

    CaseFile.open(rev1_copy).close()

    assert earlier.read_bytes() == b"an analyst's earlier backup"
    assert _dump(rev1_copy.with_name("rev1.casefile.v1.2.bak")) == _dump(fixture.FIXTURE)


def test_a_migration_that_fails_halfway_leaves_the_file_untouched_and_a_retry_works(
    rev1_copy: Path, tmp_path: Path, marker: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scripts = _scripts(tmp_path, patched_0002=FAIL_AFTER_REAL_UPGRADE)
    monkeypatch.setattr(migrate, "migrations_dir", lambda: scripts)
    marker.write_text("fail")
    before = _sha256(rev1_copy)

    with pytest.raises(CaseFileProblem, match="injected failure") as refused:
        CaseFile.open(rev1_copy)

    assert "The file was not changed" in refused.value.hint
    assert _sha256(rev1_copy) == before
    assert not rev1_copy.with_name("rev1.casefile-journal").exists()
    with pytest.raises(CaseFileProblem, match="injected failure"):
        CaseFile.open(rev1_copy)  # the same failure again: nothing was left half-done to trip over
    assert _sha256(rev1_copy) == before

    marker.unlink()
    with CaseFile.open(rev1_copy) as case_file, case_file.engine.connect() as conn:
        assert migrate.current_revision(conn) == HEAD_REVISION
    assert _user_version(rev1_copy) == SCHEMA_REVISION


def test_a_migration_that_would_lose_rows_is_refused_and_changes_nothing(
    demo_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scripts = _scripts(tmp_path, extra=LOSES_A_ROW)
    monkeypatch.setattr(migrate, "migrations_dir", lambda: scripts)
    before = _sha256(demo_case_path)

    with pytest.raises(DamagedCaseFile, match="'quotes': ") as refused:
        migrate.migrate_with_backup(demo_case_path, inspection.inspect(demo_case_path))

    assert "left as it was" in refused.value.hint
    assert _sha256(demo_case_path) == before


def test_a_batch_migration_of_the_parent_table_keeps_every_cascading_child(
    demo_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # records is the parent of every kind's table through ON DELETE CASCADE; a batch migration
    # copies it, drops it and renames the copy.
    scripts = _scripts(tmp_path, extra=BATCH_ON_RECORDS)
    monkeypatch.setattr(migrate, "migrations_dir", lambda: scripts)
    before = _row_counts(demo_case_path)
    assert before["persons"] > 0 and before["links"] > 0

    migrate.migrate_with_backup(demo_case_path, inspection.inspect(demo_case_path))

    after = _row_counts(demo_case_path)
    assert {t: n for t, n in after.items() if t != "audit_log"} == {t: n for t, n in before.items() if t != "audit_log"}
    assert after["audit_log"] == before["audit_log"] + 1
    with closing(_read_only(demo_case_path)) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert "test_note" in {row[1] for row in conn.execute("PRAGMA table_info(records)")}


def test_the_same_batch_migration_with_foreign_keys_on_deletes_the_children(
    empty_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The control for the test above: what running with foreign keys off prevents. (With rows that
    # RESTRICT references point at, SQLite refuses the drop instead; here nothing points at the person.)
    with CaseFile.open(empty_case_path) as case_file, case_file.unit_of_work() as session:
        records.create(session, Kind.PERSON, {"name": "Ivan Fictional"})
    scripts = _scripts(tmp_path, extra=BATCH_ON_RECORDS)
    monkeypatch.setattr(migrate, "migrations_dir", lambda: scripts)
    engine = make_engine(empty_case_path, foreign_keys=True)
    try:
        with engine.connect() as conn:
            conn.begin()
            migrate.upgrade(conn)
            persons = conn.exec_driver_sql("SELECT count(*) FROM persons").scalar_one()
            conn.rollback()
    finally:
        engine.dispose()
    assert persons == 0


def _wait_for(marker: Path, child: subprocess.Popen[bytes], seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while not marker.exists():
        if child.poll() is not None:
            raise AssertionError(f"the migration ended before the marker: {child.stderr.read()!r}")  # type: ignore[union-attr]
        if time.monotonic() > deadline:
            raise AssertionError("the migration never reached the marker")
        time.sleep(0.02)  # polling a file another process writes; there is no signal to wait on


@pytest.mark.skipif(os.name != "posix", reason="kill -9 is POSIX")
def test_kill_9_during_a_migration_leaves_the_old_revision_intact_then_it_migrates_fully(
    rev1_copy: Path, tmp_path: Path, marker: Path
) -> None:
    scripts = _scripts(tmp_path, patched_0002=HANG_AFTER_REAL_UPGRADE)
    original_dump, original_counts = _dump(rev1_copy), _row_counts(rev1_copy)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD_RUNNER, str(scripts), str(rev1_copy)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, MARKER_ENV: str(marker)},
    )  # fmt: skip
    try:
        _wait_for(marker, child)
        journal = rev1_copy.with_name("rev1.casefile-journal")
        assert journal.stat().st_size > 0, "the migration should have been mid-transaction"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
        assert child.stderr is not None
        child.stderr.close()

    # The hot journal is played back: the file is exactly the old revision, not half of each.
    inspection.finish_interrupted_save(rev1_copy)
    assert inspection.inspect(rev1_copy).schema_revision == 1
    assert _dump(rev1_copy) == original_dump and _row_counts(rev1_copy) == original_counts
    backup = rev1_copy.with_name("rev1.casefile.v1.bak")
    assert _dump(backup) == original_dump

    with CaseFile.open(rev1_copy) as case_file, case_file.reading() as session:
        assert [e.action for e in audit.entries(session)] == ["migrate"]
    assert _user_version(rev1_copy) == SCHEMA_REVISION
    assert "ballast" not in _row_counts(rev1_copy)


@pytest.fixture
def rev2_copy(tmp_path: Path) -> Iterator[Path]:
    before = _sha256(fixture.FIXTURE_REV2)
    target = tmp_path / "rev2.casefile"
    shutil.copyfile(fixture.FIXTURE_REV2, target)
    yield target
    assert _sha256(fixture.FIXTURE_REV2) == before, "the frozen fixture must never be modified"


def test_the_rev2_fixture_is_frozen_at_revision_2_with_a_row_in_every_table() -> None:
    assert _user_version(fixture.FIXTURE_REV2) == 2
    empty = [t for t, n in _row_counts(fixture.FIXTURE_REV2).items() if n == 0 and not t.startswith("sqlite_")]
    assert empty == ["party_corrections"]  # as in revision 1, a case need not correct the States Parties data


def test_the_rev2_fixture_opens_with_its_records_and_its_audit_trail_intact(rev2_copy: Path) -> None:
    with CaseFile.open(rev2_copy) as case_file, case_file.reading() as session:
        visit = records.get(session, fixture.VISIT)
        actions = {e.action for e in audit.entries(session)}
        broken = audit.verify_chain(session)
        history = [e.action for e in audit.entries_for(session, fixture.QUOTE)]

    assert visit["place"] == fixture.REV2_EDIT["place"]
    assert broken is None, "rows written by revision 2 must verify forever: the hash format is frozen"
    assert {"create", "link", "edit", "delete", "restore"} <= actions
    assert history == ["create", "delete", "restore"]
    assert check_file(rev2_copy).clean


def test_upgrading_rev2_marks_icc_organs_by_the_old_name_rule_so_findings_do_not_change(rev2_copy: Path) -> None:
    with CaseFile.open(rev2_copy) as case_file, case_file.reading() as session:
        chamber = records.get(session, fixture.CHAMBER)
        outlet = records.get(session, fixture.OUTLET)
        duty = findings_for_case(session)[0]
    assert chamber["icc_organ"] is True  # "ICC Pre-Trial Chamber II": the name rule held before the upgrade
    assert outlet["icc_organ"] is False
    assert duty.status == FindingStatus.RAISED
    assert any("record is marked 'ICC organ'" in s.text for s in duty.steps)


def test_the_rev3_fixture_opens_and_its_field_alone_marks_an_icc_organ(tmp_path: Path) -> None:
    assert _user_version(fixture.FIXTURE_REV3) == 3
    target = tmp_path / "rev3.casefile"
    shutil.copyfile(fixture.FIXTURE_REV3, target)
    with CaseFile.open(target) as case_file, case_file.reading() as session:
        appeals = records.get(session, fixture.APPEALS)
        broken = audit.verify_chain(session)
    assert appeals["name"] == fixture.APPEALS_NAME and appeals["icc_organ"] is True
    assert broken is None
    assert check_file(target).clean


def test_the_rev3_fixture_upgrades_to_rev4_and_takes_corrections_and_precedents(tmp_path: Path) -> None:
    target = tmp_path / "rev3.casefile"
    shutil.copyfile(fixture.FIXTURE_REV3, target)
    with CaseFile.open(target) as case_file, case_file.unit_of_work() as session:
        assert records.list_records(session, Kind.STATUS_CORRECTION) == []
        assert records.list_records(session, Kind.PRECEDENT) == []
        before = [f.status for f in findings_for_case(session)]
        values = {"iso2": "MN", "action": "add", "event_kind": "withdrawal_effective", "date": "2024-09-01",
                  "citation": "Hypothetical test event"}  # fmt: skip
        records.create(session, Kind.STATUS_CORRECTION, values)
        after = findings_for_case(session)
        broken = audit.verify_chain(session)
    assert _user_version(target) == SCHEMA_REVISION
    assert before[0] == FindingStatus.RAISED and after[0].status == FindingStatus.NOT_RAISED
    # Recorded by the person using Casefile (the tests' CASEFILE_ANALYST), not the case's Analyst field.
    assert f"case correction by {TEST_ANALYST}, source Hypothetical test event" in after[0].reason
    assert broken is None
    assert check_file(target).clean


def test_the_rev4_fixture_opens_with_its_correction_and_precedent(tmp_path: Path) -> None:
    assert _user_version(fixture.FIXTURE_REV4) == 4
    target = tmp_path / "rev4.casefile"
    shutil.copyfile(fixture.FIXTURE_REV4, target)
    with CaseFile.open(target) as case_file, case_file.reading() as session:
        correction = records.get(session, fixture.CORRECTION)
        precedent = records.get(session, fixture.PRECEDENT)
        broken = audit.verify_chain(session)
    assert correction["note"] == fixture.CORRECTION_NOTE and correction["recorded_by"] == "Аналитик"
    assert precedent["person"] == fixture.PUTIN and precedent["outcome"] == "non_compliance_referred"
    assert broken is None
    assert check_file(target).clean
