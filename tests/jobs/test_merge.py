"""The merge job: hostile copies are refused untouched, my file is backed up, and a failure changes nothing."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from casefile import identity
from casefile.domain.errors import CasefileError, DamagedCaseFile, NewerCaseFile, NotACaseFile
from casefile.domain.kinds import Kind
from casefile.domain.merge import Resolution
from casefile.jobs import merge as merge_job
from casefile.jobs.merge import MergeCancelled, merge_case
from casefile.services import audit, case, records
from casefile.services import merge as merge_service
from casefile.storage.casefile import CaseFile
from casefile.storage.checks import check_file
from tests.migrations import make_fixture
from tests.storage.filestate import FileState


@pytest.fixture
def theirs_path(demo_case_path: Path, tmp_path: Path) -> Path:
    target = tmp_path / "colleague" / "theirs.casefile"
    target.parent.mkdir()
    shutil.copyfile(demo_case_path, target)
    return target


def add_person(path: Path, name: str) -> str:
    with CaseFile.open(path) as case_file, case_file.unit_of_work() as session:
        return records.create(session, Kind.PERSON, {"name": name}).id


def edit_first_person(path: Path, notes: str) -> str:
    with CaseFile.open(path) as case_file, case_file.unit_of_work() as session:
        person = records.list_records(session, Kind.PERSON)[0].id
        records.update_fields(session, person, {"notes": notes})
        return person


def people(path: Path) -> dict[str, str | None]:
    with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
        return {r.id: r.values["notes"] for r in records.list_records(session, Kind.PERSON)}


def backups(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.premerge-*.bak"))


def test_a_merge_adds_updates_and_reports_per_kind_after_a_verified_backup(
    demo_case_path: Path, theirs_path: Path
) -> None:
    new_person = add_person(theirs_path, "Testperson Quill")
    theirs_before = FileState.of(theirs_path)
    report = merge_case(demo_case_path, theirs_path)
    assert report.applied and report.conflicts == 0
    assert report.counts[Kind.PERSON].added == 1
    assert report.counts[Kind.PERSON].skipped == len(people(demo_case_path)) - 1
    assert report.counts[Kind.LINK].skipped > 0 and report.counts[Kind.LINK].added == 0
    assert new_person in people(demo_case_path)
    assert report.backup is not None and backups(demo_case_path) == [report.backup]
    assert check_file(report.backup).clean
    assert new_person not in people(report.backup)  # the backup is my case as it was
    assert FileState.of(theirs_path).sha256 == theirs_before.sha256


def test_nothing_new_writes_nothing(demo_case_path: Path, theirs_path: Path) -> None:
    before = FileState.of(demo_case_path)
    report = merge_case(demo_case_path, theirs_path)
    assert report.applied and report.backup is None
    assert FileState.of(demo_case_path).sha256 == before.sha256


def test_conflicts_without_a_choice_are_reported_and_not_applied(demo_case_path: Path, theirs_path: Path) -> None:
    person = edit_first_person(demo_case_path, "mine")
    edit_first_person(theirs_path, "theirs")
    add_person(theirs_path, "Testperson Waits")
    before = FileState.of(demo_case_path)
    report = merge_case(demo_case_path, theirs_path)
    assert not report.applied and report.conflicts == 1
    assert person in report.unresolved[0]
    assert FileState.of(demo_case_path) == before  # not even a backup beside it


@pytest.mark.parametrize(
    ("choice", "expected"), [(Resolution.MINE, "mine"), (Resolution.THEIRS, "theirs"), (Resolution.BOTH, "mine")]
)
def test_each_resolution_for_all_conflicts(
    demo_case_path: Path, theirs_path: Path, choice: Resolution, expected: str
) -> None:
    person = edit_first_person(demo_case_path, "mine")
    edit_first_person(theirs_path, "theirs")
    count = len(people(demo_case_path))
    report = merge_case(demo_case_path, theirs_path, choice)
    assert report.applied and report.counts[Kind.PERSON].resolved == {choice: 1}
    after = people(demo_case_path)
    assert after[person] == expected
    assert len(after) == count + (1 if choice == Resolution.BOTH else 0)
    if choice == Resolution.BOTH:
        assert "theirs" in after.values()


def test_a_chooser_sees_the_plan_and_may_decline(demo_case_path: Path, theirs_path: Path) -> None:
    person = edit_first_person(demo_case_path, "mine")
    edit_first_person(theirs_path, "theirs")
    asked = []

    def decline(plan: merge_service.MergePlan) -> None:
        asked.append([c.id for c in plan.conflicts])

    report = merge_case(demo_case_path, theirs_path, decline)
    assert asked == [[person]] and not report.applied


# -- hostile copies ------------------------------------------------------------------------------------------


def _plain_sqlite(path: Path, *statements: str) -> None:
    with closing(sqlite3.connect(path)) as conn:
        for statement in statements:
            conn.execute(statement)
        conn.commit()


def _random_bytes(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 40)


def _another_apps_database(path: Path) -> None:
    path.unlink()
    _plain_sqlite(path, "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)")


def _newer_revision(path: Path) -> None:
    _plain_sqlite(path, "PRAGMA user_version = 99")


def _tampering_trigger(path: Path) -> None:
    _plain_sqlite(
        path,
        "CREATE TRIGGER wipe AFTER INSERT ON quotes BEGIN DELETE FROM audit_log; END",
    )


def _view(path: Path) -> None:
    _plain_sqlite(path, "CREATE VIEW fabricated AS SELECT 'Testperson Fake' AS name")


def _broken_reference(path: Path) -> None:
    _plain_sqlite(
        path, "PRAGMA foreign_keys = OFF", "UPDATE quotes SET speaker_id = '00000000-0000-4000-8000-000000000000'"
    )


@pytest.mark.parametrize(
    ("damage", "error", "words"),
    [
        (_random_bytes, NotACaseFile, "copy to merge"),
        (_another_apps_database, NotACaseFile, "copy to merge"),
        (_newer_revision, NewerCaseFile, "revision 99"),
        (_tampering_trigger, CasefileError, "trigger 'wipe'"),
        (_view, CasefileError, "view 'fabricated'"),
        (_broken_reference, DamagedCaseFile, "copy to merge"),
    ],
)
def test_a_hostile_copy_is_refused_and_neither_file_changes(
    demo_case_path: Path,
    theirs_path: Path,
    damage: Callable[[Path], None],
    error: type[Exception],
    words: str,
) -> None:
    damage(theirs_path)
    mine_before, theirs_before = FileState.of(demo_case_path), FileState.of(theirs_path)
    with pytest.raises(error) as caught:
        merge_case(demo_case_path, theirs_path, Resolution.THEIRS)
    message = str(caught.value)
    assert words in message and "not changed" in message, message
    assert FileState.of(demo_case_path) == mine_before
    assert FileState.of(theirs_path) == theirs_before


def test_merging_a_case_with_itself_is_refused(demo_case_path: Path) -> None:
    with pytest.raises(CasefileError, match="this case itself"):
        merge_case(demo_case_path, demo_case_path)


# -- failures and cancelling -------------------------------------------------------------------------------


def test_a_failure_in_the_middle_leaves_my_file_as_it_was(
    demo_case_path: Path, theirs_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_person(theirs_path, "Testperson Halfway")
    edit_first_person(theirs_path, "theirs")
    before = FileState.of(demo_case_path)

    def fail(*_args: object) -> None:
        raise OSError("disk unplugged")  # after the records went in, before the commit

    monkeypatch.setattr(merge_service, "_set_last_merge", fail)
    with pytest.raises(OSError, match="disk unplugged"):
        merge_case(demo_case_path, theirs_path)
    assert FileState.of(demo_case_path).sha256 == before.sha256
    [backup] = backups(demo_case_path)
    assert check_file(backup).clean
    with CaseFile.open(backup, read_only=True) as copy, copy.reading() as session:
        backed_up = case.counts(session)
    with CaseFile.open(demo_case_path, read_only=True) as original, original.reading() as session:
        assert case.counts(session) == backed_up


def test_cancelling_before_the_write_changes_nothing(demo_case_path: Path, theirs_path: Path) -> None:
    add_person(theirs_path, "Testperson Cancelled")
    before = FileState.of(demo_case_path)
    with pytest.raises(MergeCancelled, match="Nothing was changed"):
        merge_case(demo_case_path, theirs_path, cancelled=lambda: True)
    assert FileState.of(demo_case_path) == before


def test_an_older_copy_is_upgraded_privately_and_left_as_it_came(demo_case_path: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.casefile"
    shutil.copyfile(make_fixture.FIXTURE, old)
    before = FileState.of(old)
    report = merge_case(demo_case_path, old, Resolution.MINE)
    assert report.applied and sum(c.added for c in report.counts.values()) > 0
    assert report.counts[Kind.CASE].skipped == 1  # another case's cover never replaces mine
    after = FileState.of(old)
    assert (after.sha256, after.size, after.mtime_ns) == (before.sha256, before.size, before.mtime_ns)


def test_backup_names_never_collide(tmp_path: Path) -> None:
    path = tmp_path / "case.casefile"
    first = merge_job.backup_path(path)
    first.write_bytes(b"x")
    assert merge_job.backup_path(path) != first


def test_a_colleagues_edits_carry_their_name_after_a_merge(demo_case_path: Path, theirs_path: Path) -> None:
    me, colleague = "Мария Иванова", "דוד כהן <&>"
    identity.use(colleague)  # their copy, edited on their computer under their name
    added_there = add_person(theirs_path, "Testperson Quill")
    edited_there = edit_first_person(theirs_path, "checked against the UN record")
    identity.use(me)
    added_here = add_person(demo_case_path, "Testperson Mine")
    report = merge_case(demo_case_path, theirs_path)
    assert report.applied
    with CaseFile.open(demo_case_path, read_only=True) as case_file, case_file.reading() as session:
        trail = audit.entries(session)
    by_record = {(e.record_id, e.action): e.actor for e in trail}
    assert by_record[(added_here, "create")] == me
    assert by_record[(added_there, "merge")] == colleague
    assert by_record[(edited_there, "merge")] == colleague
    assert trail[-1].action == "merge" and trail[-1].record_id is None and trail[-1].actor == me
    assert {me, colleague} <= {e.actor for e in trail}
